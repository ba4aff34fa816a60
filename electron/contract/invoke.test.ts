import { describe, expect, it } from 'vitest';
import { validateCommand } from './invoke.ts';
import { commandNames } from './commands.ts';

describe('validateCommand', () => {
  it('rejects an unknown command with unknown-command', () => {
    const reply = validateCommand('games.explode', {});
    expect(reply).toEqual({
      ok: false,
      error: { kind: 'unknown-command', message: 'Unknown command: games.explode' },
    });
  });

  it('rejects prototype keys that are not commands', () => {
    expect(validateCommand('toString', {}).ok).toBe(false);
    expect(validateCommand('__proto__', {}).ok).toBe(false);
  });

  it('rejects bad arguments with the failing field named', () => {
    const reply = validateCommand('games.create', { title: '', date: '2026-02-30x', home: 'A', away: 'B' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.kind).toBe('invalid-args');
      expect(reply.error.detail).toContain('title');
      expect(reply.error.detail).toContain('date');
    }
  });

  it('rejects unexpected extra fields (strict schemas)', () => {
    const reply = validateCommand('games.list', { sneaky: true });
    expect(reply.ok).toBe(false);
  });

  it('accepts valid arguments and applies defaults', () => {
    const reply = validateCommand('media.url', { videoId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f' });
    expect(reply).toEqual({
      ok: true,
      command: 'media.url',
      args: { videoId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', variant: 'original' },
    });
  });

  it('has a non-empty table', () => {
    expect(commandNames).toContain('games.create');
  });
});
