import { describe, expect, it } from 'vitest';
import { decodeDetectionsWindow } from './detections-window.ts';

/** A window spelled out byte by byte from docs/formats.md, so the layout cannot drift silently. */
function handMade(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(32 + 16 + 16));
  const v = new DataView(bytes.buffer);
  bytes.set([0x52, 0x4b, 0x44, 0x57], 0); // "RKDW"
  v.setUint16(4, 1, true); // version
  v.setUint32(8, 1, true); // frame count
  v.setFloat64(16, 1.5, true); // t0
  v.setFloat64(24, 2.5, true); // t1
  v.setUint32(32, 42, true); // frame index
  v.setUint16(36, 1, true); // box count
  v.setFloat64(40, 1.8667, true); // pts
  v.setInt16(48, -4, true); // x1 = −1 px (quarter pixels)
  v.setInt16(50, 401, true); // y1 = 100.25 px
  v.setInt16(52, 7680, true); // x2 = 1920 px
  v.setInt16(54, 4352, true); // y2 = 1088 px
  v.setUint16(56, 65535, true); // score 1.0
  v.setUint8(58, 32); // class 32 (sports ball)
  v.setInt32(60, -1, true); // no track
  return bytes;
}

describe('decodeDetectionsWindow', () => {
  it('reads the documented layout', () => {
    expect(decodeDetectionsWindow(handMade())).toEqual({
      t0: 1.5,
      t1: 2.5,
      frames: [
        {
          index: 42,
          pts: 1.8667,
          boxes: [{ x1: -1, y1: 100.25, x2: 1920, y2: 1088, score: 1, classId: 32, trackId: -1 }],
        },
      ],
    });
  });

  it('accepts an ArrayBuffer and a Uint8Array view into a larger buffer', () => {
    const bytes = handMade();
    const padded = new Uint8Array(bytes.length + 8);
    padded.set(bytes, 8);
    const fromView = decodeDetectionsWindow(padded.subarray(8));
    expect(fromView).toEqual(decodeDetectionsWindow(bytes.buffer));
  });

  it.each([
    { name: 'bad magic', edit: (b: Uint8Array) => b.set([0], 0), error: /bad magic/ },
    { name: 'unknown version', edit: (b: Uint8Array) => b.set([2], 4), error: /version 2/ },
    { name: 'frame count too large', edit: (b: Uint8Array) => b.set([2], 8), error: /past the end/ },
    { name: 'box count too large', edit: (b: Uint8Array) => b.set([2], 36), error: /past the end/ },
  ])('rejects $name', ({ edit, error }) => {
    const bytes = handMade();
    edit(bytes);
    expect(() => decodeDetectionsWindow(bytes)).toThrow(error);
  });

  it('rejects truncated and padded buffers', () => {
    const bytes = handMade();
    expect(() => decodeDetectionsWindow(bytes.subarray(0, bytes.length - 1))).toThrow(/past the end/);
    expect(() => decodeDetectionsWindow(bytes.subarray(0, 20))).toThrow(/bad magic/);
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expect(() => decodeDetectionsWindow(longer)).toThrow(/trailing bytes/);
  });
});
