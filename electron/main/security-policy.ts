/**
 * What the Electron shell lets its window do, as plain functions with no Electron runtime import,
 * so they are unit-tested under Node (no Electron binary runs in CI): the window's options, which
 * requests the page may make, which permissions it gets. index.ts only wires them to Electron.
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';

/** Isolated, sandboxed, no Node in the page, no mixed content, no <webview>. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    backgroundColor: '#10141a',
    title: 'Rinkside',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Where the page itself comes from and the loopback media server, if it runs. */
export interface PagePolicy {
  /** Folder of the built renderer (index.html and its assets). */
  rendererDir: string;
  /** electron-vite's dev server origin in development, else null. */
  devServerUrl: string | null;
  /** The loopback media fallback: its port and per-launch token, once it listens. */
  loopbackMedia: { port: number; token: string } | null;
}

function insideFolder(folder: string, file: string): boolean {
  const rel = relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** electron-vite's dev server: its pages over http and its hot-reload socket over ws. */
function isDevServer(url: URL, policy: PagePolicy): boolean {
  if (policy.devServerUrl === null) return false;
  const dev = new URL(policy.devServerUrl);
  return (
    (url.protocol === dev.protocol || (url.protocol === 'ws:' && dev.protocol === 'http:')) && url.host === dev.host
  );
}

/** A request to the loopback media server: exactly its port, its path shape and its token. */
function isOwnLoopbackMedia(url: URL, media: PagePolicy['loopbackMedia']): boolean {
  if (!media) return false;
  return (
    url.protocol === 'http:' &&
    url.hostname === '127.0.0.1' &&
    url.port === String(media.port) &&
    url.username === '' &&
    url.password === '' &&
    /^\/media\/[A-Za-z0-9_.-]+$/.test(url.pathname) &&
    url.searchParams.getAll('token').length === 1 &&
    url.searchParams.get('token') === media.token
  );
}

/**
 * No remote content: the page may load its own files, our media scheme, data/blob URLs it made,
 * devtools, the dev server in development, and the loopback media server with its token. Every
 * other request (the web, other local ports, other files on disk) is cancelled.
 */
export function isRequestAllowed(rawUrl: string, policy: PagePolicy): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  switch (url.protocol) {
    case 'rinkside-media:':
    case 'data:':
    case 'blob:':
    case 'devtools:':
      return true;
    case 'file:':
      try {
        return insideFolder(policy.rendererDir, fileURLToPath(url));
      } catch {
        return false;
      }
    case 'http:':
    case 'https:':
    case 'ws:':
      return isDevServer(url, policy) || isOwnLoopbackMedia(url, policy.loopbackMedia);
    default:
      return false;
  }
}

/** Whether a URL is the app's own page (not a frame or a page it was somehow navigated to). */
function isOwnPage(rawUrl: string, policy: PagePolicy): boolean {
  if (rawUrl === '') return false;
  try {
    const url = new URL(rawUrl);
    if (url.protocol === 'file:') return insideFolder(policy.rendererDir, fileURLToPath(url));
    return url.protocol !== 'ws:' && isDevServer(url, policy);
  } catch {
    return false;
  }
}

/**
 * Permissions are denied by default. The analyst's only use is putting the video full screen;
 * camera, microphone, location, notifications, clipboard reads, MIDI, HID, serial, USB… never.
 */
const GRANTED = new Set(['fullscreen']);

export function isPermissionAllowed(permission: string, requestingUrl: string, policy: PagePolicy): boolean {
  return GRANTED.has(permission) && isOwnPage(requestingUrl, policy);
}
