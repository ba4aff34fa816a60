/**
 * The Electron shell: lifecycle, the window, the media protocol, the IPC relay. Thin on purpose —
 * everything else runs in the engine process and is tested without Electron.
 */
import { dirname, join } from 'node:path';
import { app, dialog, ipcMain, session, shell, type BrowserWindow } from 'electron';
import { AppFailure } from '../contract/errors.ts';
import { createLogger, stderrSink } from '../engine/log.ts';
import { MEDIA_CHANGED_MESSAGE } from '../engine/media/file-identity.ts';
import { createCommandRelay } from '../engine/process/relay.ts';
import { startEngineSupervisor } from '../engine/process/supervisor.ts';
import { forkUtility, utilityEngineChild } from './engine-child.ts';
import { createLaunchBroker } from './launch-broker.ts';
import { createExportTargets, guardExportTargets } from './export-targets.ts';
import { safeStorageSealing, sessionStoreChoice } from './session-sealing.ts';
import { createIpcInvokeHandler } from './ipc-relay.ts';
import { handleMediaProtocol, MEDIA_SCHEME, registerMediaScheme } from './media-protocol.ts';
import { startLoopbackMedia } from './loopback-media.ts';
import { isPermissionAllowed, isRequestAllowed, type PagePolicy } from './security-policy.ts';
import { createMainWindow, rendererPaths } from './window.ts';

const log = createLogger(stderrSink('info'), 'main');
registerMediaScheme();

if (!app.requestSingleInstanceLock()) app.quit();

app.whenReady().then(() => {
  const paths = rendererPaths(import.meta.dirname);
  let window: BrowserWindow | null = null;

  // The engine's helper processes (analysis jobs, their provider probes) are utility processes
  // started here at its request: nothing forks the Electron binary as plain Node.
  const launches = createLaunchBroker({
    fork: forkUtility,
    allowedEntries: [paths.analysisJob, paths.providerProbe],
    env: process.env,
    log: log.child('launch'),
  });
  const engine = startEngineSupervisor({
    spawn: () => utilityEngineChild(paths.engine, launches),
    config: {
      dataDir: app.getPath('userData'),
      appVersion: app.getVersion(),
      ffmpegPath: null,
      ffprobePath: null,
      nativeDialogs: true,
      // models/ is unpacked from app.asar: native code (ORT) cannot open files inside it.
      modelsDir: app.isPackaged ? join(process.resourcesPath, 'models') : join(app.getAppPath(), 'models'),
      analysisJobEntry: paths.analysisJob,
      inferenceWorkerEntry: paths.inferenceWorker,
      sportscodeWorkerEntry: paths.sportscodeWorker,
      providerProbeEntry: paths.providerProbe,
      sessionStore: sessionStoreChoice(),
    },
    shellCalls: safeStorageSealing,
    log: log.child('supervisor'),
    onEvent: (name, payload) => window?.webContents.send('rinkside:event', name, payload),
  });
  handleMediaProtocol(engine);
  // protocol.handle has open seeking bugs upstream (electron/electron#38749 and kin): the same
  // range-serving module behind a loopback server with a per-launch token is the fallback.
  const loopback = process.env.RINKSIDE_MEDIA_TRANSPORT === 'loopback' ? startLoopbackMedia(log) : null;

  // Exports write only where main's own dialogs pointed (export-targets.ts).
  const targets = createExportTargets();
  const shellRelay = createCommandRelay(engine, {
    'dialog.pickVideos': async () => {
      const result = await dialog.showOpenDialog({
        title: 'Import game video',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'Video', extensions: ['mp4', 'mov', 'm4v', 'mkv', 'ts', 'mts', 'avi', 'webm'] }],
      });
      return { paths: result.canceled ? [] : result.filePaths };
    },
    // Export targets come from here, not from text the page made up: absolute, overwrite confirmed.
    'dialog.saveFile': async (args) => {
      const result = await dialog.showSaveDialog({
        title: args.title,
        defaultPath: args.defaultName,
        filters: [{ name: args.extensions.join(', ').toUpperCase(), extensions: args.extensions }],
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      return { path: targets.chosenFile(result.canceled || !result.filePath ? null : result.filePath) };
    },
    'dialog.pickFolder': async (args) => {
      const result = await dialog.showOpenDialog({
        title: args.title,
        properties: ['openDirectory', 'createDirectory'],
      });
      return { path: targets.chosenFolder(result.canceled ? null : (result.filePaths[0] ?? null)) };
    },
    'shell.reveal': async (args) => {
      shell.showItemInFolder(args.path);
      return { shown: true };
    },
    'media.url': async (args) => {
      const file = await engine.internal('mediaPath', args);
      if (!file) throw new AppFailure('not-found', 'That video has no playable file in the library.');
      if (file.changed) throw new AppFailure('media-changed', MEDIA_CHANGED_MESSAGE);
      if (loopback) return { url: (await loopback).url(args.videoId, args.variant, file) };
      return { url: `${MEDIA_SCHEME}://video/${args.videoId}/${args.variant}` };
    },
  });
  const relay = guardExportTargets(shellRelay, targets);

  // Only our own window's top frame may call the engine.
  ipcMain.handle(
    'rinkside:invoke',
    createIpcInvokeHandler(
      relay,
      (event) => !!window && event.sender === window.webContents && event.senderFrame === window.webContents.mainFrame,
      log.child('ipc'),
    ),
  );

  // No remote content, no permissions but full screen (security-policy.ts).
  const policy: PagePolicy = {
    rendererDir: dirname(paths.html),
    devServerUrl: process.env.ELECTRON_RENDERER_URL ?? null,
    loopbackMedia: null,
  };
  void loopback?.then((media) => (policy.loopbackMedia = media.access));
  const { webRequest } = session.defaultSession;
  webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, policy) }));
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details.requestingUrl, policy)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isPermissionAllowed(permission, details.requestingUrl ?? requestingOrigin, policy),
  );
  session.defaultSession.setDevicePermissionHandler(() => false);

  window = createMainWindow(paths.preload, process.env.ELECTRON_RENDERER_URL ?? null, paths.html);
  app.on('window-all-closed', () => {
    void engine.close().finally(() => app.quit());
  });
});
