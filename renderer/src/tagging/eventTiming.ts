import type { VideoProbe } from '../../../electron/contract/index.ts';
import { clampFrame, frameIndexAt, frameStartTime, type FrameTiming } from '../lib/frames.ts';

/** A tagged moment: the presented frame's pts and its index (both from the player's clock). */
export interface TagMoment {
  timeS: number;
  frame: number;
}

/** What the engine stores for an event's extent. */
export interface EventSpan {
  startS: number;
  endS: number;
  startFrame: number;
  endFrame: number;
}

export function timingOf(probe: Pick<VideoProbe, 'fps' | 'firstFrameTimeS' | 'frameCount'>): FrameTiming {
  return { fps: probe.fps, firstFrameTimeS: probe.firstFrameTimeS, frameCount: probe.frameCount };
}

/** The moment of a key press from the presented time (what the analyst sees, not the clock). */
export function momentAt(timing: FrameTiming, presentedTimeS: number): TagMoment {
  const frame = frameIndexAt(timing, presentedTimeS);
  return { timeS: frameStartTime(timing, frame), frame };
}

/**
 * The event around a press (instant) or between two presses (span): lead seconds before the
 * first moment, lag seconds after the last, in whole frames so the stored seconds and frame
 * indexes agree, and clamped to the video (a shot 2 s into the clip starts at its first frame).
 * Seconds are the frames' nominal start times: the player shows exactly those frames again.
 */
export function eventSpan(timing: FrameTiming, from: TagMoment, to: TagMoment, leadS: number, lagS: number): EventSpan {
  const fps = timing.fps > 0 ? timing.fps : 1;
  const first = Math.min(from.frame, to.frame);
  const last = Math.max(from.frame, to.frame);
  const startFrame = clampFrame(timing, first - Math.round(leadS * fps));
  const endFrame = clampFrame(timing, last + Math.round(lagS * fps));
  return { startFrame, endFrame, startS: frameStartTime(timing, startFrame), endS: frameStartTime(timing, endFrame) };
}

export type SpanEdge = 'start' | 'end';

/**
 * Moves one edge by whole frames; the other edge never gets crossed (an event cannot end before
 * it starts) and neither leaves the video. Returns null when nothing would change.
 */
export function nudgeSpan(timing: FrameTiming, span: EventSpan, edge: SpanEdge, frames: number): EventSpan | null {
  if (edge === 'start') {
    const startFrame = Math.min(span.endFrame, clampFrame(timing, span.startFrame + frames));
    if (startFrame === span.startFrame) return null;
    return { ...span, startFrame, startS: frameStartTime(timing, startFrame) };
  }
  const endFrame = Math.max(span.startFrame, clampFrame(timing, span.endFrame + frames));
  if (endFrame === span.endFrame) return null;
  return { ...span, endFrame, endS: frameStartTime(timing, endFrame) };
}

/** Sets one edge to a typed frame number, with the same rules as nudging. */
export function setSpanFrame(timing: FrameTiming, span: EventSpan, edge: SpanEdge, frame: number): EventSpan | null {
  const current = edge === 'start' ? span.startFrame : span.endFrame;
  return nudgeSpan(timing, span, edge, Math.round(frame) - current);
}
