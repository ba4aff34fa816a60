import type { TagMoment } from './eventTiming.ts';

/** Span codes being recorded: code id → where its first press landed. */
export interface SpanStart {
  videoId: string;
  at: TagMoment;
}
export type Recording = Readonly<Record<string, SpanStart>>;

export type SpanPress =
  | { kind: 'started'; recording: Recording }
  | { kind: 'finished'; recording: Recording; from: TagMoment; to: TagMoment };

/**
 * A span code's key: the first press starts recording, the second ends it and makes the event.
 * Several span codes may record at once (a line change during a power play). A start on another
 * video cannot end here (its frames mean nothing in this one), so that press starts afresh.
 */
export function pressSpan(recording: Recording, codeId: string, videoId: string, at: TagMoment): SpanPress {
  const open = recording[codeId];
  if (open && open.videoId === videoId) {
    const rest = { ...recording };
    delete rest[codeId];
    return { kind: 'finished', recording: rest, from: open.at, to: at };
  }
  return { kind: 'started', recording: { ...recording, [codeId]: { videoId, at } } };
}

/** Esc: forget every open span without making events. */
export function cancelSpans(): Recording {
  return {};
}
