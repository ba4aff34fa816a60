import { describe, expect, it } from 'vitest';
import { parseRange } from './range.ts';

const SIZE = 1000;

describe('parseRange', () => {
  const cases: [string | undefined, number, ReturnType<typeof parseRange>][] = [
    // No header or one we must ignore: serve the whole file.
    [undefined, SIZE, null],
    ['', SIZE, null],
    ['items=0-5', SIZE, null],
    ['bytes=', SIZE, null],
    ['bytes=abc', SIZE, null],
    ['bytes=5', SIZE, null],
    ['bytes=9-5', SIZE, null],
    ['bytes=-', SIZE, null],
    ['bytes=1-2-3', SIZE, null],
    ['bytes=0-1,x', SIZE, null],
    ['bytes=99999999999999999999-', SIZE, null],
    // Closed, open and suffix ranges.
    ['bytes=0-499', SIZE, { start: 0, end: 499 }],
    ['bytes=0-0', SIZE, { start: 0, end: 0 }],
    ['bytes=0-', SIZE, { start: 0, end: 999 }],
    ['bytes=100-', SIZE, { start: 100, end: 999 }],
    ['bytes=999-', SIZE, { start: 999, end: 999 }],
    ['bytes=999-999', SIZE, { start: 999, end: 999 }],
    ['bytes=-500', SIZE, { start: 500, end: 999 }],
    ['bytes=-1', SIZE, { start: 999, end: 999 }],
    ['bytes=-5000', SIZE, { start: 0, end: 999 }],
    ['bytes=500-5000', SIZE, { start: 500, end: 999 }],
    ['Bytes = 10-20', SIZE, { start: 10, end: 20 }],
    [' bytes=10 - 20 ', SIZE, { start: 10, end: 20 }],
    // Several ranges: the first satisfiable one, as a single range.
    ['bytes=0-1,5-9', SIZE, { start: 0, end: 1 }],
    ['bytes=2000-3000, 10-20', SIZE, { start: 10, end: 20 }],
    ['bytes=0-1, ,5-9', SIZE, { start: 0, end: 1 }],
    // Nothing satisfiable: 416.
    ['bytes=1000-', SIZE, 'unsatisfiable'],
    ['bytes=1000-2000', SIZE, 'unsatisfiable'],
    ['bytes=-0', SIZE, 'unsatisfiable'],
    ['bytes=2000-3000,5000-', SIZE, 'unsatisfiable'],
    ['bytes=0-', 0, 'unsatisfiable'],
    ['bytes=-10', 0, 'unsatisfiable'],
  ];
  for (const [header, size, expected] of cases) {
    it(`${JSON.stringify(header)} on ${size} bytes → ${JSON.stringify(expected)}`, () => {
      expect(parseRange(header, size)).toEqual(expected);
    });
  }
});
