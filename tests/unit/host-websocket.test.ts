/**
 * One bad client must not take the browser host down: the real host process, real ws clients
 * sending what a broken or hostile page could.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { MAX_FRAME_BYTES } from '../../electron/contract/host-wire.ts';
import { closed, connect, nextFrame, startHostProcess, type HostProcess } from './host-process.test-helper.ts';

let host: HostProcess;
let url: string;

beforeAll(async () => {
  host = startHostProcess();
  url = await host.url;
});
afterAll(async () => {
  await host?.dispose();
});

/** The host is alive and answers a command on a fresh connection. */
async function stillServes(): Promise<void> {
  expect(host.child.exitCode).toBeNull();
  const ws = await connect(url);
  const reply = nextFrame(ws);
  ws.send(JSON.stringify({ type: 'invoke', id: 7, command: 'games.list', args: {} }));
  expect(await reply).toEqual({ type: 'reply', id: 7, ok: true, value: [] });
  ws.close();
}

describe('browser host WebSocket: one bad frame affects only its own socket', () => {
  it('closes a socket that sends a frame over the maximum size with 1009 and a reason', async () => {
    const bystander = await connect(url);
    const ws = await connect(url);
    const how = closed(ws);
    ws.on('error', () => undefined);
    ws.send('x'.repeat(MAX_FRAME_BYTES + 1));
    expect(await how).toEqual({ code: 1009, reason: 'frame over 1 MiB' });
    // Another client's socket stays open and working.
    const reply = nextFrame(bystander);
    bystander.send(JSON.stringify({ type: 'invoke', id: 1, command: 'games.list', args: {} }));
    expect(await reply).toMatchObject({ type: 'reply', id: 1, ok: true });
    bystander.close();
    await stillServes();
  });

  it('reads a frame of exactly the maximum size', async () => {
    const ws = await connect(url);
    const reply = nextFrame(ws);
    const frame = JSON.stringify({ type: 'invoke', id: 2, command: 'games.list', args: {} });
    ws.send(frame + ' '.repeat(MAX_FRAME_BYTES - frame.length));
    expect(await reply).toMatchObject({ type: 'reply', id: 2, ok: true });
    ws.close();
  });

  it('closes a socket that sends a text frame of invalid UTF-8 with 1007 and a reason', async () => {
    const ws = await connect(url);
    const how = closed(ws);
    ws.on('error', () => undefined);
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect(await how).toEqual({ code: 1007, reason: 'text frame is not valid UTF-8' });
    await stillServes();
  });

  it('answers malformed JSON and frames that are not invokes with invalid-message, and keeps the socket', async () => {
    const ws: WebSocket = await connect(url);
    const cases: [string | Buffer, string][] = [
      ['{"type":"invoke","id":1,', 'the frame is not valid JSON'],
      ['[1,2]', 'the frame is not a JSON object'],
      ['{"type":"hello"}', 'only {"type":"invoke"} frames are accepted'],
      [
        '{"type":"invoke","id":"one","command":"games.list"}',
        'an invoke needs an "id" that is a whole number 0–4294967295',
      ],
      [Buffer.from([1, 2, 3]), 'binary frames are not accepted'],
    ];
    for (const [frame, reason] of cases) {
      const reply = nextFrame(ws);
      ws.send(frame, { binary: Buffer.isBuffer(frame) });
      expect(await reply).toEqual({ type: 'invalid-message', reason });
    }
    const reply = nextFrame(ws);
    ws.send(JSON.stringify({ type: 'invoke', id: 3, command: 'games.list', args: {} }));
    expect(await reply).toMatchObject({ type: 'reply', id: 3, ok: true });
    ws.close();
    await stillServes();
  });
});
