import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { FFMPEG } from '../analysis/test-clips.ts';
import { backgroundColours } from './background.ts';
import { clusterJerseys, type TrackJersey } from './cluster.ts';
import { deltaE, labToHex, rgbToLab } from './lab.ts';
import { insidePolygon, onIce } from './rink-region.ts';
import { poolSamples } from './signature.ts';
import type { Rect } from '../../contract/detection.ts';
import { torsoSample, type TorsoSample } from './torso.ts';
import { blankRink, ICE, NAVY, paintPerson, RED, WHITE, type Jersey } from './synthetic-rink.test-helper.ts';

describe('CIELAB', () => {
  it('matches published values for white, black and sRGB red', () => {
    const white = rgbToLab(255, 255, 255);
    expect(white.L).toBeCloseTo(100, 2);
    expect(Math.abs(white.a)).toBeLessThan(0.01);
    expect(Math.abs(white.b)).toBeLessThan(0.01);
    expect(rgbToLab(0, 0, 0).L).toBeCloseTo(0, 5);
    // sRGB (255, 0, 0) is L* 53.24, a* 80.09, b* 67.20 (D65).
    const red = rgbToLab(255, 0, 0);
    expect(red.L).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
  });

  it('round-trips through the hex shown to the analyst', () => {
    for (const [r, g, b] of [RED, NAVY, WHITE, ICE]) {
      const hex = labToHex(rgbToLab(r, g, b));
      expect(hex).toBe('#' + [r, g, b].map((v) => v.toString(16).padStart(2, '0')).join(''));
    }
  });
});

function frameWith(people: { box: Rect; jersey: Jersey; light?: number }[], order: 'rgb' | 'bgr' = 'bgr', size = 416) {
  const frame = blankRink(size, size, order);
  for (const p of people) paintPerson(frame, p.box, p.jersey, p.light);
  return frame;
}

describe('torso samples', () => {
  const box = { x1: 100, y1: 150, x2: 140, y2: 250 };

  it('finds the rink colours outside the boxes', () => {
    const frame = frameWith([{ box, jersey: { kind: 'solid', colour: RED } }]);
    const bg = backgroundColours(frame, [box]);
    expect(bg.length).toBeGreaterThanOrEqual(3);
    const ice = rgbToLab(...ICE);
    const nearest = Math.min(
      ...Array.from({ length: bg.length / 3 }, (_, k) =>
        deltaE(ice, { L: bg[k * 3]!, a: bg[k * 3 + 1]!, b: bg[k * 3 + 2]! }),
      ),
    );
    expect(nearest).toBeLessThan(2);
  });

  it('reads a solid jersey colour in either channel order and leaves the ice out', () => {
    for (const order of ['rgb', 'bgr'] as const) {
      const frame = frameWith([{ box, jersey: { kind: 'solid', colour: RED } }], order);
      const s = torsoSample(frame, box, backgroundColours(frame, [box]))!;
      const red = rgbToLab(...RED);
      expect(deltaE(red, s)).toBeLessThan(3);
      expect(s.background).toBeLessThan(0.25);
      expect(s.stripes).toBe(0);
    }
  });

  it('reads the same jersey and stripes from the yuv420p planes ffmpeg makes of the frame (the stills)', () => {
    const ref = { x1: 200, y1: 150, x2: 248, y2: 260 };
    const people = [
      { box, jersey: { kind: 'solid', colour: RED } as Jersey },
      { box: ref, jersey: { kind: 'stripes', width: 3 } as Jersey },
    ];
    const rgb = frameWith(people, 'rgb');
    const planes = execFileSync(
      FFMPEG,
      [
        '-v',
        'error',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'rgb24',
        '-s',
        '416x416',
        '-i',
        '-',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'yuv420p',
        '-',
      ],
      { input: rgb.data },
    );
    expect(planes.length).toBe(416 * 416 * 1.5);
    const yuv = { data: new Uint8Array(planes), width: 416, height: 416, order: 'yuv420p' as const };
    for (const b of [box, ref]) {
      const fromRgb = torsoSample(rgb, b, backgroundColours(rgb, [box, ref]))!;
      const fromYuv = torsoSample(yuv, b, backgroundColours(yuv, [box, ref]))!;
      expect(deltaE(fromRgb, fromYuv)).toBeLessThan(4);
      expect(Math.abs(fromRgb.stripes - fromYuv.stripes)).toBeLessThan(0.1);
      expect(Math.abs(fromRgb.background - fromYuv.background)).toBeLessThan(0.1);
    }
    expect(torsoSample(yuv, ref, backgroundColours(yuv, [box, ref]))!.stripes).toBeGreaterThan(0.8);
  });

  it('a white jersey on white ice is mostly background, and a referee shirt is striped', () => {
    const ref = { x1: 200, y1: 150, x2: 248, y2: 270 };
    const frame = frameWith([
      { box, jersey: { kind: 'solid', colour: WHITE } },
      { box: ref, jersey: { kind: 'stripes', width: 3 } },
    ]);
    const bg = backgroundColours(frame, [box, ref]);
    expect(torsoSample(frame, box, bg)!.background).toBeGreaterThan(0.6);
    expect(torsoSample(frame, ref, bg)!.stripes).toBeGreaterThan(0.8);
  });

  it('skips a torso too small to read', () => {
    const tiny = { x1: 10, y1: 300, x2: 14, y2: 310 };
    const frame = frameWith([{ box: tiny, jersey: { kind: 'solid', colour: RED } }]);
    expect(torsoSample(frame, tiny, backgroundColours(frame, [tiny]))).toBeNull();
  });
});

/** A track seen on `frames` frames, at a size and light that change from frame to frame. */
function trackSamples(jersey: Jersey, seed: number, frames = 12): TorsoSample[] {
  const out: TorsoSample[] = [];
  for (let f = 0; f < frames; f++) {
    const light = 0.7 + (((seed * 7 + f * 3) % 10) / 10) * 0.4;
    const h = 60 + ((seed * 13 + f * 5) % 7) * 12;
    const box = { x1: 150, y1: 120, x2: 150 + Math.round(h * 0.42), y2: 120 + h };
    const frame = frameWith([{ box, jersey, light }], 'bgr', 240);
    const s = torsoSample(frame, box, backgroundColours(frame, [box]));
    if (s) out.push(s);
  }
  return out;
}

describe('clustering tracks into teams and officials', () => {
  it('two jersey colours and the officials, under varying light and size, with colours to show', () => {
    const tracks: (TrackJersey & { truth: string })[] = [];
    let id = 1;
    const add = (jersey: Jersey, truth: string, count: number) => {
      for (let k = 0; k < count; k++, id++) {
        tracks.push({ trackId: id, signature: poolSamples(trackSamples(jersey, id))!, truth });
      }
    };
    add({ kind: 'solid', colour: RED }, 'red', 9);
    add({ kind: 'solid', colour: WHITE }, 'white', 8);
    add({ kind: 'stripes', width: 2 }, 'official', 2);
    add({ kind: 'stripes', width: 3 }, 'official', 1);
    const { tracks: grouped, colours } = clusterJerseys(tracks);
    const groupOfTruth = new Map<string, Set<string>>();
    for (const t of tracks) {
      const g = grouped.find((x) => x.trackId === t.trackId)!;
      groupOfTruth.set(t.truth, (groupOfTruth.get(t.truth) ?? new Set()).add(g.group));
      expect(g.confidence).toBeGreaterThan(0.3);
    }
    expect([...groupOfTruth.get('official')!]).toEqual(['official']);
    expect(groupOfTruth.get('red')!.size).toBe(1);
    expect(groupOfTruth.get('white')!.size).toBe(1);
    // Team A is the darker jersey: red.
    expect([...groupOfTruth.get('red')!]).toEqual(['team-a']);
    expect([...groupOfTruth.get('white')!]).toEqual(['team-b']);
    expect(deltaE(rgbToLab(...RED), hexLab(colours['team-a']!))).toBeLessThan(12);
    expect(colours.official).toBeDefined();
  });

  it('separates two coloured teams whatever the order of the tracks', () => {
    const red = [1, 2, 3, 4].map((id) => ({
      trackId: id,
      signature: poolSamples(trackSamples({ kind: 'solid', colour: RED }, id))!,
    }));
    const navy = [5, 6, 7].map((id) => ({
      trackId: id,
      signature: poolSamples(trackSamples({ kind: 'solid', colour: NAVY }, id))!,
    }));
    const a = clusterJerseys([...red, ...navy]).tracks;
    const b = clusterJerseys([...navy.reverse(), ...red.reverse()]).tracks;
    expect(a.map((t) => [t.trackId, t.group])).toEqual(b.map((t) => [t.trackId, t.group]));
    a.forEach((t, k) => expect(t.confidence).toBeCloseTo(b[k]!.confidence, 9));
    expect(new Set(a.filter((t) => t.trackId <= 4).map((t) => t.group)).size).toBe(1);
    expect(a.find((t) => t.trackId === 1)!.group).not.toBe(a.find((t) => t.trackId === 5)!.group);
  });

  it('too few samples make no signature', () => {
    expect(poolSamples(trackSamples({ kind: 'solid', colour: RED }, 1, 2))).toBeNull();
  });
});

function hexLab(hex: string) {
  const v = (i: number) => parseInt(hex.slice(i, i + 2), 16);
  return rgbToLab(v(1), v(3), v(5));
}

describe('the rink region', () => {
  const rink = [
    { x: 0.05, y: 0.3 },
    { x: 0.95, y: 0.3 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ];
  it('is a polygon in fractions of the frame; a person stands at the bottom-centre of the box', () => {
    expect(insidePolygon(rink, 0.5, 0.5)).toBe(true);
    expect(insidePolygon(rink, 0.5, 0.2)).toBe(false);
    expect(insidePolygon(rink, 0.02, 0.32)).toBe(false);
    // A fan leaning over the glass: the box reaches the ice, the feet stand above it.
    expect(onIce(rink, { x1: 900, x2: 960, y2: 300 }, 1920, 1080)).toBe(false);
    expect(onIce(rink, { x1: 900, x2: 960, y2: 700 }, 1920, 1080)).toBe(true);
    // No region drawn: everyone is on the ice.
    expect(onIce([], { x1: 0, x2: 1, y2: 1 }, 10, 10)).toBe(true);
  });
});
