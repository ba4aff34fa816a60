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
  /** The physical key (KeyboardEvent.code): Alt+letter types another character on a Mac. */
  code?: string;
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

/** The workspace's panels a key can bring forward; the side panel's tabs share one column. */
export type SideTab = 'library' | 'roster' | 'analysis' | 'export' | 'cloud';
export type WorkspacePanel = 'video' | 'codes' | 'events' | 'timeline' | SideTab;

export type PanelAction =
  { kind: 'focus'; panel: WorkspacePanel } | { kind: 'toggleSide' } | { kind: 'toggleEvents' } | { kind: 'toggleHelp' };

const PANEL_BY_CODE: Readonly<Record<string, WorkspacePanel>> = {
  // Alt+digits belong to the picked track's team (roster/TrackTeam.tsx): the tabs go by letter.
  KeyL: 'library',
  KeyR: 'roster',
  KeyA: 'analysis',
  KeyX: 'export',
  KeyS: 'cloud',
  KeyV: 'video',
  KeyC: 'codes',
  KeyE: 'events',
  KeyT: 'timeline',
};

function physical(press: KeyPress): string {
  if (press.code) return press.code;
  // Without a code (tests, synthetic events) the character stands in for it.
  if (/^[0-9]$/.test(press.key)) return `Digit${press.key}`;
  if (/^[a-z]$/i.test(press.key)) return `Key${press.key.toUpperCase()}`;
  return press.key === '[' ? 'BracketLeft' : press.key === ']' ? 'BracketRight' : press.key;
}

/**
 * Panel keys: Alt with a letter (Alt is left alone by the player's and tagging keys), and ? for the
 * key list. Null while typing, except that ? is a character a note may need.
 */
export function resolvePanelKey(press: KeyPress): PanelAction | null {
  if (press.targetEditable || (press.targetTag !== null && TYPING_TAGS.has(press.targetTag))) return null;
  if (press.ctrlKey || press.metaKey) return null;
  if (!press.altKey) return press.key === '?' ? { kind: 'toggleHelp' } : null;
  const code = physical(press);
  if (code === 'BracketLeft') return { kind: 'toggleSide' };
  if (code === 'BracketRight') return { kind: 'toggleEvents' };
  const panel = PANEL_BY_CODE[code];
  return panel ? { kind: 'focus', panel } : null;
}

/** One line of the key list: the keys as the analyst presses them, and what they do. */
export interface KeyBinding {
  keys: readonly string[];
  does: string;
}
export interface KeySection {
  title: string;
  bindings: readonly KeyBinding[];
}

/**
 * Every key of the app, as the ? overlay lists it. Keys are written as stored hotkeys are
 * ("Shift+H", "Ctrl+z", "Alt+1"), so a test can press each one and check it does something
 * (keymap.test.ts); "code hotkey" stands for the codes' own keys shown in the code window.
 */
export const KEYMAP: readonly KeySection[] = [
  {
    title: 'Player',
    bindings: [
      { keys: ['Space'], does: 'play / pause' },
      { keys: ['ArrowLeft', ','], does: 'previous frame' },
      { keys: ['ArrowRight', '.'], does: 'next frame' },
      { keys: ['Shift+ArrowLeft', 'Shift+ArrowRight'], does: 'back / forward 5 s' },
      { keys: ['j', 'k', 'l'], does: 'shuttle reverse / pause / forward (press again for 2×, 4×)' },
      { keys: ['g'], does: 'go to a time or frame (f120)' },
    ],
  },
  {
    title: 'Tagging',
    bindings: [
      { keys: ['code hotkey'], does: 'tag at the shown frame (span codes: press again to end)' },
      { keys: ['1', '2', '3', '4', '5'], does: 'period 1 / 2 / 3 / OT / SO of the active event' },
      { keys: ['Shift+H', 'Shift+A'], does: 'home / away team of the active event' },
      { keys: ['w'], does: 'cycle strength EV → PP → SH → EN → 4v4 → 3v3 → none' },
      { keys: ['r', 'o', 'm'], does: 'player number / outcome / note field' },
      { keys: ['[', ']'], does: 'start −1 / +1 frame' },
      { keys: ['{', '}'], does: 'end −1 / +1 frame' },
      { keys: ['ArrowUp', 'ArrowDown'], does: 'previous / next event in the list' },
      { keys: ['Enter'], does: 'open the active event at its first frame (on the picture or a list row)' },
      { keys: ['Delete'], does: 'delete the active event' },
      { keys: ['Escape'], does: 'stop recording spans' },
      { keys: ['Ctrl+z', 'Ctrl+Shift+Z', 'Ctrl+y'], does: 'undo / redo / redo' },
    ],
  },
  {
    title: 'Panels',
    bindings: [
      { keys: ['Alt+l', 'Alt+r', 'Alt+a', 'Alt+x', 'Alt+s'], does: 'library / roster / analysis / export / cloud' },
      { keys: ['Alt+v', 'Alt+c', 'Alt+e', 'Alt+t'], does: 'video / codes / events / timeline' },
      { keys: ['Alt+[', 'Alt+]'], does: 'hide or show the side panel / the events panel' },
      { keys: ['?'], does: 'this list of keys' },
    ],
  },
  {
    title: 'Tracks (a track picked on the picture)',
    bindings: [
      { keys: ['Alt+1', 'Alt+2', 'Alt+3', 'Alt+4'], does: 'its team: team A / team B / official / off ice' },
      { keys: ['Alt+0'], does: 'take the correction back (the measured team again)' },
    ],
  },
  {
    title: 'Timeline (when focused)',
    bindings: [
      { keys: ['+', '-', '0'], does: 'zoom in / out / whole game' },
      { keys: ['[', ']', 'Home', 'End'], does: 'pan a quarter / to the start / to the end' },
    ],
  },
];

const KEY_NAMES: Readonly<Record<string, string>> = {
  ArrowLeft: '←',
  ArrowRight: '→',
  ArrowUp: '↑',
  ArrowDown: '↓',
  Escape: 'Esc',
};

/** A key as the list shows it: arrows as arrows, letters in capitals. */
export function keyLabel(key: string): string {
  return key
    .split(/\+(?=.)/)
    .map((part) => KEY_NAMES[part] ?? (/^[a-z]$/.test(part) ? part.toUpperCase() : part))
    .join('+');
}
