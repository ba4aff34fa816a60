import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ULTRALYTICS_TEST_DETECTIONS,
  type Rect,
  type TestDetection,
} from '../../../tests/fixtures/models/ultralytics-test-spec.ts';
import { silentLogger } from '../log.ts';
import type { Detection as Box } from '../../contract/detection.ts';
import { letterboxedImage } from './ffmpeg.test-helper.ts';
import { FIXTURE_IMAGES, ULTRALYTICS_TEST_MODEL } from './paths.test-helper.ts';
import { createDetector, type Detector } from './detector.test-helper.ts';

/**
 * The whole ultralytics path (inferred manifest → ffmpeg centred letterbox in RGB → /255 tensor →
 * ORT → [1,84,8400] decode → NMS → source pixels) on the generated test model, whose boxes are
 * fixed and whose scores are channel means of its input (tests/fixtures/models/ultralytics-test-spec.ts).
 * So every box is known exactly, and every score follows from the letterboxed frame.
 * The real YOLOv8n's detections are checked by the benchmark in docs/benchmarks.md.
 */

/** Source-pixel boxes the model's fixed input-pixel boxes must come back as, per image. */
interface Case {
  image: string;
  width: number;
  height: number;
  padY: number;
  boxes: Record<string, Rect>;
  /** Detections whose region's red and blue means differ enough to show a swapped channel order. */
  colourful: string[];
}

const CASES: Case[] = [
  {
    // r = 640/548: every input pixel is 0.85625 source pixels; 120 rows of padding on top.
    image: 'messi5.jpg',
    width: 548,
    height: 342,
    padY: 120,
    boxes: {
      'person, red mean': [85.625, 68.5, 171.25, 274],
      'person, blue mean': [342.5, 51.375, 445.25, 291.125],
      'ball, green mean': [256.875, 154.125, 274, 171.25],
      'across the bottom edge': [445.25, 239.75, 530.875, 342],
    },
    colourful: ['person, red mean', 'person, blue mean'],
  },
  {
    // r = 1: only the 80 rows of padding on top are taken off.
    image: 'basketball1.png',
    width: 640,
    height: 480,
    padY: 80,
    boxes: {
      'person, red mean': [100, 120, 200, 360],
      'person, blue mean': [400, 100, 520, 380],
      'ball, green mean': [300, 220, 320, 240],
      'across the bottom edge': [520, 320, 620, 480],
    },
    // A grey picture: no channel order can show; this case checks the /255 and the other letterbox.
    colourful: [],
  },
];

/** Mean of one channel of a packed 640-wide RGB frame over a region, in the model's 0..1 units. */
function channelMean(frame: Uint8Array, width: number, channel: number, [x1, y1, x2, y2]: Rect): number {
  let sum = 0;
  for (let y = y1; y < y2; y++) for (let x = x1; x < x2; x++) sum += frame[(y * width + x) * 3 + channel] as number;
  return sum / ((x2 - x1) * (y2 - y1)) / 255;
}

function spec(role: string): TestDetection {
  const d = ULTRALYTICS_TEST_DETECTIONS.find((x) => x.role === role);
  if (!d) throw new Error(`no test detection '${role}'`);
  return d;
}

describe('ultralytics layout on the generated test model', () => {
  let detector: Detector;
  beforeAll(async () => {
    detector = await createDetector({ model: ULTRALYTICS_TEST_MODEL, ep: 'cpu', threads: 1, log: silentLogger });
  });
  afterAll(async () => {
    await detector.release();
  });

  it('reads its class names from the ONNX metadata', () => {
    expect(detector.model.manifestSource).toBe('inferred');
    expect(detector.manifest.layout).toBe('ultralytics');
    expect(detector.manifest.classes[0]).toBe('person');
    expect(detector.manifest.classes[32]).toBe('sports ball');
  });

  for (const c of CASES) {
    it(`${c.image}: exactly the model's boxes in source pixels, scores from the RGB frame, inside the frame`, async () => {
      const { frame, geometry, command } = letterboxedImage(join(FIXTURE_IMAGES, c.image), detector.manifest);
      expect(command).toContain('rgb24'); // so channelMean's channel 0 is red
      expect([geometry.srcW, geometry.srcH, geometry.padX, geometry.padY]).toEqual([c.width, c.height, 0, c.padY]);
      expect(geometry.padY + geometry.padX).toBeGreaterThan(0); // centred letterbox really padded
      const boxes = await detector.detect(frame, geometry, { score: 0.3, nms: 0.45 });

      // The duplicate (NMS), the box in the padding and the low-scored one are gone.
      const roles = Object.keys(c.boxes);
      expect(boxes).toHaveLength(roles.length);
      const byX = [...boxes].sort((a, b) => a.x1 - b.x1);
      const expected = roles
        .map((role) => ({ role, rect: c.boxes[role] as Rect, d: spec(role) }))
        .sort((a, b) => a.rect[0] - b.rect[0]);
      expected.forEach(({ role, rect, d }, i) => {
        const got = byX[i] as Box;
        const mean = channelMean(frame, geometry.inW, d.channel, d.region);
        expect(got.classId, role).toBe(d.classId);
        [got.x1, got.y1, got.x2, got.y2].forEach((v, j) =>
          expect(v, `${role} coordinate ${j}`).toBeCloseTo(rect[j] as number, 6),
        );
        expect(got.score, role).toBeCloseTo(d.base + d.gain * mean, 5);
      });

      // A swapped channel order would give the other one's mean: far enough to fail the scores above.
      for (const role of c.colourful) {
        const { region } = spec(role);
        expect(
          Math.abs(channelMean(frame, geometry.inW, 0, region) - channelMean(frame, geometry.inW, 2, region)),
          role,
        ).toBeGreaterThan(0.05);
      }

      const persons = boxes.filter((b) => detector.manifest.classes[b.classId] === 'person');
      expect(persons.length).toBeGreaterThanOrEqual(2);
      for (const b of boxes) {
        expect(b.x1).toBeGreaterThanOrEqual(0);
        expect(b.y1).toBeGreaterThanOrEqual(0);
        expect(b.x2).toBeLessThanOrEqual(geometry.srcW);
        expect(b.y2).toBeLessThanOrEqual(geometry.srcH);
        expect(b.x2 - b.x1).toBeGreaterThan(10);
      }
    });
  }
});
