import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import {
  buildFilter,
  firstIndex,
  frameSourceArgs,
  validateFrameSourceOptions,
  type FrameSourceOptions,
} from './frame-source-args.ts';

const base: FrameSourceOptions = {
  ffmpeg: 'ffmpeg',
  input: '/v/game.mp4',
  filter: 'scale=416:234,pad=416:416:0:0',
  pixFmt: 'bgr24',
  width: 416,
  height: 416,
  signal: new AbortController().signal,
  log: silentLogger,
};

describe('buildFilter', () => {
  it.each([
    [1, 0, undefined, 'F,showinfo=checksum=0'],
    [3, 0, undefined, 'select=not(mod(n\\,3)),F,showinfo=checksum=0'],
    [1, 10, undefined, 'select=gte(n\\,10),F,showinfo=checksum=0'],
    [3, 10, undefined, 'select=gte(n\\,10)*not(mod(n\\,3)),F,showinfo=checksum=0'],
    [1, 10, 4.5, 'select=gte(t\\,4.499999),F,showinfo=checksum=0'],
    [3, 10, 4.5, 'select=gte(t\\,4.499999),select=not(mod(n+10\\,3)),F,showinfo=checksum=0'],
  ])('stride %i, start %i, startPts %s', (stride, start, startPts, expected) => {
    expect(buildFilter('F', stride, start, startPts)).toBe(expected);
  });
});

describe('firstIndex', () => {
  it.each([
    [1, 0, 0],
    [3, 0, 0],
    [3, 1, 3],
    [3, 3, 3],
    [3, 4, 6],
    [5, 17, 20],
  ])('stride %i from %i starts at %i', (stride, start, expected) => {
    expect(firstIndex(stride, start)).toBe(expected);
  });
});

describe('frameSourceArgs', () => {
  it('decodes with passthrough timing and the file’s own timestamps to raw frames on stdout', () => {
    const args = frameSourceArgs(base, null);
    expect(args.join(' ')).toBe(
      '-hide_banner -nostdin -nostats -loglevel info -copyts -i /v/game.mp4 -map 0:v:0 -an -sn -dn ' +
        '-fps_mode passthrough -filter:v scale=416:234,pad=416:416:0:0,showinfo=checksum=0 -f rawvideo -pix_fmt bgr24 pipe:1',
    );
  });

  it('puts hwaccel and the resume seek before the input, and only seeks when it skips something', () => {
    const args = frameSourceArgs({ ...base, startFrame: 300, startPts: 10.01 }, 'cuda').join(' ');
    expect(args).toContain('-hwaccel cuda -seek_timestamp 1 -noaccurate_seek -ss 8.01 -copyts -i /v/game.mp4');
    expect(frameSourceArgs({ ...base, startFrame: 30, startPts: 1.0 }, null).join(' ')).not.toContain('-ss');
    expect(frameSourceArgs({ ...base, startFrame: 0, startPts: 50 }, null).join(' ')).not.toContain('-ss');
  });
});

describe('validateFrameSourceOptions', () => {
  it.each([
    [{ width: 0 }, /width and height/],
    [{ stride: 1.5 }, /stride/],
    [{ startFrame: -1 }, /startFrame/],
    [{ startPts: Number.NaN }, /startPts/],
    [{ queueFrames: 0 }, /queueFrames/],
    [{ pixFmt: 'yuv420p' }, /pixFmt/],
    [{ filter: 'scale=1:1,showinfo' }, /showinfo/],
  ])('rejects %o', (patch, message) => {
    expect(() => validateFrameSourceOptions({ ...base, ...patch } as FrameSourceOptions)).toThrow(message);
  });

  it('accepts the defaults', () => {
    expect(() => validateFrameSourceOptions(base)).not.toThrow();
  });
});

describe('decoder threads', () => {
  const base = {
    ffmpeg: 'ffmpeg',
    input: 'in.mp4',
    filter: 'scale=416:416',
    pixFmt: 'bgr24' as const,
    width: 416,
    height: 416,
    signal: new AbortController().signal,
    log: silentLogger,
  };

  it('caps ffmpeg decoder and filter threads before the input when asked (the ORT core stays free)', () => {
    const args = frameSourceArgs({ ...base, decodeThreads: 1 }, null);
    const input = args.indexOf('-i');
    expect(args.slice(args.indexOf('-threads'), args.indexOf('-threads') + 2)).toEqual(['-threads', '1']);
    expect(args.indexOf('-threads')).toBeLessThan(input);
    expect(args).toContain('-filter_threads');
  });

  it('leaves ffmpeg its own default otherwise', () => {
    expect(frameSourceArgs(base, null)).not.toContain('-threads');
  });
});
