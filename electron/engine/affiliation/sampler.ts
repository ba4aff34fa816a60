/**
 * Jersey samples taken during an analysis, from the frames the detector already sees: no second
 * decode of the game. Each track's torso is sampled on its first frame in every SAMPLE_PERIOD_S of
 * video time — a new track at once, then about twice a second — which is plenty to pool a
 * track's jersey, gives even a short shift-change track its samples, and keeps the stored rows to
 * a few hundred thousand for a whole game. The rink's colours are measured once per period. What
 * is sampled depends only on pts and what was stored, so a resumed run samples what an
 * uninterrupted one would.
 */
import type { Rect, TrackedDetection } from '../../contract/detection.ts';
import type { LetterboxGeometry } from '../detect/letterbox.ts';
import { backgroundColours } from './background.ts';
import { torsoSample, type PackedFrame } from './torso.ts';

export const SAMPLE_PERIOD_S = 0.5;

/** One stored sample: a track's torso on one frame, and where its skates were. */
export interface JerseySampleRow {
  frameIndex: number;
  pts: number;
  trackId: number;
  L: number;
  a: number;
  b: number;
  background: number;
  stripes: number;
  /** Bottom-centre of the box in fractions of the source frame (for the rink region). */
  footX: number;
  footY: number;
}

export interface JerseySampler {
  /** Samples of one frame's tracked people (none for most frames); call in pts order. */
  sample(frame: PackedFrame, frameIndex: number, pts: number, boxes: readonly TrackedDetection[]): JerseySampleRow[];
}

export interface SamplerOptions {
  geometry: LetterboxGeometry;
  /** Class ids whose boxes are people (the manifest's skater role). */
  personClassIds: ReadonlySet<number>;
  /** On a resume: each track's last stored sample pts, so its next sample falls where it would have. */
  lastSampled?: ReadonlyMap<number, number>;
}

const period = (pts: number) => Math.floor(pts / SAMPLE_PERIOD_S);

export function createJerseySampler(options: SamplerOptions): JerseySampler {
  const g = options.geometry;
  const lastPeriod = new Map<number, number>();
  for (const [trackId, pts] of options.lastSampled ?? []) lastPeriod.set(trackId, period(pts));
  let background: { period: number; colours: Float64Array } | null = null;
  const toFrame = (box: TrackedDetection): Rect => ({
    x1: box.x1 * g.scale + g.padX,
    y1: box.y1 * g.scale + g.padY,
    x2: box.x2 * g.scale + g.padX,
    y2: box.y2 * g.scale + g.padY,
  });
  return {
    sample(frame, frameIndex, pts, boxes) {
      const p = period(pts);
      const people = boxes.filter((b) => options.personClassIds.has(b.classId));
      const due = people.filter((b) => b.trackId >= 0 && lastPeriod.get(b.trackId) !== p);
      if (due.length === 0) return [];
      const regions = people.map(toFrame);
      if (background?.period !== p) background = { period: p, colours: backgroundColours(frame, regions) };
      const colours = background.colours;
      const rows: JerseySampleRow[] = [];
      people.forEach((box, k) => {
        if (box.trackId < 0 || lastPeriod.get(box.trackId) === p) return;
        const s = torsoSample(frame, regions[k]!, colours);
        // A torso too small to read is tried again on the track's next frame.
        if (!s) return;
        lastPeriod.set(box.trackId, p);
        rows.push({
          frameIndex,
          pts,
          trackId: box.trackId,
          L: s.L,
          a: s.a,
          b: s.b,
          background: s.background,
          stripes: s.stripes,
          footX: (box.x1 + box.x2) / 2 / g.srcW,
          footY: box.y2 / g.srcH,
        });
      });
      return rows;
    },
  };
}
