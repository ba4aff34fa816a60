import { describe, expect, it } from 'vitest';
import type { GameEvent, Roster } from '../../contract/tagging.ts';
import { csvField, eventsToCsv, eventsToJson, toEventRecords } from './event-data.ts';

const sync = { updatedAt: '2026-01-01T00:00:00Z', deviceId: 'd', deleted: false };
const ids = {
  game: '00000000-0000-4000-8000-000000000001',
  video: '00000000-0000-4000-8000-000000000002',
  code: '00000000-0000-4000-8000-000000000003',
};
const event = (id: string, startS: number, extra: Partial<GameEvent> = {}): GameEvent => ({
  ...sync,
  id,
  gameId: ids.game,
  videoId: ids.video,
  codeId: ids.code,
  codeName: 'Shot',
  startS,
  endS: startS + 5,
  startFrame: Math.round(startS * 30),
  endFrame: Math.round((startS + 5) * 30),
  descriptors: {},
  note: '',
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const roster: Roster = {
  teams: [{ ...sync, id: 't1', gameId: ids.game, side: 'home', name: 'Lions', colour: '#FF0000' }],
  players: [
    { ...sync, id: '00000000-0000-4000-8000-0000000000aa', teamId: 't1', name: 'Smith', number: 12, position: 'F' },
  ],
};

describe('event data', () => {
  const events = [
    event('e2', 30, {
      descriptors: { period: '2', team: 'home', playerId: '00000000-0000-4000-8000-0000000000aa', strength: 'PP' },
      note: '=HYPERLINK("x"), "quoted"\nline 2',
    }),
    event('e1', 10),
    event('gone', 20, { deleted: true }),
  ];

  it('flattens events in time order with roster names, without deleted ones', () => {
    const records = toEventRecords(events, roster);
    expect(records.map((r) => r.id)).toEqual(['e1', 'e2']);
    expect(records[1]).toMatchObject({
      period: '2',
      team: 'home',
      teamName: 'Lions',
      player: '12 Smith',
      strength: 'PP',
    });
  });

  it('writes RFC 4180 CSV with a header, quoting and formula guarding', () => {
    const csv = eventsToCsv(toEventRecords(events, roster));
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'id,code,start_s,end_s,duration_s,start_frame,end_frame,period,team,player,strength,outcome,note,video_id',
    );
    expect(lines[1]).toBe(`e1,Shot,10,15,5,300,450,,,,,,,${ids.video}`);
    expect(lines[2]).toBe(
      `e2,Shot,30,35,5,900,1050,2,Lions,12 Smith,PP,,"'=HYPERLINK(""x""), ""quoted""\nline 2",${ids.video}`,
    );
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe("'-3");
  });

  it('writes JSON with a version and the events', () => {
    const doc = JSON.parse(
      eventsToJson(toEventRecords(events, roster), { game: null, exportedAt: '2026-01-01T00:00:00Z' }),
    ) as { version: number; events: { id: string }[] };
    expect(doc.version).toBe(1);
    expect(doc.events.map((e) => e.id)).toEqual(['e1', 'e2']);
  });
});
