import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import type { Detection as Box } from '../../contract/detection.ts';
import { iou } from './box.ts';
import { letterboxedImage } from './ffmpeg.test-helper.ts';
import { DEFAULT_MODEL, FIXTURE_IMAGES, REFERENCES } from './paths.test-helper.ts';
import { createDetector, type Detector } from './detector.test-helper.ts';

/**
 * Our whole path (ffmpeg letterbox filter → toTensor → ORT → YOLOX decode → NMS → source pixels)
 * against an independent implementation: OpenCV 4.6 cv2.dnn running the same model through
 * ../shared/tools/opencv_reference.py, whose output is committed in tests/fixtures/references/
 * (command lines in its README.md). Same score (0.3) and NMS (0.45) as the reference run.
 */
interface Reference {
  frames: number[][][];
  score: number;
  nms: number;
  model_sha256: string;
}

const CASES = [
  { image: 'messi5.jpg', reference: 'messi5.yolox_nano_416.json', width: 548, height: 342 },
  { image: 'basketball1.png', reference: 'basketball1.yolox_nano_416.json', width: 640, height: 480 },
];

/** One-to-one matching: each reference box (by descending score) takes our best same-class box. */
function matchBoxes(ref: Box[], ours: Box[]): { ious: number[]; unmatched: Box[] } {
  const free = new Set(ours);
  const ious: number[] = [];
  const unmatched: Box[] = [];
  for (const r of [...ref].sort((a, b) => b.score - a.score)) {
    let best: Box | null = null;
    let bestIou = 0;
    for (const o of free) {
      const v = o.classId === r.classId ? iou(o, r) : 0;
      if (v > bestIou) {
        bestIou = v;
        best = o;
      }
    }
    if (best && bestIou >= 0.9) {
      free.delete(best);
      ious.push(bestIou);
    } else unmatched.push(r);
  }
  return { ious, unmatched };
}

describe('YOLOX-nano accuracy against the OpenCV reference', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = await createDetector({ model: DEFAULT_MODEL, ep: 'cpu', threads: 1, log: silentLogger });
  });
  afterAll(async () => {
    await detector.release();
  });

  it('gives the same boxes for an RGB frame declared as such, and refuses a geometry for another size', async () => {
    const { frame, geometry } = letterboxedImage(join(FIXTURE_IMAGES, 'messi5.jpg'), detector.manifest);
    const rgb = new Uint8Array(frame.length);
    for (let i = 0; i < frame.length; i += 3) {
      rgb[i] = frame[i + 2] as number;
      rgb[i + 1] = frame[i + 1] as number;
      rgb[i + 2] = frame[i] as number;
    }
    const opts = { score: 0.3, nms: 0.45 };
    const bgrBoxes = await detector.detect(frame, geometry, opts);
    expect(bgrBoxes.length).toBeGreaterThan(0);
    expect(await detector.detect(rgb, geometry, { ...opts, frameOrder: 'rgb' })).toEqual(bgrBoxes);
    const other = { ...geometry, inW: 640, inH: 640 };
    await expect(detector.detect(frame, other, opts)).rejects.toThrow(/416x416/);
  });

  for (const c of CASES) {
    it(`${c.image}: every reference box matched (IoU ≥ 0.9, same class), same count`, async () => {
      const reference = JSON.parse(readFileSync(join(REFERENCES, c.reference), 'utf8')) as Reference;
      expect(reference.model_sha256).toBe(detector.model.sha256);
      const { frame, geometry, command } = letterboxedImage(join(FIXTURE_IMAGES, c.image), detector.manifest);
      expect([geometry.srcW, geometry.srcH]).toEqual([c.width, c.height]);
      const ours = await detector.detect(frame, geometry, { score: reference.score, nms: reference.nms });
      // The reference does not clip to the frame; ours does (boxes are stored in frame pixels).
      const ref: Box[] = (reference.frames[0] ?? []).map(
        ([x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, classId = -1]) => ({
          x1: Math.max(0, x1),
          y1: Math.max(0, y1),
          x2: Math.min(c.width, x2),
          y2: Math.min(c.height, y2),
          score,
          classId,
        }),
      );
      const { ious, unmatched } = matchBoxes(ref, ours);
      const report = `${command.join(' ')}\nours: ${JSON.stringify(ours)}\nunmatched reference boxes: ${JSON.stringify(unmatched)}`;
      expect(unmatched, report).toEqual([]);
      expect(ours.length, report).toBe(ref.length);
      expect(Math.min(...ious)).toBeGreaterThanOrEqual(0.9);
      expect(ref.length).toBeGreaterThan(0);
    });
  }
});
