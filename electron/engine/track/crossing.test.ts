/**
 * Real footage: tests/fixtures/tracking/crossing.mp4 (6 s of OpenCV's vtest.avi, 10 fps) with
 * detections from the independent OpenCV reference detector (README.md there has the command).
 * Four pedestrians and four crossings in 6 s:
 *   A walks right and down; first D (a woman in red walking left) passes A (frames ≈ 7–11), later
 *   A passes in front of B (≈ 30–34) and then fully hides C for 0.6 s (≈ 38–43);
 *   B walks up and left and passes C (≈ 17–21), who strolls down and right.
 * The positions below (body centres in source pixels, 768×576) were read off exported frames by eye
 * and checked by drawing them back onto those frames (ffmpeg drawbox), not taken from any tracker
 * output. The by-eye points sit within 40 px of the detected box centres.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Detection, TrackedDetection } from '../../contract/detection.ts';
import { trackSequence } from './tracker.ts';

const FIXTURE = new URL('../../../tests/fixtures/tracking/crossing-detections.json', import.meta.url);
const FPS = 10;
const PERSON = 0;

type Sighting = { frame: number; at: readonly [number, number] };
const people: Record<string, { before: Sighting; after: Sighting }> = {
  A: { before: { frame: 0, at: [394, 261] }, after: { frame: 50, at: [710, 360] } },
  B: { before: { frame: 0, at: [730, 372] }, after: { frame: 50, at: [529, 267] } },
  C: { before: { frame: 0, at: [538, 256] }, after: { frame: 50, at: [629, 326] } },
  D: { before: { frame: 0, at: [497, 244] }, after: { frame: 20, at: [397, 225] } },
};

function load(): Array<{ pts: number; detections: Detection[] }> {
  const raw = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { frames: number[][][] };
  return raw.frames.map((boxes, i) => ({
    pts: i / FPS,
    detections: boxes.map(([x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, classId = 0]) => ({
      x1,
      y1,
      x2,
      y2,
      score,
      classId,
    })),
  }));
}

function personAt(frame: TrackedDetection[] | undefined, [x, y]: readonly [number, number]): TrackedDetection {
  const candidates = (frame ?? [])
    .filter((d) => d.classId === PERSON)
    .map((d) => ({ d, dist: Math.hypot((d.x1 + d.x2) / 2 - x, (d.y1 + d.y2) / 2 - y) }))
    .sort((a, b) => a.dist - b.dist);
  const best = candidates[0];
  if (!best || best.dist > 40) throw new Error(`no person detected near ${x},${y}`);
  return best.d;
}

function idOf(out: TrackedDetection[][], s: Sighting, stride = 1): number {
  return personAt(out[s.frame / stride], s.at).trackId;
}

describe('tracker on real footage (vtest.avi crossing)', () => {
  it('keeps the ids of the people who cross each other', () => {
    const frames = load();
    expect(frames).toHaveLength(60);
    const out = trackSequence(frames);
    const before = Object.values(people).map((p) => idOf(out, p.before));
    const after = Object.values(people).map((p) => idOf(out, p.after));
    for (const id of before) expect(id).toBeGreaterThan(0);
    expect(new Set(before).size).toBe(4);
    expect(after).toEqual(before);
  });

  it('keeps them through the same crossings when only every 2nd frame is analysed', () => {
    const out = trackSequence(load().filter((_, i) => i % 2 === 0));
    const before = Object.values(people).map((p) => idOf(out, p.before, 2));
    const after = Object.values(people).map((p) => idOf(out, p.after, 2));
    for (const id of before) expect(id).toBeGreaterThan(0);
    expect(new Set(before).size).toBe(4);
    expect(after).toEqual(before);
  });
});
