import type { Code } from '../../../electron/contract/index.ts';
import { resolvePanelKey, resolvePlayerKey, type KeyPress } from '../lib/keymap.ts';
import { resolveTaggingKey } from './taggingKeys.ts';

export type ModifiedKey = Pick<KeyPress, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'>;

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Dead', 'Unidentified']);

/**
 * The canonical text of a key press, as codes store it ("s", "Shift+S", "Alt+1", "F2"). A letter
 * is lower case unless Shift is held; for other printable keys Shift is already in the character
 * ("!" is Shift+1), so it is not written twice. Null for a lone modifier.
 */
export function hotkeyOf(press: ModifiedKey): string | null {
  if (MODIFIER_KEYS.has(press.key)) return null;
  const parts: string[] = [];
  if (press.ctrlKey) parts.push('Ctrl');
  if (press.altKey) parts.push('Alt');
  if (press.metaKey) parts.push('Meta');
  const key = press.key;
  if (/^[a-z]$/i.test(key)) {
    if (press.shiftKey) parts.push('Shift', key.toUpperCase());
    else parts.push(key.toLowerCase());
  } else if (key.length === 1) {
    parts.push(key === ' ' ? 'Space' : key);
  } else {
    if (press.shiftKey) parts.push('Shift');
    parts.push(key);
  }
  return parts.join('+');
}

/** The press a stored hotkey stands for (so it can be checked against the player's keys). */
export function pressOf(hotkey: string): ModifiedKey {
  const parts = hotkey.split('+');
  // "+" itself is a key: "Shift++" or "+" split into empty parts.
  let key = parts.pop() ?? '';
  if (key === '' && hotkey.endsWith('+')) {
    key = '+';
    while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  }
  const mods = new Set(parts);
  if (key === 'Space') key = ' ';
  if (/^[a-z]$/i.test(key)) key = mods.has('Shift') ? key.toUpperCase() : key.toLowerCase();
  return {
    key,
    shiftKey: mods.has('Shift'),
    ctrlKey: mods.has('Ctrl'),
    altKey: mods.has('Alt'),
    metaKey: mods.has('Meta'),
  };
}

/** Same key written two ways ("S" vs "Shift+S") compares equal. */
export function sameHotkey(a: string, b: string): boolean {
  return hotkeyOf(pressOf(a)) === hotkeyOf(pressOf(b));
}

/**
 * Why a hotkey cannot go on a code, or null when it can: the player's keys (Space, arrows, , .
 * J K L G), the tagging keys (descriptors, nudge, undo), the panel keys (Alt+L…, ?) and other
 * codes' keys are taken.
 */
export function hotkeyProblem(hotkey: string, codes: readonly Code[], ownId: string | null): string | null {
  const press = pressOf(hotkey);
  const canonical = hotkeyOf(press);
  if (canonical === null) return 'Choose a key, not only a modifier.';
  const asPress: KeyPress = { ...press, targetTag: null, targetEditable: false };
  if (resolvePlayerKey(asPress) !== null) return `${canonical} is a player key.`;
  const tagging = resolveTaggingKey(asPress);
  if (tagging !== null) return `${canonical} is the tagging key for ${tagging.label}.`;
  if (resolvePanelKey(asPress) !== null) return `${canonical} is a panel key (press ? for the list).`;
  const clash = codes.find((c) => c.id !== ownId && !c.deleted && c.hotkey !== null && sameHotkey(c.hotkey, canonical));
  if (clash) return `${canonical} already tags "${clash.name}".`;
  return null;
}

/** The live code a key press tags, if any. */
export function codeForPress(codes: readonly Code[], press: ModifiedKey): Code | null {
  const hotkey = hotkeyOf(press);
  if (hotkey === null) return null;
  return codes.find((c) => !c.deleted && c.hotkey !== null && sameHotkey(c.hotkey, hotkey)) ?? null;
}
