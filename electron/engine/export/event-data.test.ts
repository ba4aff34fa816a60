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
      'number,code,period,start_s,end_s,duration_s,start_frame,end_frame,team,side,player,strength,outcome,note,video,video_id,event_id',
    );
    expect(lines[1]).toBe(`1,Shot,,10,15,5,300,450,,,,,,,,${ids.video},e1`);
    expect(lines[2]).toBe(
      `2,Shot,2,30,35,5,900,1050,Lions,home,12 Smith,PP,,"'=HYPERLINK(""x""), ""quoted""\nline 2",,${ids.video},e2`,
    );
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe("'-3");
  });

  it('rounds times to the millisecond, frames to whole numbers, and names teams the roster lacks', () => {
    const noisy = [
      event('n1', 1.6667003333333332, {
        endS: 3.0004999,
        startFrame: 50.00001,
        endFrame: 90,
        descriptors: { team: 'away' },
      }),
    ];
    const records = toEventRecords(noisy, roster, {
      home: 'Lions',
      away: 'Tigers',
      videos: new Map([[ids.video, 'P1.mp4']]),
    });
    const lines = eventsToCsv(records)
      .replace(/^\ufeff/, '')
      .split('\r\n');
    expect(lines[1]).toBe(`1,Shot,,1.667,3,1.333,50,90,Tigers,away,,,,,P1.mp4,${ids.video},n1`);
    const doc = JSON.parse(eventsToJson(records, { game: null, exportedAt: '2026-01-01T00:00:00Z' })) as {
      events: Record<string, unknown>[];
    };
    expect(doc.events[0]).toEqual({
      number: 1,
      code: 'Shot',
      period: null,
      startS: 1.667,
      endS: 3,
      durationS: 1.333,
      startFrame: 50,
      endFrame: 90,
      team: 'Tigers',
      side: 'away',
      player: null,
      strength: null,
      outcome: null,
      note: '',
      video: 'P1.mp4',
      videoId: ids.video,
      id: 'n1',
    });
    // The JSON keys follow the CSV's column order.
    expect(Object.keys(doc.events[0] ?? {})).toEqual([
      'number',
      'code',
      'period',
      'startS',
      'endS',
      'durationS',
      'startFrame',
      'endFrame',
      'team',
      'side',
      'player',
      'strength',
      'outcome',
      'note',
      'video',
      'videoId',
      'id',
    ]);
  });

  it('writes JSON with a version and the events', () => {
    const doc = JSON.parse(
      eventsToJson(toEventRecords(events, roster), { game: null, exportedAt: '2026-01-01T00:00:00Z' }),
    ) as { version: number; events: { id: string; team: string | null; side: string | null }[] };
    expect(doc.version).toBe(2);
    expect(doc.events.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(doc.events[1]).toMatchObject({ team: 'Lions', side: 'home' });
  });
});
