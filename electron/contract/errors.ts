import { z } from 'zod';

/**
 * Every failure that crosses a process boundary is this plain object. Expected failures
 * (a bad file, no GPU, a cancelled job) are kinds the UI words for the analyst; `internal`
 * is a bug. Cancellation is a kind so callers can tell it apart, but the UI never shows it.
 */
export const AppErrorKind = z.enum([
  'invalid-args', // command arguments failed validation
  'unknown-command',
  'not-found', // a file, game, video or job that does not exist
  'unreadable', // exists but permission denied
  'not-video', // ffprobe could not read it as media
  'no-video-stream', // media without a video stream (audio only, subtitles…)
  'corrupt-media', // truncated or damaged media
  'unplayable', // the player cannot decode it; a proxy/remux may fix it
  'tool-missing', // ffmpeg/ffprobe not found or lacking a filter
  'model-error', // the ONNX model cannot be loaded or its layout is unknown
  'provider-failed', // an execution provider that was asked for failed to load
  'cancelled',
  'conflict', // the action clashes with current state (e.g. job already running)
  'library-locked', // another Rinkside process has this library open
  'media-changed', // the imported video file was replaced or changed on disk since import
  'not-signed-in', // a team-sync action needs a signed-in analyst (or a configured project)
  'sign-in-failed', // wrong email or password, or the session was revoked
  'cloud-unreachable', // the team's project could not be reached (offline, down, timed out)
  'cloud-error', // the team's project answered with a failure
  'internal',
]);
export type AppErrorKind = z.infer<typeof AppErrorKind>;

export const AppErrorSchema = z.object({
  kind: AppErrorKind,
  message: z.string(),
  detail: z.string().optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/** Thrown inside a process; serialised with toAppError() at the boundary. */
export class AppFailure extends Error {
  readonly kind: AppErrorKind;
  readonly detail: string | undefined;
  constructor(kind: AppErrorKind, message: string, detail?: string) {
    super(message);
    this.name = 'AppFailure';
    this.kind = kind;
    this.detail = detail;
  }
}

export function isCancelled(error: unknown): boolean {
  return (
    (error instanceof AppFailure && error.kind === 'cancelled') ||
    (error instanceof Error && error.name === 'AbortError') ||
    (isAppError(error) && error.kind === 'cancelled')
  );
}

export function isAppError(value: unknown): value is AppError {
  return AppErrorSchema.safeParse(value).success;
}

/** Converts anything thrown into the wire shape; unknown errors become `internal` with their stack. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppFailure) {
    return error.detail === undefined
      ? { kind: error.kind, message: error.message }
      : { kind: error.kind, message: error.message, detail: error.detail };
  }
  if (isAppError(error)) return error;
  if (error instanceof Error && error.name === 'AbortError') {
    return { kind: 'cancelled', message: 'Cancelled' };
  }
  if (error instanceof Error) {
    return { kind: 'internal', message: error.message, detail: error.stack ?? '' };
  }
  return { kind: 'internal', message: String(error) };
}
