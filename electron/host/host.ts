import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AppFailure } from '../contract/errors.ts';
import type { Logger } from '../engine/log.ts';
import { MEDIA_CHANGED_MESSAGE } from '../engine/media/file-identity.ts';
import { serveMediaFile } from '../engine/media-server/library-media.ts';
import type { EngineConfig } from '../engine/process/protocol.ts';
import { createCommandRelay, type CommandRelay } from '../engine/process/relay.ts';
import {
  startEngineSupervisor,
  type EngineChild,
  type EngineSupervisor,
  type EngineSupervisorOptions,
} from '../engine/process/supervisor.ts';
import { forkEngineChild } from '../engine/process/fork-child.ts';
import { tokenMatches } from './access.ts';
import { readStaticFile } from './static-files.ts';
import { createWsBinding } from './ws-binding.ts';

export interface BrowserHostOptions {
  rendererDir: string;
  engine: Omit<EngineConfig, 'nativeDialogs'>;
  log: Logger;
  port?: number;
  spawnEngine?: () => EngineChild;
  /** Stops a start that is still waiting for the engine (a signal arrived, or it never became ready). */
  signal?: AbortSignal;
  /** The engine heartbeat (the supervisor's default when unset). */
  heartbeat?: EngineSupervisorOptions['heartbeat'];
}

export interface BrowserHost {
  /** Page URL including the per-launch token. */
  url: string;
  origin: string;
  token: string;
  relay: CommandRelay;
  engine: EngineSupervisor;
  close(): Promise<void>;
}

/**
 * Development and e2e host: serves the built renderer, the command table over a WebSocket and
 * the media files over HTTP ranges, on 127.0.0.1 only, guarded by a per-launch token.
 * Not part of production builds (Electron uses ipcMain and its media protocol instead).
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const { log } = options;
  const token = randomBytes(24).toString('base64url');
  let origin = '';
  let ws: ReturnType<typeof createWsBinding> | null = null;

  const engine = startEngineSupervisor({
    spawn: options.spawnEngine ?? (() => forkEngineChild()),
    config: { ...options.engine, nativeDialogs: false },
    log: log.child('supervisor'),
    ...(options.heartbeat ? { heartbeat: options.heartbeat } : {}),
    onEvent: (name, payload) => ws?.broadcast(name, payload),
  });

  const relay = createCommandRelay(engine, {
    'dialog.pickVideos': async () => ({ paths: [] }),
    // No native dialogs in a browser: the page asks for a full path, which the engine checks.
    'dialog.saveFile': async () => ({ path: null }),
    'dialog.pickFolder': async () => ({ path: null }),
    // A browser tab cannot open the file manager; the page shows the path instead.
    'shell.reveal': async () => ({ shown: false }),
    'media.url': async (args) => {
      const file = await engine.internal('mediaPath', args);
      if (!file) throw new AppFailure('not-found', 'That video has no playable file in the library.');
      if (file.changed) throw new AppFailure('media-changed', MEDIA_CHANGED_MESSAGE);
      return { url: `${origin}/media/${args.videoId}/${args.variant}?token=${token}` };
    },
  });
  ws = createWsBinding({ relay, token, ownOrigin: () => origin, log: log.child('ws') });

  async function handleMedia(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (!tokenMatches(token, url.searchParams.get('token'))) return void response.writeHead(403).end();
    const match = /^\/media\/([0-9a-f-]{36})\/(original|proxy)$/.exec(url.pathname);
    const file = match
      ? await engine.internal('mediaPath', { videoId: match[1] ?? '', variant: match[2] as 'original' | 'proxy' })
      : null;
    if (!file) return void response.writeHead(404).end();
    const served = await serveMediaFile(
      { method: request.method ?? 'GET', headers: request.headers as Record<string, string | undefined> },
      file,
    );
    response.writeHead(served.status, served.headers);
    if (!served.body) return void response.end();
    const body = Readable.fromWeb(served.body as WebReadableStream<Uint8Array>);
    // The <video> element aborts range requests constantly while seeking: stop reading the file then.
    response.on('close', () => body.destroy());
    body.on('error', () => response.destroy());
    body.pipe(response);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/media/')) {
      handleMedia(request, response, url).catch((error: unknown) => {
        log.error('media request failed', { error: String(error) });
        if (!response.headersSent) response.writeHead(500);
        response.end();
      });
      return;
    }
    if (request.method !== 'GET') return void response.writeHead(405).end();
    void readStaticFile(options.rendererDir, url.pathname).then((file) => {
      if (!file) return void response.writeHead(404).end('Not found');
      // frame-ancestors only works as a header (a <meta> CSP ignores it): no page may frame the UI.
      response.writeHead(200, {
        'content-type': file.type,
        'cache-control': 'no-store',
        'content-security-policy': "frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
      });
      response.end(file.body);
    });
  });
  server.on('upgrade', (request, socket, head) => ws?.handleUpgrade(request, socket, head));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  const closeAll = async () => {
    ws?.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await engine.close();
  };
  try {
    await untilReadyOrAborted(engine, options.signal);
  } catch (error) {
    // An engine that hangs while starting must not outlive the host that was asked to stop.
    await closeAll();
    throw error;
  }
  log.info('browser host listening', { origin });

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    relay,
    engine,
    close: closeAll,
  };
}

function untilReadyOrAborted(engine: EngineSupervisor, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return engine.ready();
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(new AppFailure('cancelled', 'The browser host was stopped while it was starting.'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    engine.ready().then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error as Error);
      },
    );
  });
}
