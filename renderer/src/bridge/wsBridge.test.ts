import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWebSocketBridge, type SocketLike } from './wsBridge.ts';

class FakeSocket implements SocketLike {
  readyState = 0;
  binaryType = 'blob';
  sent: unknown[] = [];
  onopen: ((event: never) => void) | null = null;
  onclose: ((event: never) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.({} as never);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as never);
  }
  receive(frame: unknown) {
    this.onmessage?.({ data: JSON.stringify(frame) } as MessageEvent);
  }
  receiveBinary(data: ArrayBuffer) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

let sockets: FakeSocket[];
const GAME = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

beforeEach(() => {
  vi.useFakeTimers();
  sockets = [];
});
afterEach(() => {
  vi.useRealTimers();
});

function bridge() {
  return createWebSocketBridge('ws://h/ws?token=t', (url) => {
    expect(url).toBe('ws://h/ws?token=t');
    const socket = new FakeSocket();
    sockets.push(socket);
    return socket;
  });
}

describe('createWebSocketBridge', () => {
  it('queues invokes until open, then resolves by id', async () => {
    const b = bridge();
    const list = b.invoke('videos.list', { gameId: GAME });
    expect(sockets[0]!.sent).toEqual([]);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'invoke', id: 1, command: 'videos.list', args: { gameId: GAME } }]);
    sockets[0]!.receive({ type: 'reply', id: 1, ok: true, value: [] });
    await expect(list).resolves.toEqual([]);
  });

  it('resolves a binary reply ([u32 LE id][payload]) with the payload as an ArrayBuffer', async () => {
    const b = bridge();
    sockets[0]!.open();
    expect(sockets[0]!.binaryType).toBe('arraybuffer');
    const first = b.invoke('app.info', {});
    const thumb = b.invoke('thumbnails.get', { videoId: GAME, timeS: 1, width: 160 });
    const frame = new Uint8Array([2, 0, 0, 0, 0xff, 0xd8, 0xff]);
    sockets[0]!.receiveBinary(frame.buffer);
    const value = await thumb;
    expect(value).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(value)]).toEqual([0xff, 0xd8, 0xff]);
    // The other invoke is still pending and resolves from its own (text) reply.
    sockets[0]!.receive({ type: 'reply', id: 1, ok: true, value: { version: 'x' } });
    await expect(first).resolves.toEqual({ version: 'x' });
  });

  it('ignores a binary frame too short to carry an id', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    bridge();
    sockets[0]!.open();
    sockets[0]!.receiveBinary(new Uint8Array([1, 0]).buffer);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  it('rejects with the AppError from the host', async () => {
    const b = bridge();
    sockets[0]!.open();
    const create = b.invoke('games.create', { title: '', date: 'x', home: 'a', away: 'b' });
    sockets[0]!.receive({
      type: 'reply',
      id: 1,
      ok: false,
      error: { kind: 'invalid-args', message: 'bad', detail: 'title' },
    });
    await expect(create).rejects.toEqual({ kind: 'invalid-args', message: 'bad', detail: 'title' });
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const b = bridge();
    sockets[0]!.open();
    const seen: unknown[] = [];
    const off = b.on('job.progress', (p) => seen.push(p.jobId));
    sockets[0]!.receive({ type: 'event', name: 'job.progress', payload: { jobId: 'a' } });
    off();
    sockets[0]!.receive({ type: 'event', name: 'job.progress', payload: { jobId: 'b' } });
    expect(seen).toEqual(['a']);
  });

  it('rejects pending invokes when the socket closes, reconnects and asks views to refetch', async () => {
    const b = bridge();
    sockets[0]!.open();
    const refetch: unknown[] = [];
    b.on('library.changed', (p) => refetch.push(p));
    const info = b.invoke('app.info', {});
    sockets[0]!.close();
    await expect(info).rejects.toEqual({ kind: 'internal', message: 'Connection to Rinkside lost' });
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(250);
    expect(sockets).toHaveLength(2);
    sockets[1]!.open();
    expect(refetch).toEqual([{ gameId: null }]);
  });

  it('backs off between failed attempts', () => {
    bridge();
    sockets[0]!.close();
    vi.advanceTimersByTime(250);
    sockets[1]!.close();
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
  });
});
