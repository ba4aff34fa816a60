import { describe, expect, it } from 'vitest';
import type { GameEvent, Player } from '../../../electron/contract/index.ts';
import { NO_FILTER, filterEvents, neighbourEvent } from './eventFilter.ts';

let n = 0;
function event(codeName: string, startFrame: number, extra: Partial<GameEvent> = {}): GameEvent {
  n += 1;
  return {
    id: `e${n}`,
    gameId: 'g',
    videoId: 'v',
    codeId: `code-${codeName}`,
    codeName,
    startS: startFrame / 25,
    endS: startFrame / 25 + 1,
    startFrame,
    endFrame: startFrame + 25,
    descriptors: {},
    note: '',
    createdAt: `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`,
    updatedAt: '',
    deviceId: '',
    deleted: false,
    ...extra,
  };
}
const PLAYER: Player = {
  id: 'p1',
  teamId: 't',
  name: 'Mika Virta',
  number: 17,
  position: 'F',
  updatedAt: '',
  deviceId: '',
  deleted: false,
};

const events = [
  event('shot', 300, { descriptors: { period: '1', team: 'home', playerId: 'p1' } }),
  event('goal', 100, { descriptors: { period: '2', team: 'away' }, note: 'Top shelf' }),
  event('Hit', 200, { descriptors: { period: '1', team: 'away' } }),
  event('shot', 50, { descriptors: { period: '2' } }),
];
const names = (list: GameEvent[]) => list.map((e) => `${e.codeName}@${e.startFrame}`);

describe('event list filters', () => {
  it('sorts by time, or by code then time', () => {
    expect(names(filterEvents(events, NO_FILTER, []))).toEqual(['shot@50', 'goal@100', 'Hit@200', 'shot@300']);
    expect(names(filterEvents(events, { ...NO_FILTER, sort: 'code' }, []))).toEqual([
      'goal@100',
      'Hit@200',
      'shot@50',
      'shot@300',
    ]);
  });

  it('filters by code, period and team together', () => {
    expect(names(filterEvents(events, { ...NO_FILTER, codeId: 'code-shot' }, []))).toEqual(['shot@50', 'shot@300']);
    expect(names(filterEvents(events, { ...NO_FILTER, period: '1', team: 'away' }, []))).toEqual(['Hit@200']);
  });

  it('searches note, code and player name or number, every word', () => {
    expect(names(filterEvents(events, { ...NO_FILTER, search: 'top' }, []))).toEqual(['goal@100']);
    expect(names(filterEvents(events, { ...NO_FILTER, search: 'virta' }, [PLAYER]))).toEqual(['shot@300']);
    expect(names(filterEvents(events, { ...NO_FILTER, search: '#17 shot' }, [PLAYER]))).toEqual(['shot@300']);
    expect(filterEvents(events, { ...NO_FILTER, search: 'shot goal' }, [])).toEqual([]);
  });

  it('steps through the shown events', () => {
    const shown = filterEvents(events, NO_FILTER, []);
    expect(neighbourEvent(shown, null, 1)).toBe(shown[0]?.id);
    expect(neighbourEvent(shown, null, -1)).toBe(shown[3]?.id);
    expect(neighbourEvent(shown, shown[1]!.id, 1)).toBe(shown[2]?.id);
    expect(neighbourEvent(shown, shown[3]!.id, 1)).toBe(shown[3]?.id);
    expect(neighbourEvent([], null, 1)).toBeNull();
  });
});

describe('the video scope', () => {
  const a = event('hit', 50, { videoId: 'period-1' });
  const b = event('hit', 10, { videoId: 'period-2' });
  const c = event('save', 20, { videoId: 'period-1' });
  const both = [a, b, c];

  it("shows the open video's events by default, the whole game with one toggle", () => {
    expect(filterEvents(both, NO_FILTER, [], 'period-1')).toEqual([c, a]);
    expect(filterEvents(both, { ...NO_FILTER, scope: 'game' }, [], 'period-1')).toEqual([b, c, a]);
  });

  it('shows the whole game while no video is open', () => {
    expect(filterEvents(both, NO_FILTER, [], null)).toHaveLength(3);
  });
});
