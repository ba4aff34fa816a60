import { describe, expect, it } from 'vitest';
import { KEYMAP, keyLabel, nextShuttle, resolvePanelKey, resolvePlayerKey, type KeyPress } from './keymap.ts';
import { pressOf } from '../tagging/hotkeys.ts';
import { resolveTaggingKey } from '../tagging/taggingKeys.ts';

function press(key: string, extra: Partial<KeyPress> = {}): KeyPress {
  return {
    key,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    targetTag: 'BODY',
    targetEditable: false,
    ...extra,
  };
}

describe('resolvePlayerKey', () => {
  it.each([
    [' ', 'togglePlay'],
    ['ArrowLeft', 'stepBack'],
    ['ArrowRight', 'stepForward'],
    [',', 'stepBack'],
    ['.', 'stepForward'],
    ['j', 'shuttleReverse'],
    ['k', 'pause'],
    ['l', 'shuttleForward'],
    ['L', 'shuttleForward'],
    ['g', 'focusGoTo'],
  ])('%j → %s', (key, action) => {
    expect(resolvePlayerKey(press(key))).toBe(action);
  });

  it('Shift+arrows jump 5 s', () => {
    expect(resolvePlayerKey(press('ArrowLeft', { shiftKey: true }))).toBe('seekBack5');
    expect(resolvePlayerKey(press('ArrowRight', { shiftKey: true }))).toBe('seekForward5');
  });

  it('stays out of the way while typing', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) {
      expect(resolvePlayerKey(press('j', { targetTag: tag }))).toBeNull();
      expect(resolvePlayerKey(press(' ', { targetTag: tag }))).toBeNull();
    }
    expect(resolvePlayerKey(press('k', { targetTag: 'DIV', targetEditable: true }))).toBeNull();
  });

  it('leaves modifier shortcuts to the browser', () => {
    expect(resolvePlayerKey(press('l', { ctrlKey: true }))).toBeNull();
    expect(resolvePlayerKey(press('j', { metaKey: true }))).toBeNull();
    expect(resolvePlayerKey(press('ArrowLeft', { altKey: true }))).toBeNull();
  });

  it('ignores other keys', () => {
    expect(resolvePlayerKey(press('x'))).toBeNull();
    expect(resolvePlayerKey(press('Enter'))).toBeNull();
  });
});

describe('nextShuttle', () => {
  it('L speeds forward up to 4×', () => {
    expect(nextShuttle(0, 'shuttleForward')).toBe(1);
    expect(nextShuttle(1, 'shuttleForward')).toBe(2);
    expect(nextShuttle(2, 'shuttleForward')).toBe(4);
    expect(nextShuttle(4, 'shuttleForward')).toBe(4);
    expect(nextShuttle(-2, 'shuttleForward')).toBe(1);
  });

  it('J slows fast forward, then reverses up to 4×', () => {
    expect(nextShuttle(4, 'shuttleReverse')).toBe(2);
    expect(nextShuttle(2, 'shuttleReverse')).toBe(1);
    expect(nextShuttle(1, 'shuttleReverse')).toBe(-1);
    expect(nextShuttle(0, 'shuttleReverse')).toBe(-1);
    expect(nextShuttle(-1, 'shuttleReverse')).toBe(-2);
    expect(nextShuttle(-4, 'shuttleReverse')).toBe(-4);
  });

  it('K pauses from any speed', () => {
    expect(nextShuttle(4, 'pause')).toBe(0);
    expect(nextShuttle(-2, 'pause')).toBe(0);
  });
});

describe('the key list (? overlay)', () => {
  const resolvers = {
    Player: (p: KeyPress) => resolvePlayerKey(p),
    Tagging: (p: KeyPress) => resolveTaggingKey(p),
    Panels: (p: KeyPress) => resolvePanelKey(p),
  } as const;

  it.each(Object.keys(resolvers) as (keyof typeof resolvers)[])('every %s key listed does something', (title) => {
    const section = KEYMAP.find((s) => s.title === title);
    expect(section).toBeDefined();
    const keys = section?.bindings.flatMap((b) => b.keys).filter((k) => k !== 'code hotkey') ?? [];
    expect(keys.length).toBeGreaterThan(3);
    for (const key of keys) {
      const pressed = { ...pressOf(key), targetTag: 'BODY', targetEditable: false };
      expect(resolvers[title](pressed), key).not.toBeNull();
    }
  });

  it('panel keys go by the physical key, so Alt+letter works where Alt types another character', () => {
    expect(resolvePanelKey(press('∑', { altKey: true, code: 'KeyE' }))).toEqual({ kind: 'focus', panel: 'events' });
    expect(resolvePanelKey(press('¬', { altKey: true, code: 'KeyL' }))).toEqual({
      kind: 'focus',
      panel: 'library',
    });
    // Alt+digits are the picked track's team keys, not panels.
    expect(resolvePanelKey(press('1', { altKey: true, code: 'Digit1' }))).toBeNull();
    expect(resolvePanelKey(press('?'))).toEqual({ kind: 'toggleHelp' });
    expect(resolvePanelKey(press('?', { targetTag: 'INPUT' }))).toBeNull();
    expect(resolvePanelKey(press('e'))).toBeNull();
  });

  it('shows keys as the analyst reads them', () => {
    expect(keyLabel('Shift+ArrowLeft')).toBe('Shift+←');
    expect(keyLabel('Ctrl+z')).toBe('Ctrl+Z');
    expect(keyLabel('+')).toBe('+');
  });
});
