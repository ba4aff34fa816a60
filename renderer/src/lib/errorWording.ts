import type { AppError, AppErrorKind } from '../../../electron/contract/index.ts';

/** What the banner shows: a headline in the analyst's words, the engine's message, and detail on demand. */
export interface Notice {
  title: string;
  message: string;
  detail?: string;
}

const TITLES: Record<AppErrorKind, string> = {
  'invalid-args': 'Please check what you entered',
  'unknown-command': 'This version of the app does not support that action',
  'not-found': 'The file or item was not found — was it moved, renamed or on a drive that is unplugged?',
  unreadable: "The file can't be opened — check that you have permission to read it",
  'not-video': 'This file is not a video Rinkside can read',
  'no-video-stream': 'This file has no video picture (audio or subtitles only)',
  'corrupt-media': 'The video file looks damaged or incomplete (copy it again from the camera or card)',
  unplayable: "This file can't be played here",
  'tool-missing': 'The video tools (ffmpeg/ffprobe) are missing or incomplete — reinstall Rinkside or set their path',
  'model-error': "The detection model can't be used",
  'provider-failed': "The GPU couldn't be used for analysis",
  cancelled: 'Cancelled',
  conflict: 'That clashes with something already running — wait for it or cancel it first',
  'library-locked': 'This library is open in another Rinkside window or command — close that one first',
  'media-changed': 'The video file changed on disk since it was imported — re-link it to the original file',
  'not-signed-in': 'Sign in to the team cloud first (Cloud tab)',
  'sign-in-failed': 'Signing in to the team cloud failed — check the email and password',
  'cloud-unreachable': "The team cloud can't be reached — your work is kept and syncs when it is back",
  'cloud-error': 'The team cloud refused the request',
  internal: 'Something went wrong inside Rinkside (a bug) — the details help us fix it',
};

/** Cancellation is the analyst's own choice: never an error banner. */
export function isShownAsError(error: AppError): boolean {
  return error.kind !== 'cancelled';
}

/** Turns an AppError into banner text; unknown kinds (a newer engine) read as internal. */
export function describeError(error: AppError, context?: string): Notice {
  const title = TITLES[error.kind] ?? TITLES.internal;
  const notice: Notice = {
    title: context ? `${context}: ${title}` : title,
    message: error.message,
  };
  if (error.detail) notice.detail = error.detail;
  return notice;
}

/** Anything a rejected promise carries → AppError (the bridge rejects with AppError-shaped objects). */
export function asAppError(reason: unknown): AppError {
  if (typeof reason === 'object' && reason !== null && 'kind' in reason && 'message' in reason) {
    const { kind, message, detail } = reason as { kind: unknown; message: unknown; detail?: unknown };
    if (typeof kind === 'string' && typeof message === 'string') {
      const known = kind in TITLES ? (kind as AppErrorKind) : 'internal';
      return typeof detail === 'string' ? { kind: known, message, detail } : { kind: known, message };
    }
  }
  if (reason instanceof Error) {
    if (reason.name === 'AbortError') return { kind: 'cancelled', message: 'Cancelled' };
    return { kind: 'internal', message: reason.message };
  }
  return { kind: 'internal', message: String(reason) };
}
