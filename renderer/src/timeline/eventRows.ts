/** The fields of an event and a code the timeline draws (GameEvent / Code from the contract). */
export interface TimelineEvent {
  id: string;
  videoId: string;
  deleted: boolean;
  codeId: string;
  codeName: string;
  startS: number;
  endS: number;
}
export interface TimelineCode {
  id: string;
  name: string;
  colour: string;
  sortOrder: number;
}

/** One row per code: its events sorted by start, in flat arrays for binary search. */
export interface EventRow {
  codeId: string;
  name: string;
  colour: string;
  starts: Float64Array;
  ends: Float64Array;
  ids: string[];
  /** Longest event, so a search by start also finds long events that began before the view. */
  maxDurationS: number;
  /** Sub-lane of each event: events of one code that overlap in time sit one above the other. */
  lanes: Uint8Array;
  /** How many sub-lanes the row needs (1 when no two of its events overlap). */
  laneCount: number;
}

/** Most sub-lanes a row is split into; a deeper pile-up shares the last one. */
export const MAX_LANES = 4;

/**
 * Interval partitioning on events sorted by start: each goes into the first sub-lane whose last
 * event has ended, so overlapping events of one code are never drawn over each other.
 */
export function assignLanes(starts: Float64Array, ends: Float64Array): { lanes: Uint8Array; laneCount: number } {
  const lanes = new Uint8Array(starts.length);
  const laneEnds: number[] = [];
  for (let i = 0; i < starts.length; i++) {
    let lane = laneEnds.findIndex((end) => end < (starts[i] as number));
    if (lane === -1) lane = laneEnds.length < MAX_LANES ? laneEnds.length : MAX_LANES - 1;
    laneEnds[lane] = Math.max(laneEnds[lane] ?? -Infinity, ends[i] as number);
    lanes[i] = lane;
  }
  return { lanes, laneCount: Math.max(1, laneEnds.length) };
}

const FALLBACK_COLOUR = '#93a4b5';

/** Builds rows in code order; events of a code no longer listed keep a row under their name. */
export function buildEventRows(events: readonly TimelineEvent[], codes: readonly TimelineCode[]): EventRow[] {
  const byCode = new Map<string, TimelineEvent[]>();
  for (const event of events) {
    const list = byCode.get(event.codeId) ?? [];
    list.push(event);
    byCode.set(event.codeId, list);
  }
  const ordered = [...codes].sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));
  const rows: EventRow[] = [];
  const row = (codeId: string, name: string, colour: string, list: TimelineEvent[]) => {
    const sorted = [...list].sort((a, b) => a.startS - b.startS);
    let maxDurationS = 0;
    for (const e of sorted) maxDurationS = Math.max(maxDurationS, e.endS - e.startS);
    const starts = Float64Array.from(sorted, (e) => e.startS);
    const ends = Float64Array.from(sorted, (e) => e.endS);
    rows.push({
      codeId,
      name,
      colour,
      starts,
      ends,
      ids: sorted.map((e) => e.id),
      maxDurationS,
      ...assignLanes(starts, ends),
    });
  };
  for (const code of ordered) row(code.id, code.name, code.colour, byCode.get(code.id) ?? []);
  const known = new Set(codes.map((c) => c.id));
  for (const [codeId, list] of byCode) {
    if (!known.has(codeId)) row(codeId, list[0]?.codeName ?? 'Unknown code', FALLBACK_COLOUR, list);
  }
  return rows;
}

/** First event that may overlap [fromS, …): binary search on start − longest duration. O(log n). */
export function firstVisible(row: EventRow, fromS: number): number {
  const target = fromS - row.maxDurationS;
  let lo = 0;
  let hi = row.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((row.starts[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The event under time t in a row (the latest-starting one that covers t ± slack), or −1. */
export function eventAt(row: EventRow, t: number, slackS: number): number {
  let found = -1;
  for (let i = firstVisible(row, t - slackS); i < row.starts.length; i++) {
    if ((row.starts[i] as number) > t + slackS) break;
    if ((row.ends[i] as number) >= t - slackS) found = i;
  }
  return found;
}
