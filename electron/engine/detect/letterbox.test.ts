import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ffmpegLetterboxFilter, letterboxGeometry, roundHalfEven, toTensor } from './letterbox.ts';
import { ModelManifest } from './manifest.ts';
import { DEFAULT_MODEL } from './paths.test-helper.ts';

const yolox = ModelManifest.parse(JSON.parse(readFileSync(DEFAULT_MODEL.replace(/\.onnx$/, '.json'), 'utf8')));

function manifest(over: Partial<ModelManifest>): ModelManifest {
  return ModelManifest.parse({ ...yolox, ...over });
}

describe('letterboxGeometry', () => {
  it('fits 1920x1080 into 416 at the top-left (YOLOX)', () => {
    const g = letterboxGeometry(1920, 1080, 416, 416, 'top-left');
    expect(g.scale).toBeCloseTo(416 / 1920, 12);
    expect([g.scaledW, g.scaledH, g.padX, g.padY]).toEqual([416, 234, 0, 0]);
  });

  it('centres for ultralytics with the odd pixel at the bottom/right', () => {
    const g = letterboxGeometry(548, 342, 640, 640, 'center');
    expect([g.scaledW, g.scaledH]).toEqual([640, 399]); // 342*640/548 = 399.4
    expect([g.padX, g.padY]).toEqual([0, 120]); // (640-399)/2 = 120.5 → 120 top, 121 bottom
    const tall = letterboxGeometry(480, 640, 640, 640, 'center');
    expect([tall.scaledW, tall.scaledH, tall.padX, tall.padY]).toEqual([480, 640, 80, 0]);
  });

  it('rounds half to even like Python', () => {
    expect([roundHalfEven(2.5), roundHalfEven(3.5), roundHalfEven(2.4), roundHalfEven(2.6)]).toEqual([2, 4, 2, 3]);
  });

  it('rejects empty sizes', () => {
    expect(() => letterboxGeometry(0, 10, 416, 416, 'top-left')).toThrow(RangeError);
  });
});

describe('ffmpegLetterboxFilter', () => {
  it('scales the decoded planes, converts only the model-sized frame, then pads with the manifest grey', () => {
    const g = letterboxGeometry(1920, 1080, 416, 416, 'top-left');
    const f = ffmpegLetterboxFilter(g, yolox);
    expect(f.pixFmt).toBe('bgr24');
    expect(f.filter).toMatch(/^scale=416:234:flags=[a-z_+]+,format=bgr24,pad=416:416:0:0:color=0x727272$/);
    const centred = ffmpegLetterboxFilter(
      letterboxGeometry(548, 342, 640, 640, 'center'),
      manifest({ colorOrder: 'rgb' }),
    );
    expect(centred.pixFmt).toBe('rgb24');
    expect(centred.filter).toContain('pad=640:640:0:120:color=0x727272');
  });
});

describe('toTensor', () => {
  const small = (over: Partial<ModelManifest>) => manifest({ input: { width: 2, height: 1 }, ...over });
  const frame = Uint8Array.from([10, 20, 30, 40, 50, 60]); // two pixels, channels a,b,c

  it('makes planar CHW, raw values', () => {
    const out = new Float32Array(6);
    toTensor(frame, small({}), out);
    expect([...out]).toEqual([10, 40, 20, 50, 30, 60]);
  });

  it('swaps channels when the frame order differs from the model', () => {
    const out = new Float32Array(6);
    toTensor(frame, small({ colorOrder: 'bgr' }), out, 'rgb');
    expect([...out]).toEqual([30, 60, 20, 50, 10, 40]);
  });

  it('applies scale and mean/std per channel', () => {
    const out = new Float32Array(6);
    toTensor(frame, small({ normalisation: { kind: 'scale', scale: 1 / 255 } }), out);
    expect(out[0]).toBeCloseTo(10 / 255, 6);
    toTensor(frame, small({ normalisation: { kind: 'meanStd', mean: [10, 20, 30], std: [2, 4, 5] } }), out);
    expect([...out]).toEqual([0, 15, 0, 7.5, 0, 6]);
  });

  it('writes into the given buffer and checks sizes', () => {
    const out = new Float32Array(6);
    expect(toTensor(frame, small({}), out)).toBe(out);
    expect(() => toTensor(frame.subarray(1), small({}), out)).toThrow(RangeError);
    expect(() => toTensor(frame, small({}), new Float32Array(5))).toThrow(RangeError);
  });
});
