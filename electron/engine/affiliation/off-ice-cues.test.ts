import { describe, expect, it } from 'vitest';
import type { TrackedDetection } from '../../contract/detection.ts';
import { assignAffiliations } from './assign.ts';
import { expectedHeight, isStill, offIceByCues, relativeSize, travelOf } from './off-ice-cues.ts';
import type { JerseySampleRow } from './sampler.ts';

const W = 1920;
const H = 1080;
const RED = { L: 40, a: 55, b: 35 };
const NAVY = { L: 20, a: 5, b: -25 };

interface Person {
  trackId: number;
  jersey: { L: number; a: number; b: number };
  /** Skates at frame k, in fractions of the frame. */
  foot: (k: number) => { x: number; y: number };
  /** Box height in fractions of the frame. */
  height: number;
}

/** Eight stills (4 s) of people: the stored samples, and each still's boxes in source pixels. */
function scene(people: Person[], frames = 8) {
  const samples: JerseySampleRow[] = [];
  const boxes = new Map<number, TrackedDetection[]>();
  for (let k = 0; k < frames; k++) {
    const frameIndex = k * 15;
    const list: TrackedDetection[] = [];
    for (const p of people) {
      const f = p.foot(k);
      const h = p.height * H;
      const w = h * 0.4;
      list.push({
        x1: f.x * W - w / 2,
        y1: f.y * H - h,
        x2: f.x * W + w / 2,
        y2: f.y * H,
        score: 0.8,
        classId: 0,
        trackId: p.trackId,
      });
      samples.push({
        frameIndex,
        pts: k * 0.5,
        trackId: p.trackId,
        ...p.jersey,
        background: 0.1,
        stripes: 0,
        footX: f.x,
        footY: f.y,
      });
    }
    boxes.set(frameIndex, list);
  }
  return { samples, boxesAt: (frameIndex: number) => boxes.get(frameIndex) ?? [] };
}

// Perspective: a skater's box is 0.25 of the frame tall with skates at y 0.9, 0.12 at y 0.45.
const skaterHeight = (y: number) => 0.12 + ((y - 0.45) / 0.45) * 0.13;
const skating = (x0: number, y: number, dx: number) => (k: number) => ({ x: x0 + dx * k, y: y + 0.01 * Math.sin(k) });
const standing = (x: number, y: number) => (k: number) => ({
  x: x + 0.002 * Math.sin(k * 2),
  y: y + 0.001 * Math.cos(k),
});

describe('the off-ice cues', () => {
  it('still: watched two seconds or more with the skates staying put; one wild box does not count', () => {
    const jitter = Array.from({ length: 8 }, (_, k) => ({ footX: 0.5 + 0.003 * Math.sin(k), footY: 0.3 }));
    expect(isStill(jitter)).toBe(true);
    expect(isStill(jitter.slice(0, 3))).toBe(false);
    expect(isStill([...jitter, { footX: 0.9, footY: 0.9 }])).toBe(true);
    const skater = Array.from({ length: 8 }, (_, k) => ({ footX: 0.2 + 0.03 * k, footY: 0.6 }));
    expect(travelOf(skater)).toBeGreaterThan(0.1);
    expect(isStill(skater)).toBe(false);
  });

  it('size: against the skaters at the same height in the picture (perspective), else their median', () => {
    const others = [0.5, 0.6, 0.7, 0.8, 0.9].map((y) => ({ footY: y, height: skaterHeight(y) }));
    const line = expectedHeight(others)!;
    expect(line(0.45)).toBeCloseTo(0.12, 2);
    expect(line(0.9)).toBeCloseTo(0.25, 2);
    // A fan high in the picture, half a skater's height there, is small; a far skater is not.
    expect(relativeSize([{ footY: 0.5, height: skaterHeight(0.5) / 2 }], others)).toBeCloseTo(0.5, 1);
    expect(relativeSize([{ footY: 0.5, height: skaterHeight(0.5) }], others)).toBeCloseTo(1, 1);
    // Two others on one line: their median height.
    expect(expectedHeight(others.slice(0, 2))!(0.9)).toBeCloseTo((skaterHeight(0.5) + skaterHeight(0.6)) / 2, 5);
    expect(relativeSize([{ footY: 0.5, height: 0.1 }], [])).toBeNull();
    expect(offIceByCues(true, 0.5)).toBe(true);
    expect(offIceByCues(true, 0.9)).toBe(false);
    expect(offIceByCues(false, 0.3)).toBe(false);
    expect(offIceByCues(true, null)).toBe(false);
  });

  it('a still, small fan is off the ice; a still goalie and a small far skater stay in their teams', () => {
    const people: Person[] = [
      { trackId: 1, jersey: RED, foot: skating(0.2, 0.8, 0.02), height: skaterHeight(0.8) },
      { trackId: 2, jersey: RED, foot: skating(0.7, 0.6, -0.03), height: skaterHeight(0.6) },
      { trackId: 3, jersey: NAVY, foot: skating(0.4, 0.7, 0.025), height: skaterHeight(0.7) },
      { trackId: 4, jersey: NAVY, foot: skating(0.3, 0.9, 0.02), height: skaterHeight(0.9) },
      // The goalie: standing in his crease, a skater's size.
      { trackId: 5, jersey: NAVY, foot: standing(0.9, 0.65), height: skaterHeight(0.65) },
      // A fan in a red shirt behind the glass: still and a third of a skater's height there.
      { trackId: 6, jersey: RED, foot: standing(0.5, 0.47), height: skaterHeight(0.47) / 3 },
      // A far skater, small but skating.
      { trackId: 7, jersey: RED, foot: skating(0.1, 0.46, 0.03), height: skaterHeight(0.46) * 0.8 },
    ];
    const { samples, boxesAt } = scene(people);
    const base = { samples, resolveId: (id: number) => id, corrections: new Map(), rink: null };
    const byId = (tracks: { trackId: number; affiliation: string }[]) =>
      Object.fromEntries(tracks.map((t) => [t.trackId, t.affiliation]));
    const withCues = byId(assignAffiliations({ ...base, boxesAt, frameSize: { width: W, height: H } }).tracks);
    expect(withCues[6]).toBe('off-ice');
    const red = withCues[1];
    const navy = withCues[3];
    expect(red).not.toBe(navy);
    expect([withCues[2], withCues[7]]).toEqual([red, red]);
    expect([withCues[4], withCues[5]]).toEqual([navy, navy]);
    // Without the stored boxes only the rink region could say it: the fan is then clustered.
    expect(byId(assignAffiliations(base).tracks)[6]).toBe(red);
  });
});
