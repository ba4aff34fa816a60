import type { AppError } from './errors.ts';
import type { EventName } from './events.ts';

/**
 * The browser host's WebSocket wire (JSON text frames), shared by the host and the renderer's
 * bridge. Client → host: an invoke. Host → client: its reply, events, and `invalid-message` for
 * a frame the host could not read as an invoke (malformed JSON, a binary frame, a missing id): the
 * socket stays open. A successful reply whose value is an ArrayBuffer comes as a binary frame
 * instead: [u32 LE invoke id][payload].
 */
export type ClientFrame = { type: 'invoke'; id: number; command: string; args: unknown };

export type HostFrame =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: AppError }
  | { type: 'event'; name: EventName; payload: unknown }
  | { type: 'invalid-message'; reason: string };

/** The largest frame the host reads; a bigger one closes that socket with code 1009. */
export const MAX_FRAME_BYTES = 1024 * 1024;
