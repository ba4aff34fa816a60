/**
 * Jersey samples taken during an analysis, from the frames the detector already decodes: no
 * second decode of the game. The first analysed frame of every SAMPLE_PERIOD_S of video time also
 * comes out of the same ffmpeg decode at full resolution (a "still", frame-source-args.ts), and
 * every tracked person's torso is sampled on it. Full resolution because a referee's stripes are
 * a few pixels wide in 1080p and gone at the model's 416 px; a few stills a second cost little
 * (`rinkside bench teams` measures it). Twice a second is plenty to pool a track's jersey, gives
 * a shift-change track its samples, and keeps the stored rows to a few hundred thousand for a
 * whole game. Which frames are stills depends only on pts (and, on a resume, the last stored
 * frame's pts), so a resumed run samples what an uninterrupted one would.
 */
import type { Rect, TrackedDetection } from '../../contract/detection.ts';
import { stillSize, type StillOptions } from '../analysis/frame-source-args.ts';
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
  /** The stills to ask the frame source for. */
  readonly stills: StillOptions;
  /** Samples of every tracked person on one still; call in pts order. */
  sample(still: PackedFrame, frameIndex: number, pts: number, boxes: readonly TrackedDetection[]): JerseySampleRow[];
}

export interface SamplerOptions {
  /** The source video's size: boxes are in its pixels. */
  source: { width: number; height: number };
  /** Class ids whose boxes are people (the manifest's skater role). */
  personClassIds: ReadonlySet<number>;
  /** On a resume: the last stored frame's pts (stills then fall where they would have). */
  afterPts?: number;
}

export function createJerseySampler(options: SamplerOptions): JerseySampler {
  const { width: srcW, height: srcH } = options.source;
  const size = stillSize(srcW, srcH);
  const scale = size.width / srcW;
  const stills: StillOptions = {
    periodS: SAMPLE_PERIOD_S,
    ...size,
    ...(options.afterPts !== undefined ? { afterPts: options.afterPts } : {}),
  };
  const toStill = (box: TrackedDetection): Rect => ({
    x1: box.x1 * scale,
    y1: box.y1 * (size.height / srcH),
    x2: box.x2 * scale,
    y2: box.y2 * (size.height / srcH),
  });
  return {
    stills,
    sample(still, frameIndex, pts, boxes) {
      const people = boxes.filter((b) => options.personClassIds.has(b.classId));
      if (!people.some((b) => b.trackId >= 0)) return [];
      const regions = people.map(toStill);
      const colours = backgroundColours(still, regions);
      const rows: JerseySampleRow[] = [];
      people.forEach((box, k) => {
        if (box.trackId < 0) return;
        const s = torsoSample(still, regions[k]!, colours);
        // A torso too small to read says nothing; the track's next still may.
        if (!s) return;
        rows.push({
          frameIndex,
          pts,
          trackId: box.trackId,
          L: s.L,
          a: s.a,
          b: s.b,
          background: s.background,
          stripes: s.stripes,
          footX: (box.x1 + box.x2) / 2 / srcW,
          footY: box.y2 / srcH,
        });
      });
      return rows;
    },
  };
}
