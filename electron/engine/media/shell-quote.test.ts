import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.ts';

describe('shellQuote', () => {
  it.each([
    [['ffmpeg', '-i', 'a.mp4'], 'ffmpeg -i a.mp4'],
    [['ffmpeg', '-i', 'game 1.mp4'], `ffmpeg -i 'game 1.mp4'`],
    [['echo', "it's"], `echo 'it'\\''s'`],
    [['-vf', 'drawbox=x=1:y=2,showinfo'], '-vf drawbox=x=1:y=2,showinfo'],
    [['-vf', "setpts='N/30/TB'"], `-vf 'setpts='\\''N/30/TB'\\'''`],
    [['$HOME', ''], `'$HOME' ''`],
  ])('%j → %s', (words, expected) => {
    expect(shellQuote(words)).toBe(expected);
  });
});

describe('shellQuote, one word at a time', () => {
  it('leaves plain arguments alone and single-quotes the rest', () => {
    expect(shellQuote(['-pix_fmt'])).toBe('-pix_fmt');
    expect(shellQuote(['/tmp/a b.mp4'])).toBe(`'/tmp/a b.mp4'`);
    expect(shellQuote([`select=not(mod(n\\,3))`])).toBe(`'select=not(mod(n\\,3))'`);
    expect(shellQuote([`it's`])).toBe(`'it'\\''s'`);
  });
});
