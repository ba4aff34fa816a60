import { describe, expect, it } from 'vitest';
import type { DetectionFrame } from '../../contract/detection.ts';
import { assColour, assTimeCs, escapeAssText } from './ass-format.ts';
import { buildAssOverlay } from './ass-overlay.ts';
import { boundaryCs, frameBoundariesCs } from './ass-timing.ts';
import { boxesAt } from './frame-boxes.ts';
import { eventCaption, formatClock } from './event-caption.ts';

const all = { boxes: true, ids: true, names: true, caption: true };

/** The milliseconds the ass filter asks libass for: pts × 1000, truncated. */
const ms = (t: number) => Math.trunc(t * 1000);

describe('ASS timing', () => {
  it('formats centiseconds as H:MM:SS.CC', () => {
    expect(assTimeCs(0)).toBe('0:00:00.00');
    expect(assTimeCs(5)).toBe('0:00:00.05');
    expect(assTimeCs(366_123)).toBe('1:01:01.23');
  });

  it('puts boundaries at frame midpoints, so every frame falls inside its own interval', () => {
    for (const fps of [10, 25, 29.97, 30, 50, 59.94, 60]) {
      // A clip starting at an awkward pts, measured from its first frame as the filter sees it.
      const times = Array.from({ length: 200 }, (_, k) => (k * 1) / fps);
      const b = frameBoundariesCs(times);
      times.forEach((t, k) => {
        expect(b[k]! * 10, `fps ${fps} frame ${k} start`).toBeLessThanOrEqual(ms(t));
        expect(b[k + 1]! * 10, `fps ${fps} frame ${k} end`).toBeGreaterThan(ms(t));
      });
    }
  });

  it('uses the midpoint for 10 fps and 30 fps', () => {
    expect(frameBoundariesCs([0, 0.1, 0.2])).toEqual([0, 5, 15, 120]);
    expect(boundaryCs(0, 1 / 30)).toBe(2);
  });

  it('keeps variable frame durations apart', () => {
    const times = [0, 0.1, 0.15, 0.25, 0.3];
    const b = frameBoundariesCs(times);
    times.forEach((t, k) => {
      expect(b[k]! * 10).toBeLessThanOrEqual(ms(t));
      expect(b[k + 1]! * 10).toBeGreaterThan(ms(t));
    });
  });
});

describe('ASS text', () => {
  it('escapes override braces and backslash escapes in names', () => {
    expect(escapeAssText('A{\\b1}B')).toBe('A\\{\\\u2060b1\\}B');
    expect(escapeAssText('x\\Ny')).toBe('x\\\u2060Ny');
    expect(escapeAssText('line\nbreak')).toBe('line break');
  });

  it('writes colours blue-first', () => {
    expect(assColour('#112233')).toBe('&H332211&');
  });

  it('words the caption with code, period and clock', () => {
    expect(eventCaption({ code: 'Shot', period: '2', clockS: 754.5 })).toBe('Shot · P2 · 12:34.5');
    expect(eventCaption({ code: 'Goal', period: 'OT', clockS: 3725 })).toBe('Goal · OT · 1:02:05.0');
    expect(eventCaption({ code: 'Hit', clockS: 5 })).toBe('Hit · 0:05.0');
    expect(formatClock(59.96)).toBe('1:00.0');
  });
});

describe('buildAssOverlay', () => {
  const frames: DetectionFrame[] = [
    { index: 0, pts: 1.0, boxes: [{ x1: 10, y1: 100, x2: 50, y2: 200, score: 1, classId: 0, trackId: 4 }] },
    { index: 1, pts: 1.1, boxes: [{ x1: 10, y1: 100, x2: 50, y2: 200, score: 1, classId: 0, trackId: 4 }] },
    {
      index: 2,
      pts: 1.2,
      boxes: [
        { x1: 20, y1: 100, x2: 60, y2: 200, score: 1, classId: 0, trackId: 4 },
        { x1: 1, y1: 1, x2: 9, y2: 9, score: 1, classId: 0, trackId: -1 },
      ],
    },
  ];
  const times = [1.0, 1.1, 1.2];

  it('sets PlayRes to the video size and draws hollow boxes relative to \\pos', () => {
    const o = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show: { ...all, ids: false, names: false, caption: false },
    });
    expect(o.text).toContain('PlayResX: 768\nPlayResY: 576');
    const dialogues = o.text.split('\n').filter((l) => l.startsWith('Dialogue:'));
    // Frames 0 and 1 have the same box: one event; frame 2 moved: a second; plus the untracked box.
    expect(dialogues).toHaveLength(3);
    expect(dialogues[0]).toBe(
      'Dialogue: 0,0:00:00.00,0:00:00.15,Box,,0,0,0,,{\\pos(10,100)\\c&H00D4FF&\\p1}m 0 0 l 40 0 l 40 100 l 0 100 m 2 2 l 2 98 l 38 98 l 38 2{\\p0}',
    );
    expect(o.maxBoxesPerFrame).toBe(2);
  });

  it('draws a track in its jersey colour, and leaves out a hidden (off-ice) track', () => {
    const show = { ...all, ids: false, names: false, caption: false };
    const coloured = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show,
      tracks: new Map([[4, { colour: '#be1923' }]]),
    });
    expect(coloured.text).toContain(`\\c${assColour('#be1923')}`);
    const hidden = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show,
      tracks: new Map([[4, { colour: '#be1923', hidden: true }]]),
    });
    const dialogues = hidden.text.split('\n').filter((l) => l.startsWith('Dialogue:'));
    // Only the untracked box is left.
    expect(dialogues).toHaveLength(1);
    expect(hidden.maxBoxesPerFrame).toBe(1);
  });

  it('labels tracks with the player name when asked, else the track id, and adds the caption', () => {
    const tracks = new Map([[4, { name: '12 Smith', colour: '#FFFFFF' }]]);
    const named = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show: all,
      tracks,
      caption: 'Shot · P1 · 0:01.0',
    });
    expect(named.text).toContain('}12 Smith');
    expect(named.text).toContain('\\c&H000000&'); // dark ink on a white tag
    expect(named.text).toMatch(/Dialogue: 2,0:00:00.00,[^,]+,Caption,,0,0,0,,\{\\an1\}Shot · P1 · 0:01.0/);
    const ids = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show: { ...all, names: false },
      tracks,
    });
    expect(ids.text).toContain('}#4');
    expect(ids.text).not.toContain('Smith');
    expect(ids.text).not.toContain('Caption,,');
  });

  it('draws nothing when every overlay is off', () => {
    const o = buildAssOverlay({
      width: 768,
      height: 576,
      frameTimes: times,
      detections: frames,
      show: { boxes: false, ids: false, names: false, caption: false },
    });
    expect(o.events).toBe(0);
  });
});

describe('boxesAt', () => {
  const frames: DetectionFrame[] = [
    {
      index: 0,
      pts: 0,
      boxes: [
        { x1: 0, y1: 0, x2: 10, y2: 10, score: 1, classId: 0, trackId: 1 },
        { x1: 5, y1: 5, x2: 6, y2: 6, score: 1, classId: 0, trackId: -1 },
      ],
    },
    { index: 10, pts: 1, boxes: [{ x1: 100, y1: 0, x2: 110, y2: 10, score: 1, classId: 0, trackId: 1 }] },
    { index: 50, pts: 5, boxes: [{ x1: 0, y1: 0, x2: 10, y2: 10, score: 1, classId: 0, trackId: 1 }] },
  ];

  it('uses an analysed frame as is, interpolates tracks between, and leaves gaps empty', () => {
    expect(boxesAt(frames, 0)).toHaveLength(2);
    expect(boxesAt(frames, 0.25)).toMatchObject([{ x1: 25, x2: 35, trackId: 1 }]);
    expect(boxesAt(frames, 3)).toEqual([]);
    expect(boxesAt(frames, 6)).toEqual([]);
    expect(boxesAt(frames, -1)).toEqual([]);
  });
});
