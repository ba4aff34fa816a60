import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { NANODET_TEST_FILE, testModels, ULTRALYTICS_TEST_FILE } from '../fixtures/models/make-test-models.ts';
import { ULTRALYTICS_TEST_ANCHORS, ULTRALYTICS_TEST_DETECTIONS } from '../fixtures/models/ultralytics-test-spec.ts';

// The generated stand-ins for real detectors (docs/test-models.md): the committed files are what
// the generator writes today, and onnxruntime computes what their spec says.
const dir = join(import.meta.dirname, '../fixtures/models');

async function session(file: string): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(join(dir, file), { executionProviders: ['cpu'], logSeverityLevel: 3 });
}

describe('generated test models', () => {
  it('are committed exactly as make-test-models.ts writes them', () => {
    const models = testModels();
    expect(Object.keys(models).sort()).toEqual([NANODET_TEST_FILE, ULTRALYTICS_TEST_FILE].sort());
    for (const [file, bytes] of Object.entries(models)) {
      expect(Buffer.from(readFileSync(join(dir, file))).equals(Buffer.from(bytes)), file).toBe(true);
      expect(bytes.length, file).toBeLessThan(16_000);
    }
  });

  it('ultralytics layout: fixed boxes, scores base + gain × channel mean, zeros elsewhere', async () => {
    const s = await session(ULTRALYTICS_TEST_FILE);
    try {
      // Each channel a different constant, so a mean taken from the wrong channel shows.
      const plane = 640 * 640;
      const input = new Float32Array(3 * plane);
      const level = [0.25, 0.5, 0.75];
      for (let c = 0; c < 3; c++) input.fill(level[c] as number, c * plane, (c + 1) * plane);
      const out = (await s.run({ images: new ort.Tensor('float32', input, [1, 3, 640, 640]) }))['output0'];
      expect(out?.dims).toEqual([1, 84, ULTRALYTICS_TEST_ANCHORS]);
      const data = out?.data as Float32Array;
      const n = ULTRALYTICS_TEST_ANCHORS;
      const at = (row: number, anchor: number): number => data[row * n + anchor] as number;
      ULTRALYTICS_TEST_DETECTIONS.forEach((d, k) => {
        const [x1, y1, x2, y2] = d.box;
        expect([at(0, k), at(1, k), at(2, k), at(3, k)], d.role).toEqual([
          (x1 + x2) / 2,
          (y1 + y2) / 2,
          x2 - x1,
          y2 - y1,
        ]);
        for (let c = 0; c < 80; c++) {
          const want = c === d.classId ? d.base + d.gain * (level[d.channel] as number) : 0;
          expect(at(4 + c, k), `${d.role} class ${c}`).toBeCloseTo(want, 6);
        }
      });
      let nonZero = 0;
      for (let row = 0; row < 84; row++)
        for (let j = ULTRALYTICS_TEST_DETECTIONS.length; j < n; j++) if (at(row, j) !== 0) nonZero++;
      expect(nonZero).toBe(0);
    } finally {
      await s.release();
    }
  });

  it("nanodet layout: NanoDet-m's six maps at 320, each the input's mean", async () => {
    const s = await session(NANODET_TEST_FILE);
    try {
      const input = new Float32Array(3 * 320 * 320).map((_, i) => (i % 7) / 7);
      let sum = 0;
      for (const v of input) sum += v;
      const outputs = await s.run({ image: new ort.Tensor('float32', input, [1, 3, 320, 320]) });
      expect(s.outputNames).toEqual([
        'cls_score0',
        'bbox_pred0',
        'cls_score1',
        'bbox_pred1',
        'cls_score2',
        'bbox_pred2',
      ]);
      expect(s.outputNames.map((name) => outputs[name]?.dims)).toEqual([
        [1600, 80],
        [1600, 32],
        [400, 80],
        [400, 32],
        [100, 80],
        [100, 32],
      ]);
      for (const name of s.outputNames) {
        const data = outputs[name]?.data as Float32Array;
        const [lo, hi] = data.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [Infinity, -Infinity]);
        expect(lo, name).toBeCloseTo(sum / input.length, 5);
        expect(hi, name).toBeCloseTo(sum / input.length, 5);
      }
    } finally {
      await s.release();
    }
  });
});
