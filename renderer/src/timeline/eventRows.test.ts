import { describe, expect, it } from 'vitest';
import { buildEventRows, eventAt, firstVisible, MAX_LANES } from './eventRows.ts';

const codes = [
  { id: 'shot', name: 'Shot', colour: '#ff0000', sortOrder: 2 },
  { id: 'goal', name: 'Goal', colour: '#00ff00', sortOrder: 1 },
];
const ev = (id: string, codeId: string, startS: number, endS: number) => ({
  id,
  videoId: 'v',
  deleted: false,
  codeId,
  codeName: codeId,
  startS,
  endS,
});

describe('timeline event rows', () => {
  it('makes one row per code in code order, events sorted, orphans last', () => {
    const rows = buildEventRows([ev('a', 'shot', 50, 52), ev('b', 'shot', 10, 40), ev('c', 'gone', 1, 2)], codes);
    expect(rows.map((r) => r.name)).toEqual(['Goal', 'Shot', 'gone']);
    expect([...rows[1]!.starts]).toEqual([10, 50]);
    expect(rows[1]!.ids).toEqual(['b', 'a']);
    expect(rows[1]!.maxDurationS).toBe(30);
  });

  it('finds the first event that can reach into the view, including long ones started before it', () => {
    const [row] = buildEventRows(
      [ev('a', 'goal', 0, 100), ev('b', 'goal', 150, 151), ev('c', 'goal', 300, 301)],
      codes,
    );
    expect(firstVisible(row!, 80)).toBe(0);
    expect(firstVisible(row!, 120)).toBe(1);
    const short = buildEventRows(
      [ev('a', 'goal', 0, 1), ev('b', 'goal', 150, 151), ev('c', 'goal', 300, 301)],
      codes,
    )[0]!;
    expect(firstVisible(short, 200)).toBe(2);
    expect(firstVisible(short, 1000)).toBe(3);
  });

  it('finds the event under a time', () => {
    const [row] = buildEventRows([ev('a', 'goal', 10, 12), ev('b', 'goal', 11, 11)], codes);
    expect(eventAt(row!, 11, 0)).toBe(1);
    expect(eventAt(row!, 12.1, 0.2)).toBe(0);
    expect(eventAt(row!, 20, 0.2)).toBe(-1);
  });

  it('stacks overlapping events of one code in sub-lanes, and reuses a lane once it is free', () => {
    const [row] = buildEventRows(
      [ev('a', 'goal', 0, 10), ev('b', 'goal', 5, 12), ev('c', 'goal', 11, 20), ev('d', 'goal', 30, 31)],
      codes,
    );
    // a and b overlap: two lanes; c starts after a ended: back in lane 0; d alone: lane 0.
    expect([...row!.lanes]).toEqual([0, 1, 0, 0]);
    expect(row!.laneCount).toBe(2);
    const [single] = buildEventRows([ev('a', 'goal', 0, 1), ev('b', 'goal', 2, 3)], codes);
    expect(single!.laneCount).toBe(1);
    const pile = buildEventRows(
      Array.from({ length: 7 }, (_, k) => ev(String(k), 'goal', k * 0.1, 50)),
      codes,
    )[0]!;
    expect(pile.laneCount).toBe(MAX_LANES);
    expect(Math.max(...pile.lanes)).toBe(MAX_LANES - 1);
  });
});
