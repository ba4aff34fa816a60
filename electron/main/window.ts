import { BrowserWindow, shell } from 'electron';
import { join } from 'node:path';
import { mainWindowOptions } from './security-policy.ts';

/**
 * The hardened window (options in security-policy.ts): no navigation away from the app, no new
 * windows (links to the web open in the user's browser instead).
 */
export function createMainWindow(preloadPath: string, rendererUrl: string | null, rendererFile: string): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath));
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https:')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  if (rendererUrl) void window.loadURL(rendererUrl);
  else void window.loadFile(rendererFile);
  return window;
}

export function rendererPaths(outDir: string) {
  return {
    preload: join(outDir, '../preload/index.cjs'),
    html: join(outDir, '../renderer/index.html'),
    engine: join(outDir, 'engine.js'),
    analysisJob: join(outDir, 'analysis-job.js'),
    inferenceWorker: join(outDir, 'inference-worker.js'),
    sportscodeWorker: join(outDir, 'sportscode-worker.js'),
    providerProbe: join(outDir, 'provider-probe.js'),
  };
}
