import { describe, expect, it } from 'vitest';
import type { Code } from '../../../electron/contract/index.ts';
import { codeForPress, hotkeyOf, hotkeyProblem, pressOf, sameHotkey } from './hotkeys.ts';
import { nextStrength, resolveTaggingKey } from './taggingKeys.ts';

const press = (
  key: string,
  mods: Partial<{ shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {},
) => ({
  key,
  shiftKey: false,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

const code = (id: string, name: string, hotkey: string | null): Code => ({
  id,
  name,
  hotkey,
  colour: '#ffffff',
  leadS: 1,
  lagS: 1,
  mode: 'instant',
  sortOrder: 0,
  updatedAt: '',
  deviceId: '',
  deleted: false,
});
const codes = [code('a', 'shot', 's'), code('b', 'shot on goal', 'Shift+S'), code('c', 'goal', 'n')];

describe('hotkey text', () => {
  it('writes presses the way the default codes are stored', () => {
    expect(hotkeyOf(press('s'))).toBe('s');
    expect(hotkeyOf(press('S', { shiftKey: true }))).toBe('Shift+S');
    expect(hotkeyOf(press('1', { altKey: true }))).toBe('Alt+1');
    expect(hotkeyOf(press('!', { shiftKey: true }))).toBe('!');
    expect(hotkeyOf(press('F2', { shiftKey: true }))).toBe('Shift+F2');
    expect(hotkeyOf(press('Shift', { shiftKey: true }))).toBeNull();
  });

  it('reads stored hotkeys back, including "+" itself', () => {
    expect(pressOf('Shift+S')).toEqual(press('S', { shiftKey: true }));
    expect(pressOf('Ctrl++')).toEqual(press('+', { ctrlKey: true }));
    expect(sameHotkey('Shift+s', 'Shift+S')).toBe(true);
    expect(sameHotkey('s', 'Shift+S')).toBe(false);
  });

  it('finds the code of a press', () => {
    expect(codeForPress(codes, press('S', { shiftKey: true }))?.name).toBe('shot on goal');
    expect(codeForPress(codes, press('s'))?.name).toBe('shot');
    expect(codeForPress(codes, press('q'))).toBeNull();
  });
});

describe('hotkey conflicts', () => {
  it('refuses player keys, tagging keys and other codes’ keys', () => {
    expect(hotkeyProblem('k', codes, null)).toMatch(/player key/);
    expect(hotkeyProblem('Space', codes, null)).toMatch(/player key/);
    expect(hotkeyProblem('Shift+G', codes, null)).toMatch(/player key/);
    expect(hotkeyProblem('2', codes, null)).toMatch(/period 2/);
    expect(hotkeyProblem('Shift+H', codes, null)).toMatch(/home team/);
    expect(hotkeyProblem('Ctrl+z', codes, null)).toMatch(/undo/);
    expect(hotkeyProblem('n', codes, null)).toMatch(/goal/);
  });

  it('accepts a free key, and a code keeping its own key', () => {
    expect(hotkeyProblem('q', codes, null)).toBeNull();
    expect(hotkeyProblem('n', codes, 'c')).toBeNull();
    expect(hotkeyProblem('Shift+H', codes.slice(0, 0), null)).not.toBeNull();
  });
});

describe('tagging keymap', () => {
  const key = (k: string, mods = {}, targetTag: string | null = null) =>
    resolveTaggingKey({ ...press(k, mods), targetTag, targetEditable: false })?.action ?? null;

  it('maps descriptor, nudge and undo keys', () => {
    expect(key('4')).toEqual({ kind: 'period', period: 'OT' });
    expect(key('A', { shiftKey: true })).toEqual({ kind: 'team', team: 'away' });
    expect(key('}', { shiftKey: true })).toEqual({ kind: 'nudge', edge: 'end', frames: 1 });
    expect(key('z', { ctrlKey: true })).toEqual({ kind: 'undo' });
    expect(key('Z', { ctrlKey: true, shiftKey: true })).toEqual({ kind: 'redo' });
    expect(key('y', { metaKey: true })).toEqual({ kind: 'redo' });
    expect(key('Enter', {}, 'VIDEO')).toEqual({ kind: 'jumpToEvent' });
    expect(key('Enter', {}, 'BUTTON')).toBeNull();
  });

  it('leaves typing alone and does not take the default codes’ letters', () => {
    expect(key('1', {}, 'INPUT')).toBeNull();
    for (const letter of ['s', 'n', 'v', 'f', 'h', 't', 'e', 'x', 'd', 'p', 'b', 'c']) expect(key(letter)).toBeNull();
  });

  it('cycles strength through every value and back to none', () => {
    const seen: (string | undefined)[] = [];
    let s = nextStrength(undefined);
    while (s !== undefined) {
      seen.push(s);
      s = nextStrength(s);
    }
    expect(seen).toEqual(['EV', 'PP', 'SH', 'EN', '4v4', '3v3']);
  });
});
