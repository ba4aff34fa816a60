import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assignmentObjective, linearAssignment } from './matching.ts';

/** Every partial matching of a small matrix, keeping only pairs at or under maxCost. */
function bruteForceOptimum(cost: number[][], maxCost: number): number {
  const rows = cost.length;
  const cols = cost[0]?.length ?? 0;
  let best = 0; // the empty matching
  const usedCols = new Array<boolean>(cols).fill(false);
  const walk = (r: number, acc: number): void => {
    if (r === rows) {
      best = Math.min(best, acc);
      return;
    }
    walk(r + 1, acc); // row r unmatched
    for (let c = 0; c < cols; c++) {
      const v = cost[r]?.[c] ?? Infinity;
      if (usedCols[c] || !(v <= maxCost)) continue;
      usedCols[c] = true;
      walk(r + 1, acc + v - maxCost);
      usedCols[c] = false;
    }
  };
  walk(0, 0);
  return best;
}

const matrix = fc
  .record({ rows: fc.integer({ min: 0, max: 6 }), cols: fc.integer({ min: 1, max: 6 }) })
  .chain(({ rows, cols }) =>
    fc.array(
      fc.array(
        fc.oneof(
          { weight: 8, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
          { weight: 1, arbitrary: fc.constant(Infinity) },
        ),
        { minLength: cols, maxLength: cols },
      ),
      { minLength: rows, maxLength: rows },
    ),
  );

describe('linearAssignment', () => {
  it('returns a valid matching with no pair above the threshold and the brute-force optimum', () => {
    fc.assert(
      fc.property(matrix, fc.double({ min: 0, max: 1, noNaN: true }), (cost, maxCost) => {
        const { pairs, unmatchedRows, unmatchedCols } = linearAssignment(cost, maxCost);
        const rows = new Set(pairs.map(([r]) => r));
        const cols = new Set(pairs.map(([, c]) => c));
        expect(rows.size).toBe(pairs.length);
        expect(cols.size).toBe(pairs.length);
        for (const [r, c] of pairs) expect(cost[r]?.[c]).toBeLessThanOrEqual(maxCost);
        expect(unmatchedRows.length + pairs.length).toBe(cost.length);
        expect(unmatchedCols.length + pairs.length).toBe(cost[0]?.length ?? 0);
        for (const r of unmatchedRows) expect(rows.has(r)).toBe(false);
        for (const c of unmatchedCols) expect(cols.has(c)).toBe(false);
        const got = assignmentObjective(cost, pairs, maxCost);
        expect(got).toBeCloseTo(bruteForceOptimum(cost, maxCost), 9);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    {
      name: 'diagonal',
      cost: [
        [0.1, 0.9],
        [0.9, 0.1],
      ],
      max: 0.8,
      pairs: [
        [0, 0],
        [1, 1],
      ],
    },
    {
      name: 'anti-diagonal',
      cost: [
        [0.9, 0.1],
        [0.1, 0.9],
      ],
      max: 0.8,
      pairs: [
        [0, 1],
        [1, 0],
      ],
    },
    { name: 'above threshold', cost: [[0.9]], max: 0.8, pairs: [] },
    { name: 'more columns', cost: [[0.5, 0.2, 0.3]], max: 0.8, pairs: [[0, 1]] },
    { name: 'more rows', cost: [[0.5], [0.2], [0.3]], max: 0.8, pairs: [[1, 0]] },
    {
      name: 'infinite is infeasible',
      cost: [
        [Infinity, 0.7],
        [0.1, Infinity],
      ],
      max: 0.8,
      pairs: [
        [0, 1],
        [1, 0],
      ],
    },
    { name: 'empty', cost: [], max: 0.8, pairs: [] },
  ])('$name', ({ cost, max, pairs }) => {
    expect(linearAssignment(cost, max).pairs).toEqual(pairs);
  });

  it('rejects a ragged matrix', () => {
    expect(() => linearAssignment([[0.1, 0.2], [0.3]], 1)).toThrow(/ragged/);
  });
});
