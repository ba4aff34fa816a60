import type { Descriptors } from '../../../electron/contract/index.ts';
import type { KeyPress } from '../lib/keymap.ts';

export type Period = NonNullable<Descriptors['period']>;
export type Strength = NonNullable<Descriptors['strength']>;
export const PERIODS: readonly Period[] = ['1', '2', '3', 'OT', 'SO'];
export const STRENGTHS: readonly Strength[] = ['EV', 'PP', 'SH', 'EN', '4v4', '3v3'];

/** What the tagging keys do; they act on the active event (the one just tagged, or picked in the list). */
export type TaggingAction =
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'period'; period: Period }
  | { kind: 'team'; team: 'home' | 'away' }
  | { kind: 'cycleStrength' }
  | { kind: 'focusField'; field: 'player' | 'outcome' | 'note' }
  | { kind: 'nudge'; edge: 'start' | 'end'; frames: 1 | -1 }
  | { kind: 'deleteEvent' }
  | { kind: 'selectEvent'; step: 1 | -1 }
  | { kind: 'jumpToEvent' }
  | { kind: 'cancelSpans' };

export interface TaggingKey {
  action: TaggingAction;
  label: string;
}

const TYPING_TAGS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

/**
 * The tagging keymap (listed with every other key in KEYMAP, lib/keymap.ts). It avoids the
 * player's keys (Space ← → , . J K L G) and the default codes' letters (s n v f h t e x d p b c,
 * Shift+S/F/T); hotkeyProblem refuses any code hotkey that would shadow one of these.
 */
export function resolveTaggingKey(press: KeyPress): TaggingKey | null {
  if (press.targetEditable || (press.targetTag !== null && TYPING_TAGS.has(press.targetTag))) return null;
  const key = press.key;
  if (press.ctrlKey || press.metaKey) {
    if (press.altKey) return null;
    const lower = key.toLowerCase();
    if (lower === 'z')
      return press.shiftKey ? { action: { kind: 'redo' }, label: 'redo' } : { action: { kind: 'undo' }, label: 'undo' };
    if (lower === 'y' && !press.shiftKey) return { action: { kind: 'redo' }, label: 'redo' };
    return null;
  }
  if (press.altKey) return null;
  switch (key) {
    case '1':
    case '2':
    case '3':
      return { action: { kind: 'period', period: key }, label: `period ${key}` };
    case '4':
      return { action: { kind: 'period', period: 'OT' }, label: 'overtime' };
    case '5':
      return { action: { kind: 'period', period: 'SO' }, label: 'shootout' };
    case 'H':
      return press.shiftKey ? { action: { kind: 'team', team: 'home' }, label: 'home team' } : null;
    case 'A':
      return press.shiftKey ? { action: { kind: 'team', team: 'away' }, label: 'away team' } : null;
    case 'w':
      return { action: { kind: 'cycleStrength' }, label: 'strength' };
    case 'r':
      return { action: { kind: 'focusField', field: 'player' }, label: 'player' };
    case 'o':
      return { action: { kind: 'focusField', field: 'outcome' }, label: 'outcome' };
    case 'm':
      return { action: { kind: 'focusField', field: 'note' }, label: 'note' };
    case '[':
      return { action: { kind: 'nudge', edge: 'start', frames: -1 }, label: 'start −1 frame' };
    case ']':
      return { action: { kind: 'nudge', edge: 'start', frames: 1 }, label: 'start +1 frame' };
    case '{':
      return { action: { kind: 'nudge', edge: 'end', frames: -1 }, label: 'end −1 frame' };
    case '}':
      return { action: { kind: 'nudge', edge: 'end', frames: 1 }, label: 'end +1 frame' };
    case 'Delete':
      return { action: { kind: 'deleteEvent' }, label: 'delete event' };
    case 'ArrowUp':
      return { action: { kind: 'selectEvent', step: -1 }, label: 'previous event' };
    case 'ArrowDown':
      return { action: { kind: 'selectEvent', step: 1 }, label: 'next event' };
    case 'Enter':
      // Only from the page or the picture: a focused button or row keeps its own Enter.
      return press.targetTag === null || press.targetTag === 'BODY' || press.targetTag === 'VIDEO'
        ? { action: { kind: 'jumpToEvent' }, label: 'go to the event' }
        : null;
    case 'Escape':
      return { action: { kind: 'cancelSpans' }, label: 'cancel recording' };
    default:
      return null;
  }
}

/** w: EV → PP → SH → EN → 4v4 → 3v3 → none → EV. */
export function nextStrength(current: Strength | undefined): Strength | undefined {
  if (current === undefined) return STRENGTHS[0];
  const index = STRENGTHS.indexOf(current);
  return index === STRENGTHS.length - 1 ? undefined : STRENGTHS[index + 1];
}
