import { describe, expect, it } from 'vitest';
import { asAppError, describeError, isShownAsError } from './errorWording.ts';

describe('describeError', () => {
  it.each([
    ['not-found', /not found/],
    ['unreadable', /permission/],
    ['not-video', /not a video/],
    ['no-video-stream', /no video picture/],
    ['corrupt-media', /damaged/],
    ['tool-missing', /ffmpeg/],
    ['internal', /bug/],
    ['unplayable', /can't be played here/],
  ] as const)('%s reads in the analyst’s words', (kind, wording) => {
    const notice = describeError({ kind, message: 'engine says' });
    expect(notice.title).toMatch(wording);
    expect(notice.message).toBe('engine says');
    expect(notice.detail).toBeUndefined();
  });

  it('keeps the detail and prefixes the context', () => {
    const notice = describeError({ kind: 'not-video', message: 'm', detail: 'ffprobe stderr' }, 'Import of a.txt');
    expect(notice.title).toBe('Import of a.txt: This file is not a video Rinkside can read');
    expect(notice.detail).toBe('ffprobe stderr');
  });
});

describe('isShownAsError', () => {
  it('never shows cancellation', () => {
    expect(isShownAsError({ kind: 'cancelled', message: 'Cancelled' })).toBe(false);
    expect(isShownAsError({ kind: 'corrupt-media', message: 'x' })).toBe(true);
  });
});

describe('asAppError', () => {
  it('passes AppError-shaped objects through', () => {
    expect(asAppError({ kind: 'not-found', message: 'gone', detail: 'd' })).toEqual({
      kind: 'not-found',
      message: 'gone',
      detail: 'd',
    });
  });

  it('reads an unknown kind as internal', () => {
    expect(asAppError({ kind: 'from-the-future', message: 'x' })).toEqual({ kind: 'internal', message: 'x' });
  });

  it('wraps Errors and AbortError', () => {
    expect(asAppError(new Error('boom'))).toEqual({ kind: 'internal', message: 'boom' });
    expect(asAppError(new DOMException('stop', 'AbortError')).kind).toBe('cancelled');
    expect(asAppError('weird')).toEqual({ kind: 'internal', message: 'weird' });
  });
});
