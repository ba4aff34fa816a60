import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isPermissionAllowed, isRequestAllowed, mainWindowOptions, type PagePolicy } from './security-policy.ts';

const rendererDir = '/opt/Rinkside/resources/app.asar/out/renderer';
const page = pathToFileURL(join(rendererDir, 'index.html')).href;
const token = 'Zm9vYmFyYmF6cXV4cXV1eGNvcmdl';
const packaged: PagePolicy = { rendererDir, devServerUrl: null, loopbackMedia: { port: 41234, token } };
const media = `http://127.0.0.1:41234/media/3f2a0c1e-8f0a-4c53-9d7e-2a51f1f0c001.original?token=${token}`;

describe('the window', () => {
  it('is isolated and sandboxed, with no Node, no webview and no insecure content', () => {
    const options = mainWindowOptions('/app/out/preload/index.cjs');
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe('the request filter', () => {
  it('lets the app load its own page, its media scheme and what it made itself', () => {
    for (const url of [
      page,
      pathToFileURL(join(rendererDir, 'assets/index-abc123.js')).href,
      'rinkside-media://video/3f2a0c1e-8f0a-4c53-9d7e-2a51f1f0c001/original',
      'data:image/png;base64,iVBORw0KGgo=',
      'blob:file:///0b7c1f3e-1234-4cde-9abc-def012345678',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isRequestAllowed(url, packaged), url).toBe(true);
    }
  });

  it('allows the loopback media fallback exactly for its own port and token', () => {
    expect(isRequestAllowed(media, packaged)).toBe(true);
    for (const url of [
      media.replace(token, `${token.slice(0, -1)}x`), // wrong token
      media.replace(`?token=${token}`, ''), // no token
      `${media}&token=${token}`, // the token twice
      media.replace('41234', '41235'), // another local port
      media.replace('127.0.0.1', 'localhost'),
      media.replace('http:', 'https:'),
      media.replace('/media/', '/admin/'),
      media.replace('.original', '/../../etc/passwd'),
      media.replace('http://', 'http://user:pass@'),
      `http://127.0.0.1:41234/?token=${token}`,
    ]) {
      expect(isRequestAllowed(url, packaged), url).toBe(false);
    }
    // Before the loopback server listens (or when it is not used) nothing on 127.0.0.1 passes.
    expect(isRequestAllowed(media, { ...packaged, loopbackMedia: null })).toBe(false);
  });

  it('cancels remote content and files outside the renderer', () => {
    for (const url of [
      'https://example.com/tracker.js',
      'http://example.com/',
      'ws://example.com/socket',
      'file:///etc/passwd',
      pathToFileURL('/opt/Rinkside/resources/app.asar/out/main/index.js').href,
      pathToFileURL(`${rendererDir}-evil/index.html`).href,
      'ftp://example.com/x',
      'chrome://settings',
      'javascript:alert(1)',
      'not a url',
    ]) {
      expect(isRequestAllowed(url, packaged), url).toBe(false);
    }
  });

  it('in development also allows the dev server and its hot-reload socket, nothing else', () => {
    const dev: PagePolicy = { ...packaged, devServerUrl: 'http://localhost:5173' };
    expect(isRequestAllowed('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isRequestAllowed('ws://localhost:5173/', dev)).toBe(true);
    expect(isRequestAllowed('http://localhost:5174/', dev)).toBe(false);
    expect(isRequestAllowed('http://localhost:5173/', packaged)).toBe(false);
  });
});

describe('permissions', () => {
  it('are denied by default, whoever asks', () => {
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'midiSysex',
      'pointerLock',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'display-capture',
      'hid',
      'serial',
      'usb',
      'idle-detection',
      'window-management',
      'unknown',
    ]) {
      expect(isPermissionAllowed(permission, page, packaged), permission).toBe(false);
    }
  });

  it('grant only full screen, and only to the app’s own page', () => {
    expect(isPermissionAllowed('fullscreen', page, packaged)).toBe(true);
    expect(isPermissionAllowed('fullscreen', 'https://example.com/', packaged)).toBe(false);
    expect(isPermissionAllowed('fullscreen', 'file:///tmp/evil.html', packaged)).toBe(false);
    expect(isPermissionAllowed('fullscreen', media, packaged)).toBe(false);
    expect(isPermissionAllowed('fullscreen', '', packaged)).toBe(false);
  });
});
