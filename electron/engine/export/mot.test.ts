import { describe, expect, it } from 'vitest';
import type { DetectionFrame } from '../../contract/detection.ts';
import { parseMot, toMot } from './mot.ts';

const frames: DetectionFrame[] = [
  {
    index: 0,
    pts: 0.0334,
    boxes: [
      { x1: 10, y1: 20, x2: 40.5, y2: 100.25, score: 0.875, classId: 0, trackId: 5 },
      { x1: 1, y1: 2, x2: 3, y2: 4, score: 0.5, classId: 0, trackId: -1 },
      { x1: 100, y1: 200, x2: 150, y2: 300, score: 0.9, classId: 0, trackId: 2 },
    ],
  },
  { index: 3, pts: 0.1334, boxes: [{ x1: 12, y1: 22, x2: 42, y2: 102, score: 0.8, classId: 0, trackId: 5 }] },
];

describe('MOT export', () => {
  it('writes 1-based frames, ids sorted per frame, width/height, conf and -1,-1,-1; leaves untracked boxes out', () => {
    const { text, rows } = toMot(frames);
    expect(rows).toBe(3);
    expect(text).toBe(
      '1,2,100,200,50,100,0.9,-1,-1,-1\n1,5,10,20,30.5,80.25,0.875,-1,-1,-1\n4,5,12,22,30,80,0.8,-1,-1,-1\n',
    );
    expect(parseMot(text)).toEqual([
      { frame: 1, id: 2, left: 100, top: 200, width: 50, height: 100, conf: 0.9 },
      { frame: 1, id: 5, left: 10, top: 20, width: 30.5, height: 80.25, conf: 0.875 },
      { frame: 4, id: 5, left: 12, top: 22, width: 30, height: 80, conf: 0.8 },
    ]);
  });

  it('writes the ids the analyst sees after track edits', () => {
    // Track 5 was split at frame 3 into track 9.
    const { text } = toMot(frames, { resolveTrackId: (id, frame) => (id === 5 && frame >= 3 ? 9 : id) });
    expect(text.split('\n')[2]).toBe('4,9,12,22,30,80,0.8,-1,-1,-1');
  });

  it('rejects a line that is not MOT', () => {
    expect(() => parseMot('1,2,3\n')).toThrow(/MOT line 1/);
  });
});
