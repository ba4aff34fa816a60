import { describe, expect, it } from 'vitest';
import { eventSpan, momentAt, nudgeSpan, setSpanFrame } from './eventTiming.ts';

// people-10s.mp4-like: 25 fps, 250 frames, first frame not at 0 (camera files often start at 0.033 s).
const timing = { fps: 25, firstFrameTimeS: 0.04, frameCount: 250 };

describe('event time from a key press', () => {
  it('takes the presented frame, then lead/lag in whole frames', () => {
    const at = momentAt(timing, 0.04 + 100 / 25 + 0.001);
    expect(at.frame).toBe(100);
    const span = eventSpan(timing, at, at, 2, 1);
    expect(span).toEqual({ startFrame: 50, endFrame: 125, startS: 0.04 + 50 / 25, endS: 0.04 + 125 / 25 });
  });

  it('clamps to the first and last frame of the video', () => {
    const early = momentAt(timing, 0.04 + 10 / 25);
    expect(eventSpan(timing, early, early, 5, 0)).toMatchObject({ startFrame: 0, startS: 0.04, endFrame: 10 });
    const late = momentAt(timing, 9.9);
    expect(eventSpan(timing, late, late, 0, 5)).toMatchObject({ endFrame: 249, endS: 0.04 + 249 / 25 });
  });

  it('rounds fractional lead/lag to the nearest frame at 29.97 fps', () => {
    const ntsc = { fps: 30000 / 1001, firstFrameTimeS: 0, frameCount: 1000 };
    const at = { timeS: 500 / ntsc.fps, frame: 500 };
    expect(eventSpan(ntsc, at, at, 1, 1)).toMatchObject({ startFrame: 470, endFrame: 530 });
  });

  it('makes a span from two presses in either order', () => {
    const a = { timeS: 0, frame: 40 };
    const b = { timeS: 0, frame: 20 };
    expect(eventSpan(timing, a, b, 0.2, 0.4)).toMatchObject({ startFrame: 15, endFrame: 50 });
  });
});

describe('frame nudges', () => {
  const span = eventSpan(timing, { timeS: 0, frame: 100 }, { timeS: 0, frame: 100 }, 0, 0.2);

  it('moves one edge by one frame and keeps seconds on the frame', () => {
    const next = nudgeSpan(timing, span, 'end', 1);
    expect(next).toMatchObject({ startFrame: 100, endFrame: 106, endS: 0.04 + 106 / 25 });
    expect(nudgeSpan(timing, span, 'start', -1)).toMatchObject({ startFrame: 99, startS: 0.04 + 99 / 25 });
  });

  it('never crosses the other edge or leaves the video; no-op is null', () => {
    expect(nudgeSpan(timing, span, 'start', 50)).toMatchObject({ startFrame: 105 });
    expect(nudgeSpan(timing, { ...span, startFrame: 105 }, 'start', 1)).toBeNull();
    expect(nudgeSpan(timing, { ...span, endFrame: 249 }, 'end', 1)).toBeNull();
    expect(setSpanFrame(timing, span, 'start', -3)).toMatchObject({ startFrame: 0 });
  });
});
