/** Player actions the keyboard can trigger. */
export type PlayerAction =
  | 'togglePlay'
  | 'stepBack'
  | 'stepForward'
  | 'seekBack5'
  | 'seekForward5'
  | 'shuttleReverse' // J
  | 'pause' // K
  | 'shuttleForward' // L
  | 'focusGoTo';

export interface KeyPress {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
  /** Tag name of the focused element (event.target), upper case as the DOM reports it. */
  targetTag: string | null;
  targetEditable: boolean;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/** Maps a key press to a player action; null when the key is not ours or the analyst is typing. */
export function resolvePlayerKey(press: KeyPress): PlayerAction | null {
  if (press.targetEditable || (press.targetTag !== null && TYPING_TAGS.has(press.targetTag))) return null;
  // Leave browser/OS shortcuts (Ctrl+L, Cmd+J…) alone.
  if (press.ctrlKey || press.altKey || press.metaKey) return null;
  switch (press.key) {
    case ' ':
      return 'togglePlay';
    case 'ArrowLeft':
      return press.shiftKey ? 'seekBack5' : 'stepBack';
    case 'ArrowRight':
      return press.shiftKey ? 'seekForward5' : 'stepForward';
    case ',':
      return 'stepBack';
    case '.':
      return 'stepForward';
    case 'j':
    case 'J':
      return 'shuttleReverse';
    case 'k':
    case 'K':
      return 'pause';
    case 'l':
    case 'L':
      return 'shuttleForward';
    case 'g':
    case 'G':
      return 'focusGoTo';
    default:
      return null;
  }
}

export const MAX_SHUTTLE = 4;

/**
 * J/K/L shuttle speed: positive plays forward at that playbackRate, negative is reverse, 0 paused.
 * L: paused or reversing → 1×, then 2×, 4×. J: fast forward slows down first (4× → 2× → 1×);
 * from 1× or paused it goes to reverse 1×, then 2×, 4×. K: pause.
 * Chromium cannot play backwards, so the player emulates reverse by seeking back in steps paced
 * by the decoder (see usePlaybackDriver).
 */
export function nextShuttle(current: number, action: 'shuttleReverse' | 'pause' | 'shuttleForward'): number {
  switch (action) {
    case 'pause':
      return 0;
    case 'shuttleForward':
      return current <= 0 ? 1 : Math.min(current * 2, MAX_SHUTTLE);
    case 'shuttleReverse':
      if (current > 1) return current / 2;
      if (current >= 0) return -1;
      return Math.max(current * 2, -MAX_SHUTTLE);
  }
}
