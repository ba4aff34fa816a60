/**
 * JSON interchange for detections (docs/formats.md: CLI, tests and small exports only; the store and R2
 * use the binary format). Boxes are [x1, y1, x2, y2, score, classId, trackId] in source pixels.
 */
import { z } from 'zod';
import { AppFailure } from '../../contract/errors.ts';
import type { DetectionFrame } from '../../contract/detection.ts';

const count = z.number().int().nonnegative();
const finite = z.number().finite();

export const DetectionsJsonSchema = z
  .object({
    version: z.literal(1),
    video: z.object({
      path: z.string(),
      sha256: z.string(),
      width: count,
      height: count,
      frames: count,
      duration: finite.nonnegative(),
    }),
    model: z.object({
      name: z.string(),
      sha256: z.string(),
      input: z.tuple([count, count]),
      classes: z.array(z.string()),
    }),
    run: z.object({
      ep: z.string(),
      stride: z.number().int().positive(),
      threads: count,
      score: finite,
      nms: finite,
    }),
    frames: z.array(
      z.object({
        i: count,
        t: finite,
        boxes: z.array(z.tuple([finite, finite, finite, finite, finite, count, z.number().int().min(-1)])),
      }),
    ),
  })
  .superRefine((doc, ctx) => {
    for (let k = 1; k < doc.frames.length; k++) {
      if ((doc.frames[k]?.i ?? 0) <= (doc.frames[k - 1]?.i ?? 0)) {
        ctx.addIssue({ code: 'custom', path: ['frames', k, 'i'], message: 'frame indices must increase' });
      }
    }
  });
export type DetectionsJson = z.infer<typeof DetectionsJsonSchema>;
export type DetectionsMeta = Omit<DetectionsJson, 'frames'>;

export function toJson(meta: DetectionsMeta, frames: readonly DetectionFrame[]): string {
  const doc: DetectionsJson = {
    version: 1,
    video: meta.video,
    model: meta.model,
    run: meta.run,
    frames: frames.map((f) => ({
      i: f.index,
      t: f.pts,
      boxes: f.boxes.map((b) => [b.x1, b.y1, b.x2, b.y2, b.score, b.classId, b.trackId]),
    })),
  };
  const checked = DetectionsJsonSchema.safeParse(doc);
  if (!checked.success)
    throw new AppFailure('invalid-args', 'Detections cannot be written as JSON', checked.error.message);
  return JSON.stringify(doc);
}

/** Parses and validates a JSON document (text or already-parsed value). */
export function fromJson(input: string | unknown): { meta: DetectionsMeta; frames: DetectionFrame[] } {
  let value: unknown = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (error) {
      throw new AppFailure('invalid-args', 'Detections JSON is not valid JSON', String(error));
    }
  }
  const parsed = DetectionsJsonSchema.safeParse(value);
  if (!parsed.success)
    throw new AppFailure('invalid-args', 'Detections JSON does not match version 1', parsed.error.message);
  const { frames, ...meta } = parsed.data;
  return {
    meta,
    frames: frames.map((f) => ({
      index: f.i,
      pts: f.t,
      boxes: f.boxes.map(([x1, y1, x2, y2, score, classId, trackId]) => ({ x1, y1, x2, y2, score, classId, trackId })),
    })),
  };
}
