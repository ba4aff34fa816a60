import { describe, expect, it } from 'vitest';
import { parseHostFrame, reconnectDelayMs, socketUrl } from './wire.ts';

describe('parseHostFrame', () => {
  it('reads replies and events', () => {
    expect(parseHostFrame('{"type":"reply","id":3,"ok":true,"value":[1]}')).toEqual({
      type: 'reply',
      id: 3,
      ok: true,
      value: [1],
    });
    expect(parseHostFrame('{"type":"reply","id":4,"ok":false,"error":{"kind":"not-found","message":"gone"}}')).toEqual({
      type: 'reply',
      id: 4,
      ok: false,
      error: { kind: 'not-found', message: 'gone' },
    });
    expect(parseHostFrame('{"type":"event","name":"job.progress","payload":{"jobId":"j"}}')).toEqual({
      type: 'event',
      name: 'job.progress',
      payload: { jobId: 'j' },
    });
  });

  it("reads the host's invalid-message answer", () => {
    expect(parseHostFrame('{"type":"invalid-message","reason":"the frame is not valid JSON"}')).toEqual({
      type: 'invalid-message',
      reason: 'the frame is not valid JSON',
    });
  });

  it('words a malformed error as internal instead of throwing', () => {
    expect(parseHostFrame('{"type":"reply","id":1,"ok":false,"error":"nope"}')).toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    });
  });

  it.each(['not json', '42', 'null', '{"type":"reply","ok":true}', '{"type":"other"}'])('drops %j', (text) => {
    expect(parseHostFrame(text)).toBeNull();
  });
});

describe('reconnectDelayMs', () => {
  it('backs off and caps at 5 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelayMs)).toEqual([250, 500, 1000, 2000, 4000, 5000]);
  });
});

describe('socketUrl', () => {
  it('carries the page token', () => {
    expect(socketUrl({ host: '127.0.0.1:5123', protocol: 'http:', search: '?token=a%2Bb' })).toBe(
      'ws://127.0.0.1:5123/ws?token=a%2Bb',
    );
    expect(socketUrl({ host: 'h', protocol: 'http:', search: '' })).toBe('ws://h/ws?token=');
  });
});
