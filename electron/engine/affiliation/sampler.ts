/**
 * Jersey samples taken during an analysis, from the frames the detector already decodes: no
 * second decode of the game. The first analysed frame of every SAMPLE_PERIOD_S of video time also
 * comes out of the same ffmpeg decode at full resolution (a "still", frame-source-args.ts), and
 * every tracked person's torso is sampled on it (and a track is sampled once on the model's own
 * frame when it first appears between two stills). Full resolution because a referee's stripes are
 * a few pixels wide in 1080p and gone at the model's 416 px; a few stills a second cost little
 * (`rinkside bench teams` measures it). Twice a second is plenty to pool a track's jersey, gives
 * a shift-change track its samples, and keeps the stored rows to a few hundred thousand for a
 * whole game. Which frames are stills depends only on pts (and, on a resume, the last stored
 * frame's pts), so a resumed run samples what an uninterrupted one would.
 */
import type { Rect, TrackedDetection } from '../../contract/detection.ts';
import { stillSize, type StillOptions } from '../analysis/frame-source-args.ts';
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
  /** The stills to ask the frame source for. */
  readonly stills: StillOptions;
  /** Samples of every tracked person on one still; call in pts order. */
  sample(still: PackedFrame, frameIndex: number, pts: number, boxes: readonly TrackedDetection[]): JerseySampleRow[];
  /** Whether a tracked person among the boxes has no sample yet. */
  hasNew(boxes: readonly TrackedDetection[]): boolean;
  /**
   * Samples, on a model-input frame (letterboxed), of the tracked people with no sample yet: a
   * track born between two stills gets its colour at once, and a track shorter than the gap
   * between two stills (a quick shift change, a broken-off piece of a track) still gets one.
   */
  sampleNew(frame: PackedFrame, frameIndex: number, pts: number, boxes: readonly TrackedDetection[]): JerseySampleRow[];
}

export interface SamplerOptions {
  /** The source video's size: boxes are in its pixels. */
  source: { width: number; height: number };
  /** Class ids whose boxes are people (the manifest's skater role). */
  personClassIds: ReadonlySet<number>;
  /** The model-input letterbox (for sampleNew). */
  geometry: LetterboxGeometry;
  /** On a resume: the last stored frame's pts (stills then fall where they would have). */
  afterPts?: number;
  /** On a resume: the tracks sampled already. */
  sampled?: Iterable<number>;
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
  const g = options.geometry;
  const toModel = (box: TrackedDetection): Rect => ({
    x1: box.x1 * g.scale + g.padX,
    y1: box.y1 * g.scale + g.padY,
    x2: box.x2 * g.scale + g.padX,
    y2: box.y2 * g.scale + g.padY,
  });
  const sampled = new Set(options.sampled ?? []);
  const isNew = (box: TrackedDetection) =>
    box.trackId >= 0 && options.personClassIds.has(box.classId) && !sampled.has(box.trackId);
  const sampleOn = (
    frame: PackedFrame,
    toFrame: (box: TrackedDetection) => Rect,
    frameIndex: number,
    pts: number,
    boxes: readonly TrackedDetection[],
    wanted: (box: TrackedDetection) => boolean,
  ): JerseySampleRow[] => {
    const people = boxes.filter((b) => options.personClassIds.has(b.classId));
    if (!people.some((b) => b.trackId >= 0 && wanted(b))) return [];
    const regions = people.map(toFrame);
    const colours = backgroundColours(frame, regions);
    const rows: JerseySampleRow[] = [];
    people.forEach((box, k) => {
      if (box.trackId < 0 || !wanted(box)) return;
      const s = torsoSample(frame, regions[k]!, colours);
      // A torso too small to read says nothing; the track's next frame may.
      if (!s) return;
      sampled.add(box.trackId);
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
  };
  return {
    stills,
    sample: (still, frameIndex, pts, boxes) => sampleOn(still, toStill, frameIndex, pts, boxes, () => true),
    hasNew: (boxes) => boxes.some(isNew),
    sampleNew: (frame, frameIndex, pts, boxes) => sampleOn(frame, toModel, frameIndex, pts, boxes, isNew),
  };
}
