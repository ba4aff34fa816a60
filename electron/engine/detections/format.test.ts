import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DetectionFrame, TrackedDetection } from '../../contract/detection.ts';
import type { DetectionsHeader } from './layout.ts';
import { HEADER_BYTES, crc32 } from './layout.ts';
import { createDetectionsWriter, encodeDetections } from './writer.ts';
import { fileSource, openDetections } from './reader.ts';

const header: DetectionsHeader = { width: 1920, height: 1088, fpsHint: 15, classCount: 80 };

/** Deterministic pseudo-random frames: VFR pts from 0.0334 s, strided indices, 0–25 boxes. */
function sampleFrames(n: number, boxesPerFrame?: number, seed = 1): DetectionFrame[] {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32;
  const frames: DetectionFrame[] = [];
  let pts = 0.0334;
  for (let i = 0; i < n; i++) {
    const count = boxesPerFrame ?? Math.floor(rnd() * 26);
    const boxes: TrackedDetection[] = [];
    for (let k = 0; k < count; k++) {
      const x1 = rnd() * 1900 - 10;
      const y1 = rnd() * 1080;
      boxes.push({
        x1,
        y1,
        x2: x1 + rnd() * 200,
        y2: y1 + rnd() * 300,
        score: rnd(),
        classId: Math.floor(rnd() * 80),
        trackId: Math.floor(rnd() * 60) - 1,
      });
    }
    frames.push({ index: i * 2, pts, boxes });
    pts += 2 / 30 + (rnd() - 0.5) / 100;
  }
  return frames;
}

/** What the format keeps: coordinates to 1/4 px, scores to 1/65535 (docs/formats.md); −0 reads as 0. */
const q4 = (v: number): number => Math.round(v * 4) / 4 + 0;
const quantised = (f: DetectionFrame): DetectionFrame => ({
  index: f.index,
  pts: f.pts,
  boxes: f.boxes.map((b) => ({
    ...b,
    x1: q4(b.x1),
    y1: q4(b.y1),
    x2: q4(b.x2),
    y2: q4(b.y2),
    score: Math.round(b.score * 65535) / 65535 + 0,
  })),
});

async function readAll(bytes: Uint8Array): Promise<DetectionFrame[]> {
  const out: DetectionFrame[] = [];
  for await (const f of (await openDetections(bytes)).frames()) out.push(f);
  return out;
}

describe('detections binary format v1', () => {
  it('round-trips frames exactly up to the stated quantisation', async () => {
    const frames = sampleFrames(300);
    const bytes = encodeDetections(header, frames, 64);
    const reader = await openDetections(bytes);
    expect(reader.header).toEqual({ ...header, version: 1 });
    expect(reader.recovered).toBe(false);
    expect(reader.chunks.map((c) => c.frameCount)).toEqual([64, 64, 64, 64, 44]);
    const back = await readAll(bytes);
    expect(back).toEqual(frames.map(quantised));
    for (const [i, f] of back.entries()) {
      for (const [k, b] of f.boxes.entries()) {
        const src = frames[i]?.boxes[k] as TrackedDetection;
        expect(Math.abs(b.x1 - src.x1)).toBeLessThanOrEqual(0.125);
        expect(Math.abs(b.score - src.score)).toBeLessThanOrEqual(1 / 131070 + 1e-12);
      }
    }
  });

  it('finds frames by index and by time without scanning', async () => {
    const frames = sampleFrames(500, 3);
    const reader = await openDetections(encodeDetections(header, frames, 16));
    for (const i of [0, 1, 15, 16, 17, 250, 499]) {
      expect(await reader.frame(frames[i]?.index ?? -1)).toEqual(quantised(frames[i] as DetectionFrame));
    }
    expect(await reader.frame(3)).toBeNull(); // odd indices were never analysed (stride 2)
    expect(await reader.frame(100_000)).toBeNull();
    const t0 = frames[100]?.pts ?? 0;
    const t1 = frames[140]?.pts ?? 0;
    expect(await reader.window(t0, t1)).toEqual(frames.slice(100, 141).map(quantised));
    expect(await reader.window(t0 + 1e-9, t1 - 1e-9)).toEqual(frames.slice(101, 140).map(quantised));
    expect(await reader.window(-5, -1)).toEqual([]);
    expect(await reader.window(1e6, 2e6)).toEqual([]);
  });

  it('recovers every complete chunk of a file cut anywhere, and invents nothing', async () => {
    const frames = sampleFrames(40, 2, 7);
    const writer = createDetectionsWriter(header);
    const parts = [writer.start()];
    for (let i = 0; i < frames.length; i += 6) parts.push(writer.appendChunk(frames.slice(i, i + 6)));
    parts.push(writer.finish());
    const full = Uint8Array.from(parts.flatMap((p) => [...p]));
    const chunkEnds = writer.chunks.map((c) => c.offset + c.byteLength);
    for (let cut = HEADER_BYTES; cut < full.length; cut++) {
      const reader = await openDetections(full.slice(0, cut));
      const complete = chunkEnds.filter((end) => end <= cut).length;
      expect(reader.recovered).toBe(true);
      expect(reader.chunks.length).toBe(complete);
      expect(await readAll(full.slice(0, cut))).toEqual(frames.slice(0, complete * 6).map(quantised));
    }
    await expect(openDetections(full.slice(0, HEADER_BYTES - 1))).rejects.toThrow(/shorter than its header/);
  });

  it('stops recovery at a damaged chunk and lets a writer resume after the last good one', async () => {
    const frames = sampleFrames(30, 4, 3);
    const full = encodeDetections(header, frames, 10);
    const first = await openDetections(full);
    const secondChunk = first.chunks[1];
    if (!secondChunk) throw new Error('expected three chunks');
    const damaged = full.slice(0, first.chunks[2]?.offset); // the index is gone too
    damaged[secondChunk.offset + 60] = (damaged[secondChunk.offset + 60] ?? 0) ^ 0xff;
    const reader = await openDetections(damaged);
    expect(reader.chunks.length).toBe(1);
    expect(reader.dataEnd).toBe(secondChunk.offset);
    // Resume: keep the good prefix, append the rest, finish — the file is whole again.
    const writer = createDetectionsWriter(header, { offset: reader.dataEnd, chunks: reader.chunks });
    const rest = [writer.appendChunk(frames.slice(10, 20)), writer.appendChunk(frames.slice(20)), writer.finish()];
    const healed = Uint8Array.from([...damaged.slice(0, reader.dataEnd), ...rest.flatMap((p) => [...p])]);
    const again = await openDetections(healed);
    expect(again.recovered).toBe(false);
    expect(await readAll(healed)).toEqual(frames.map(quantised));
  });

  it('reads through a real file handle', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'rkdt-'));
    try {
      const frames = sampleFrames(120, 5, 9);
      const file = path.join(dir, 'game.rkdt');
      await writeFile(file, encodeDetections(header, frames, 32));
      const handle = await open(file, 'r');
      try {
        const reader = await openDetections(await fileSource(handle));
        expect(await reader.frame(frames[77]?.index ?? -1)).toEqual(quantised(frames[77] as DetectionFrame));
        expect((await reader.window(frames[30]?.pts ?? 0, frames[33]?.pts ?? 0)).length).toBe(4);
      } finally {
        await handle.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('uses the standard CRC-32 (zlib/PNG) so chunks can be checked with any tool', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('rejects what the format cannot hold instead of storing it wrong', () => {
    const writer = createDetectionsWriter(header);
    writer.start();
    const box = { x1: 0, y1: 0, x2: 1, y2: 1, score: 1, classId: 0, trackId: -1 };
    writer.appendChunk([{ index: 5, pts: 1, boxes: [box] }]);
    expect(() => writer.appendChunk([{ index: 5, pts: 2, boxes: [] }])).toThrow(/does not follow/);
    expect(() => writer.appendChunk([{ index: 6, pts: 0.5, boxes: [] }])).toThrow(/goes back/);
    expect(() => writer.appendChunk([{ index: 6, pts: 2, boxes: [{ ...box, classId: 80 }] }])).toThrow(/classCount/);
    expect(() => writer.appendChunk([{ index: 6, pts: 2, boxes: [{ ...box, trackId: 1.5 }] }])).toThrow(/int32/);
    expect(() => createDetectionsWriter({ ...header, width: -1 })).toThrow(/out of range/);
    // A refused chunk changes nothing: the next valid frame still follows frame 5.
    expect(() =>
      writer.appendChunk([
        { index: 6, pts: 2, boxes: [] },
        { index: 6, pts: 3, boxes: [] },
      ]),
    ).toThrow();
    expect(writer.appendChunk([{ index: 6, pts: 2, boxes: [] }]).length).toBe(44 + 16);
  });

  it('corrupt header and bad magic are reported as corrupt media', async () => {
    const bytes = encodeDetections(header, sampleFrames(3), 2);
    const flipped = bytes.slice();
    flipped[9] = (flipped[9] ?? 0) ^ 1;
    await expect(openDetections(flipped)).rejects.toMatchObject({ kind: 'corrupt-media' });
    const wrong = bytes.slice();
    wrong[0] = 0;
    await expect(openDetections(wrong)).rejects.toThrow(/bad magic/);
  });

  it('property: any frames round-trip through any chunking', async () => {
    const coord = fc.double({ min: -8000, max: 8000, noNaN: true });
    const box = fc.record({
      x1: coord,
      y1: coord,
      x2: coord,
      y2: coord,
      score: fc.double({ min: 0, max: 1, noNaN: true }),
      classId: fc.integer({ min: 0, max: 79 }),
      trackId: fc.integer({ min: -1, max: 2 ** 31 - 1 }),
    });
    const frames = fc
      .array(
        fc.record({
          gap: fc.integer({ min: 1, max: 1000 }),
          dt: fc.double({ min: 0, max: 2, noNaN: true }),
          boxes: fc.array(box, { maxLength: 30 }),
        }),
        { maxLength: 40 },
      )
      .map((items) => {
        let index = -1;
        let pts = -0.5;
        return items.map((it) => ({ index: (index += it.gap), pts: (pts += it.dt), boxes: it.boxes }));
      });
    await fc.assert(
      fc.asyncProperty(frames, fc.integer({ min: 1, max: 50 }), async (fs, perChunk) => {
        const bytes = encodeDetections(header, fs, perChunk);
        expect(await readAll(bytes)).toEqual(fs.map(quantised));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a 2.5 h game at 15 analysed fps and 20 boxes per frame under 70 MB', () => {
    // Measure the real encoder on one minute, then scale: every frame has the same size.
    const minute = sampleFrames(15 * 60, 20);
    const perMinute = encodeDetections(header, minute, 64).length - HEADER_BYTES;
    const game = HEADER_BYTES + perMinute * 150;
    expect(perMinute / minute.length).toBeLessThan(16 + 20 * 16 + 1.5); // ≈ 336 B per frame + chunk overhead
    expect(game).toBeLessThan(70 * 1024 * 1024);
    expect(game).toBeGreaterThan(40 * 1024 * 1024); // sanity: the boxes really are in there
  });
});
