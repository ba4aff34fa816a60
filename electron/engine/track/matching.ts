/**
 * Linear assignment for the tracker: rows are tracks, columns are detections.
 *
 * A pair may only be matched when its cost is at most `maxCost`; the result minimises
 * Σ (cost − maxCost) over the matched pairs. That is the same objective as ByteTrack's
 * `lap.lapjv(cost, extend_cost=True, cost_limit=maxCost)` (leaving a row and a column unmatched
 * costs maxCost), so a cheap pair is never given up for two mediocre ones unless that is cheaper.
 */

export interface Assignment {
  /** Matched [row, column] pairs, sorted by row. */
  pairs: Array<[number, number]>;
  unmatchedRows: number[];
  unmatchedCols: number[];
}

/**
 * Solves the problem on a square matrix padded with zeros (Hungarian method with potentials,
 * O(n³)). Costs are shifted by −maxCost so a feasible pair is ≤ 0 and "unmatched" is 0:
 * any optimum of the padded problem is an optimum of the thresholded one.
 * NaN, ±Infinity and costs above maxCost are never matched. A matrix with no rows has no
 * columns either (callers with an empty side need no assignment).
 */
export function linearAssignment(cost: readonly (readonly number[])[], maxCost: number): Assignment {
  const rows = cost.length;
  const cols = rows === 0 ? 0 : (cost[0]?.length ?? 0);
  for (const row of cost) {
    if (row.length !== cols) throw new Error('linearAssignment: ragged cost matrix');
  }
  const feasible = (r: number, c: number): boolean => {
    const v = cost[r]?.[c];
    return v !== undefined && Number.isFinite(v) && v <= maxCost;
  };
  const n = Math.max(rows, cols);
  const shifted = (r: number, c: number): number =>
    r < rows && c < cols && feasible(r, c) ? (cost[r]?.[c] ?? 0) - maxCost : 0;

  // 1-based arrays as in the classic formulation: p[j] = row assigned to column j (0 = none).
  const u = new Float64Array(n + 1);
  const v = new Float64Array(n + 1);
  const p = new Int32Array(n + 1);
  const way = new Int32Array(n + 1);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(n + 1).fill(Infinity);
    const used = new Uint8Array(n + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0] ?? 0;
      let delta = Infinity;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = shifted(i0 - 1, j - 1) - (u[i0] ?? 0) - (v[j] ?? 0);
        if (cur < (minv[j] ?? Infinity)) {
          minv[j] = cur;
          way[j] = j0;
        }
        if ((minv[j] ?? Infinity) < delta) {
          delta = minv[j] ?? Infinity;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j] ?? 0] = (u[p[j] ?? 0] ?? 0) + delta;
          v[j] = (v[j] ?? 0) - delta;
        } else {
          minv[j] = (minv[j] ?? Infinity) - delta;
        }
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0] ?? 0;
      p[j0] = p[j1] ?? 0;
      j0 = j1;
    } while (j0 !== 0);
  }

  const rowTaken = new Uint8Array(rows);
  const colTaken = new Uint8Array(cols);
  const pairs: Array<[number, number]> = [];
  for (let j = 1; j <= n; j++) {
    const r = (p[j] ?? 0) - 1;
    const c = j - 1;
    if (r < rows && c < cols && r >= 0 && feasible(r, c)) {
      pairs.push([r, c]);
      rowTaken[r] = 1;
      colTaken[c] = 1;
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const unmatchedRows: number[] = [];
  for (let r = 0; r < rows; r++) if (!rowTaken[r]) unmatchedRows.push(r);
  const unmatchedCols: number[] = [];
  for (let c = 0; c < cols; c++) if (!colTaken[c]) unmatchedCols.push(c);
  return { pairs, unmatchedRows, unmatchedCols };
}

/** The objective linearAssignment minimises, for tests and diagnostics. */
export function assignmentObjective(
  cost: readonly (readonly number[])[],
  pairs: ReadonlyArray<readonly [number, number]>,
  maxCost: number,
): number {
  let total = 0;
  for (const [r, c] of pairs) total += (cost[r]?.[c] ?? 0) - maxCost;
  return total;
}
