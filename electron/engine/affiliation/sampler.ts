/**
 * Jersey samples taken during an analysis, from the frames the detector already sees: no second
 * decode of the game. A person's torso is sampled about twice a second (every SAMPLE_PERIOD_S of
 * video time), which is plenty to pool a track's jersey and keeps the stored rows to a few hundred
 * thousand for a whole game. Which frames are sampled depends only on their pts, so a resumed run
 * samples the same frames as an uninterrupted one.
 */
import type { DetectionBox } from '../../contract/detections-window.ts';
import type { LetterboxGeometry } from '../detect/letterbox.ts';
import { backgroundColours } from './background.ts';
import { torsoSample, type FrameRegion, type PackedFrame } from './torso.ts';

export const SAMPLE_PERIOD_S = 0.5;

/** One stored sample: a track's torso on one frame, and where its skates were. */
export interface JerseySampleRow {
  frameIndex: number;
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
  /** Whether this frame is a sample frame (the pipeline then keeps a copy of its pixels). */
  wants(pts: number): boolean;
  /** Samples of one sample frame's tracked people; call in pts order. */
  sample(frame: PackedFrame, frameIndex: number, pts: number, boxes: readonly DetectionBox[]): JerseySampleRow[];
}

export interface SamplerOptions {
  geometry: LetterboxGeometry;
  /** Class ids whose boxes are people (the manifest's skater role). */
  personClassIds: ReadonlySet<number>;
  /** The pts of the last frame analysed before this pipeline started (resume), if any. */
  previousPts?: number;
}

const period = (pts: number) => Math.floor(pts / SAMPLE_PERIOD_S);

export function createJerseySampler(options: SamplerOptions): JerseySampler {
  const g = options.geometry;
  let lastPeriod = options.previousPts === undefined ? -Infinity : period(options.previousPts);
  const toFrame = (box: DetectionBox): FrameRegion => ({
    x1: box.x1 * g.scale + g.padX,
    y1: box.y1 * g.scale + g.padY,
    x2: box.x2 * g.scale + g.padX,
    y2: box.y2 * g.scale + g.padY,
  });
  return {
    wants(pts) {
      const p = period(pts);
      if (p === lastPeriod) return false;
      lastPeriod = p;
      return true;
    },
    sample(frame, frameIndex, _pts, boxes) {
      const people = boxes.filter((b) => options.personClassIds.has(b.classId));
      const regions = people.map(toFrame);
      const background = backgroundColours(frame, regions);
      const rows: JerseySampleRow[] = [];
      people.forEach((box, k) => {
        if (box.trackId < 0) return;
        const s = torsoSample(frame, regions[k]!, background);
        if (!s) return;
        rows.push({
          frameIndex,
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
