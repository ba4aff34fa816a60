/**
 * The only bridge between the sandboxed renderer and the app: typed invoke and on, and the path of a
 * dropped file. No Node, no ipcRenderer, no arbitrary channels reach the page.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { InvokeReply, RinksideBridge, RinksideFiles } from '../contract/invoke.ts';

const bridge: RinksideBridge = {
  async invoke(command, args) {
    const reply = (await ipcRenderer.invoke('rinkside:invoke', command, args)) as InvokeReply;
    if (reply.ok) return reply.value as never;
    // AppError crosses as plain data; the renderer maps its kind to wording.
    throw reply.error;
  },
  on(event, listener) {
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on('rinkside:event', handler);
    return () => {
      ipcRenderer.removeListener('rinkside:event', handler);
    };
  },
};

// Dropped files: the page gets the path of a file the analyst dropped, and nothing else of the disk.
const files: RinksideFiles = {
  pathForFile: (file) => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('rinkside', bridge);
contextBridge.exposeInMainWorld('rinksideFiles', files);
