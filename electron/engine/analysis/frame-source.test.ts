import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { createLogger, silentLogger } from '../log.ts';
import { openFrameSource, type FrameSource, type FrameSourceOptions } from './frame-source.ts';
import { FFMPEG, extractFrame, makeClip, probeFramePts, processExists } from './test-clips.ts';

const run = promisify(execFile);

// The shape of a detector filter: scale to fit, pad bottom/right to the square model input.
const MODEL_FILTER = 'format=bgr24,scale=64:48:flags=bilinear,pad=64:64:0:0:color=0x727272';

let dir: string;
let startClip: string; // 25 fps, first frame near 1.5 s
let vfrClip: string;
let longClip: string; // 300 frames

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rinkside-frames-'));
  [startClip, vfrClip, longClip] = await Promise.all([
    makeClip(join(dir, 'start.mp4'), { frames: 40, rate: 25, start: 1.5 }),
    makeClip(join(dir, 'vfr.mp4'), { frames: 30, vfr: true, start: 0.5 }),
    makeClip(join(dir, 'long.mp4'), { frames: 300, rate: 30, size: '320x240' }),
  ]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function open(input: string, extra: Partial<FrameSourceOptions> = {}): Promise<FrameSource> {
  return openFrameSource({
    ffmpeg: FFMPEG,
    input,
    filter: MODEL_FILTER,
    pixFmt: 'bgr24',
    width: 64,
    height: 64,
    signal: new AbortController().signal,
    log: silentLogger,
    ...extra,
  });
}

interface Collected {
  index: number;
  pts: number;
  data: Buffer;
}

/** Reads a whole source, copying each frame (the source reuses its buffers). */
async function collect(source: FrameSource): Promise<Collected[]> {
  const frames: Collected[] = [];
  for await (const frame of source) frames.push({ index: frame.index, pts: frame.pts, data: Buffer.from(frame.data) });
  return frames;
}

async function failureOf(promise: Promise<unknown>): Promise<AppFailure> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(AppFailure);
  return error as AppFailure;
}

describe('openFrameSource', () => {
  it('emits every frame once with the file’s own pts when the clip does not start at 0', async () => {
    const expected = await probeFramePts(startClip);
    const frames = await collect(await open(startClip));
    expect(frames.length).toBe(expected.length);
    expect(frames.length).toBe(40);
    expect(frames[0]?.pts).toBeGreaterThan(1);
    expect(frames.map((f) => f.index)).toEqual(expected.map((_, i) => i));
    frames.forEach((frame, i) => expect(Math.abs(frame.pts - (expected[i] as number))).toBeLessThanOrEqual(1e-6));
  });

  it('reports the uneven pts of a variable-frame-rate clip exactly as ffprobe does', async () => {
    const expected = await probeFramePts(vfrClip);
    const gaps = expected.slice(1).map((t, i) => Math.round((t - (expected[i] as number)) * 1000));
    expect(new Set(gaps).size).toBeGreaterThan(2); // the fixture really is VFR
    const frames = await collect(await open(vfrClip));
    expect(frames.map((f) => f.index)).toEqual(expected.map((_, i) => i));
    frames.forEach((frame, i) => expect(Math.abs(frame.pts - (expected[i] as number))).toBeLessThanOrEqual(1e-6));
  });

  it('keeps every 3rd frame and reports source indices and their pts', async () => {
    const expected = await probeFramePts(vfrClip);
    const frames = await collect(await open(vfrClip, { stride: 3 }));
    expect(frames.map((f) => f.index)).toEqual([0, 3, 6, 9, 12, 15, 18, 21, 24, 27]);
    for (const frame of frames)
      expect(Math.abs(frame.pts - (expected[frame.index] as number))).toBeLessThanOrEqual(1e-6);
  });

  it.each([
    [1, 17],
    [3, 17],
    [3, 18],
    [4, 1],
  ])('resuming with stride %i at frame %i emits the tail of an uninterrupted run', async (stride, startFrame) => {
    const full = await collect(await open(vfrClip, { stride }));
    const resumed = await collect(await open(vfrClip, { stride, startFrame }));
    const tail = full.filter((frame) => frame.index >= startFrame);
    expect(tail.length).toBeGreaterThan(0);
    expect(resumed.map((f) => [f.index, f.pts])).toEqual(tail.map((f) => [f.index, f.pts]));
    resumed.forEach((frame, i) => expect(frame.data.equals((tail[i] as Collected).data)).toBe(true));
  });

  describe('resuming by seeking to a stored pts', () => {
    let gopClip: string; // VFR, 200 frames, a keyframe every 20: a seek really skips decoding
    let full: Collected[];
    beforeAll(async () => {
      const codec = ['-c:v', 'libx264', '-preset', 'ultrafast', '-g', '20', '-bf', '2', '-pix_fmt', 'yuv420p'];
      gopClip = await makeClip(join(dir, 'gop.mp4'), { frames: 200, vfr: true, start: 0.5, codec });
      full = await collect(await open(gopClip));
      expect(full.length).toBe(200);
    });

    it.each([
      [1, 137],
      [3, 150],
      [3, 137],
      [7, 199],
    ])('stride %i from frame %i gives the tail of an uninterrupted run', async (stride, startFrame) => {
      const commands: string[] = [];
      const log = createLogger((record) => commands.push(String(record.fields?.command ?? '')));
      const startPts = (full[startFrame] as Collected).pts;
      const resumed = await collect(await open(gopClip, { stride, startFrame, startPts, log }));
      expect(commands.some((command) => command.includes(' -ss '))).toBe(true);
      const tail = full.filter((frame) => frame.index >= startFrame && frame.index % stride === 0);
      expect(resumed.map((f) => [f.index, f.pts])).toEqual(tail.map((f) => [f.index, f.pts]));
      resumed.forEach((frame, i) => expect(frame.data.equals((tail[i] as Collected).data)).toBe(true));
    });
  });

  describe('stills: full-size frames of the first analysed frame in every period, on a second pipe', () => {
    const periodS = 0.25;
    /** Reads a whole source, keeping each still's bytes. */
    async function collectStills(source: FrameSource) {
      const out: { index: number; pts: number; still: Buffer | null; data: Buffer }[] = [];
      for await (const frame of source) {
        out.push({
          index: frame.index,
          pts: frame.pts,
          still: frame.still ? Buffer.from(frame.still) : null,
          data: Buffer.from(frame.data),
        });
      }
      return out;
    }

    it('come on the first frame of each period, with the decoded picture’s own yuv420p bytes, beside unchanged model frames', async () => {
      const expected = await probeFramePts(vfrClip);
      const stills = { periodS, width: 320, height: 240 };
      const withStills = await collectStills(await open(vfrClip, { stride: 2, stills }));
      const plain = await collect(await open(vfrClip, { stride: 2 }));
      expect(withStills.map((f) => [f.index, f.pts])).toEqual(plain.map((f) => [f.index, f.pts]));
      withStills.forEach((f, i) => expect(f.data.equals((plain[i] as Collected).data)).toBe(true));
      // The rule, worked out from ffprobe's pts: the first kept frame in each new quarter second.
      const kept = expected.map((pts, index) => ({ pts, index })).filter((f) => f.index % 2 === 0);
      const firsts = kept.filter(
        (f, k) => k === 0 || Math.floor(f.pts / periodS) > Math.floor(kept[k - 1]!.pts / periodS),
      );
      expect(firsts.length).toBeGreaterThan(2);
      expect(firsts.length).toBeLessThan(kept.length);
      expect(withStills.filter((f) => f.still).map((f) => f.index)).toEqual(firsts.map((f) => f.index));
      for (const f of withStills.filter((x) => x.still).slice(0, 3)) {
        const reference = await extractFrame(vfrClip, f.index, 'scale=320:240:flags=bicubic,format=yuv420p', 'yuv420p');
        expect(f.still!.length).toBe(320 * 240 * 1.5);
        expect(f.still!.equals(reference)).toBe(true);
      }
    });

    it('a resume after a stored frame gives the stills of an uninterrupted run', async () => {
      const stills = { periodS, width: 160, height: 120 };
      const full = await collectStills(await open(vfrClip, { stills }));
      for (const startFrame of [7, 13, 20]) {
        const afterPts = full[startFrame - 1]!.pts;
        const resumed = await collectStills(await open(vfrClip, { startFrame, stills: { ...stills, afterPts } }));
        const tail = full.filter((f) => f.index >= startFrame);
        expect(resumed.map((f) => [f.index, f.still !== null])).toEqual(tail.map((f) => [f.index, f.still !== null]));
        resumed.forEach((f, i) => {
          if (f.still) expect(f.still.equals(tail[i]!.still!)).toBe(true);
        });
      }
    });

    it('never deadlock on ffmpeg writing a still a period late, keep memory to about a period, and leave no ffmpeg behind', async () => {
      // ffmpeg writes each still only once the next frame of its branch comes (a period later):
      // with a queue smaller than a period of frames, the source must keep reading model frames.
      const stills = { periodS: 1, width: 320, height: 240 };
      const source = await open(longClip, { queueFrames: 3, stills });
      let count = 0;
      let seen = 0;
      for await (const frame of source) {
        expect(frame.index).toBe(count);
        count += 1;
        if (frame.still) seen += 1;
        if (count % 7 === 0) await sleep(5);
      }
      expect(count).toBe(300);
      expect(seen).toBe(10);
      expect(source.queueHighWater).toBeLessThanOrEqual(3);
      // The queue, a period of frames (30) waiting for their still, the lent and the assembling one.
      expect(source.buffersAllocated).toBeLessThanOrEqual(3 + 30 + 3);
      const early = await open(longClip, { stills });
      for await (const frame of early) if (frame.index >= 40) break;
      expect(processExists(early.pid!)).toBe(false);
    });
  });

  it.each(['bgr24', 'rgb24'] as const)(
    'gives the same %s bytes as ffmpeg’s own single-frame extraction',
    async (pixFmt) => {
      const filter = `format=${pixFmt},scale=64:48:flags=bilinear,pad=64:64:0:0:color=0x727272`;
      const frames = await collect(await open(startClip, { filter, pixFmt, stride: 2 }));
      for (const index of [0, 14, 38]) {
        const frame = frames.find((f) => f.index === index);
        const reference = await extractFrame(startClip, index, filter, pixFmt);
        expect(reference.length).toBe(64 * 64 * 3);
        expect(frame?.data.equals(reference)).toBe(true);
      }
      // Neighbouring testsrc2 frames differ, so equal bytes really identify the frame.
      expect(frames[0]?.data.equals((frames[1] as Collected).data)).toBe(false);
    },
  );

  it.each([
    ['small frames, several per pipe chunk', 'scale=16:16', 16, 16],
    ['large frames, several chunks each', 'scale=320:240', 320, 240],
  ])('bounds memory with a slow consumer (%s)', async (_name, filter, width, height) => {
    const source = await open(longClip, { filter, width, height, queueFrames: 4 });
    let count = 0;
    for await (const frame of source) {
      expect(frame.index).toBe(count);
      expect(frame.data.length).toBe(width * height * 3);
      count += 1;
      if (count % 10 === 0 || count < 20) await sleep(5);
    }
    expect(count).toBe(300);
    expect(source.queueHighWater).toBeLessThanOrEqual(4);
    expect(source.queueHighWater).toBeGreaterThan(0); // the consumer really was slower
    // queue + the lent frame + the one being assembled (+ one waiting for its pts)
    expect(source.buffersAllocated).toBeLessThanOrEqual(4 + 3);
  });

  it('fails a truncated mp4 with corrupt-media and ffmpeg’s stderr', async () => {
    const whole = await readFile(startClip);
    const cut = join(dir, 'cut.mp4');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const source = await open(cut);
    const failure = await failureOf(source.next());
    expect(failure.kind).toBe('corrupt-media');
    expect(failure.detail).toMatch(/moov atom not found/);
    await expect(source.next()).rejects.toBe(failure);
  });

  it('delivers the frames of a file that stops early (index up front), then fails with corrupt-media', async () => {
    const fast = await makeClip(join(dir, 'faststart.mp4'), {
      frames: 120,
      size: '320x240',
      codec: ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-movflags', '+faststart'],
    });
    const whole = await readFile(fast);
    const cut = join(dir, 'faststart-cut.mp4');
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const source = await open(cut);
    const indices: number[] = [];
    const failure = await failureOf(
      (async () => {
        for await (const frame of source) indices.push(frame.index);
      })(),
    );
    expect(failure.kind).toBe('corrupt-media');
    expect(failure.detail).toMatch(/partial file/);
    expect(indices.length).toBeGreaterThan(10);
    expect(indices.length).toBeLessThan(120);
    expect(indices).toEqual(indices.map((_, i) => i));
  });

  it('fails an input without video with no-video-stream', async () => {
    const audio = join(dir, 'audio.m4a');
    await run(FFMPEG, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=0.5', '-c:a', 'aac', audio]);
    const failure = await failureOf(collect(await open(audio)));
    expect(failure.kind).toBe('no-video-stream');
  });

  it('rejects a pending next() with cancelled on abort and leaves no ffmpeg behind', async () => {
    const controller = new AbortController();
    const source = await open(longClip, { signal: controller.signal });
    const pid = source.pid as number;
    expect(processExists(pid)).toBe(true);
    const pending = source.next(); // nothing decoded yet: this await is really waiting
    controller.abort();
    const failure = await failureOf(pending);
    expect(failure.kind).toBe('cancelled');
    expect(processExists(pid)).toBe(false);
    await expect(source.next()).rejects.toBe(failure);
  });

  it('cancels mid-stream while ffmpeg is paused on a full queue', async () => {
    const controller = new AbortController();
    const source = await open(longClip, { signal: controller.signal, queueFrames: 2 });
    const first = await source.next();
    expect(first.value?.index).toBe(0);
    await sleep(200); // let the queue fill and ffmpeg block on the pipe
    controller.abort();
    await source.close();
    expect(processExists(source.pid as number)).toBe(false);
    expect((await failureOf(source.next())).kind).toBe('cancelled');
  });

  it('stops ffmpeg when the consumer breaks out of the loop', async () => {
    const source = await open(longClip);
    for await (const frame of source) if (frame.index === 5) break;
    expect(processExists(source.pid as number)).toBe(false);
  });

  it('says clearly when the filter does not produce the size the model needs', async () => {
    const failure = await failureOf(collect(await open(startClip, { filter: 'scale=32:32' })));
    expect(failure.kind).toBe('internal');
    expect(failure.message).toMatch(/32x32.*64x64/);
  });

  it('reports a missing ffmpeg as tool-missing and bad options as invalid-args', async () => {
    const failure = await failureOf(collect(await open(startClip, { ffmpeg: join(dir, 'no-ffmpeg') })));
    expect(failure.kind).toBe('tool-missing');
    expect((await failureOf(open(startClip, { stride: 0 }))).kind).toBe('invalid-args');
    expect((await failureOf(open(startClip, { filter: 'showinfo' }))).kind).toBe('invalid-args');
  });

  it('decodes in software after probing when asked for hwaccel auto on a machine without a usable one', async () => {
    const source = await open(startClip, { hwaccel: 'auto', stride: 10 });
    const frames = await collect(source);
    expect(frames.map((f) => f.index)).toEqual([0, 10, 20, 30]);
    expect(source.hwDecode?.tried.length).toBeGreaterThan(0);
    if (source.hwDecode?.used === null) {
      for (const attempt of source.hwDecode.tried) expect(attempt.reason).not.toBe('');
    }
  });
});
