import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { commandNames } from '../../electron/contract/commands.ts';
import { decodeDetectionsWindow } from '../../electron/contract/detections-window.ts';
import type { InvokeReply } from '../../electron/contract/invoke.ts';
import { sourceModelsDir } from '../../electron/engine/detect/model-catalog.ts';
import { silentLogger } from '../../electron/engine/log.ts';
import { createCommandRelay } from '../../electron/engine/process/relay.ts';
import { startBrowserHost, type BrowserHost } from '../../electron/host/host.ts';
import { createIpcInvokeHandler } from '../../electron/main/ipc-relay.ts';

const repoRoot = resolve(import.meta.dirname, '../..');
let host: BrowserHost;
let dataDir: string;
let socket: WebSocket;
let nextId = 1;

function wsInvoke(command: unknown, args: unknown): Promise<InvokeReply> {
  const id = nextId++;
  return new Promise((done) => {
    const onMessage = (data: WebSocket.RawData, isBinary: boolean) => {
      if (isBinary) {
        // Binary reply: [u32 LE invoke id][payload].
        const bytes = data as Buffer;
        if (bytes.readUInt32LE(0) !== id) return;
        socket.off('message', onMessage);
        done({ ok: true, value: new Uint8Array(bytes.subarray(4)).slice().buffer });
        return;
      }
      const message = JSON.parse(String(data)) as { type: string; id?: number } & InvokeReply;
      if (message.type !== 'reply' || message.id !== id) return;
      socket.off('message', onMessage);
      const { type: _type, id: _id, ...reply } = message;
      done(reply as InvokeReply);
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ type: 'invoke', id, command, args }));
  });
}

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((ok, fail) => {
    const ws = new WebSocket(url, { origin });
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
    ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rinkside-parity-'));
  host = await startBrowserHost({
    rendererDir: join(repoRoot, 'renderer'),
    log: silentLogger,
    engine: { dataDir, appVersion: '0.0.0-test', ffmpegPath: null, ffprobePath: null, modelsDir: sourceModelsDir },
  });
  socket = await connect(`${host.origin.replace('http', 'ws')}/ws?token=${host.token}`, host.origin);
});

afterAll(async () => {
  socket?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron IPC and the browser host WebSocket expose the same command table', () => {
  // The ipcMain handler, exactly as main/index.ts builds it, over its own relay to the same engine.
  const ipc = () => {
    const relay = createCommandRelay(host.engine, {
      'dialog.pickVideos': async () => ({ paths: [] }),
      'dialog.saveFile': async () => ({ path: null }),
      'dialog.pickFolder': async () => ({ path: null }),
      'media.url': async () => ({ url: 'rinkside-media://unused' }),
      'shell.reveal': async () => ({ shown: true }),
    });
    const handler = createIpcInvokeHandler(relay, (event) => event.sender === trusted, silentLogger);
    const event = { sender: trusted, senderFrame: { url: 'file:///index.html' } } as unknown as IpcMainInvokeEvent;
    return (command: unknown, args: unknown) => handler(event, command, args);
  };
  const trusted = {};

  it('the same command names', () => {
    expect(host.relay.commands).toEqual(commandNames);
    expect(createCommandRelay(host.engine, {} as never).commands).toEqual(commandNames);
  });

  it('the same rejection of invalid arguments for every command', async () => {
    const viaIpc = ipc();
    for (const command of commandNames) {
      const bad = { definitelyNotAnArgument: 1 };
      const [fromIpc, fromWs] = await Promise.all([viaIpc(command, bad), wsInvoke(command, bad)]);
      expect(fromIpc.ok, command).toBe(false);
      expect(fromWs, command).toEqual(fromIpc);
    }
  });

  it('the same answer for unknown commands and for a valid engine command', async () => {
    const viaIpc = ipc();
    expect(await wsInvoke('games.drop', {})).toEqual(await viaIpc('games.drop', {}));
    const created = await wsInvoke('games.create', { title: 'Parity', date: '2026-11-24', home: 'A', away: 'B' });
    expect(created.ok).toBe(true);
    const [a, b] = await Promise.all([viaIpc('games.list', {}), wsInvoke('games.list', {})]);
    expect(a.ok && b.ok).toBe(true);
    expect(b).toEqual(a);
  });

  it('binary results (detection windows) arrive as the same bytes over both bindings', async () => {
    const viaIpc = ipc();
    const args = { runId: '00000000-0000-4000-8000-000000000000', fromS: 0, toS: 10 };
    const [fromIpc, fromWs] = await Promise.all([
      viaIpc('detections.window', args),
      wsInvoke('detections.window', args),
    ]);
    expect(fromIpc.ok && fromIpc.value instanceof ArrayBuffer).toBe(true);
    expect(fromWs.ok && fromWs.value instanceof ArrayBuffer).toBe(true);
    if (fromIpc.ok && fromWs.ok) {
      const a = decodeDetectionsWindow(fromIpc.value as ArrayBuffer);
      expect(a).toEqual({ t0: 0, t1: 10, frames: [] });
      expect(new Uint8Array(fromWs.value as ArrayBuffer)).toEqual(new Uint8Array(fromIpc.value as ArrayBuffer));
    }
  });

  it('the IPC handler refuses a sender that is not our window', async () => {
    const relay = createCommandRelay(host.engine, {} as never);
    const handler = createIpcInvokeHandler(relay, () => false, silentLogger);
    const event = { sender: {}, senderFrame: { url: 'https://evil.example' } } as unknown as IpcMainInvokeEvent;
    expect(await handler(event, 'games.list', {})).toMatchObject({
      ok: false,
      error: { message: 'Refused: unknown sender' },
    });
  });
});

describe('browser host access control', () => {
  it('refuses a WebSocket without the per-launch token', async () => {
    await expect(connect(`${host.origin.replace('http', 'ws')}/ws?token=wrong`, host.origin)).rejects.toThrow(/403/);
  });

  it('refuses a WebSocket from another origin even with the token', async () => {
    const url = `${host.origin.replace('http', 'ws')}/ws?token=${host.token}`;
    await expect(connect(url, 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('binds to 127.0.0.1 only', () => {
    expect(new URL(host.origin).hostname).toBe('127.0.0.1');
  });

  it('serves no file outside the renderer folder and no media without the token or for unknown ids', async () => {
    const traversal = await fetch(`${host.origin}/..%2F..%2Fpackage.json`);
    expect(traversal.status).toBe(404);
    const noToken = await fetch(`${host.origin}/media/00000000-0000-4000-8000-000000000000/original`);
    expect(noToken.status).toBe(403);
    const unknown = await fetch(
      `${host.origin}/media/00000000-0000-4000-8000-000000000000/original?token=${host.token}`,
    );
    expect(unknown.status).toBe(404);
    const pathInUrl = await fetch(`${host.origin}/media/%2Fetc%2Fpasswd/original?token=${host.token}`);
    expect(pathInUrl.status).toBe(404);
  });
});
