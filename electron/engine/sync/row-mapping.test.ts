import { describe, expect, it } from 'vitest';
import { toLocalRow, toServerRow } from './row-mapping.ts';
import { syncedTable } from './tables.ts';

describe('row mapping', () => {
  it('maps a roster player: team_id is roster_team_id on the server, deleted a boolean', () => {
    const players = syncedTable('players')!;
    expect(players.server).toBe('players');
    const local = {
      id: 'p',
      team_id: 'rt',
      name: 'Aho',
      number: 20,
      position: 'F',
      updated_at: '2026-03-01T10:00:00.000Z',
      device_id: 'd',
      deleted: 1,
    };
    const server = toServerRow(players, local);
    expect(server).toEqual({ ...local, team_id: undefined, roster_team_id: 'rt', deleted: true } as never);
    expect('team_id' in server).toBe(false);
    expect(toLocalRow(players, { ...server, team_id: 'owning-team', server_seq: 12 })).toEqual(local);
  });

  it('maps videos without their machine-local columns and JSON as values', () => {
    const videos = syncedTable('videos')!;
    const server = toServerRow(videos, {
      id: 'v',
      game_id: 'g',
      path: '/home/me/p1.mp4',
      proxy_path: '/cache/p1.mp4',
      proxy_time_shift_s: 0.2,
      file_name: 'p1.mp4',
      size_bytes: 10,
      sha256: 'ab',
      probe_json: '{"width":1280}',
      imported_at: '2026-03-01T10:00:00.000Z',
      updated_at: '2026-03-01T10:00:00.000Z',
      device_id: 'd',
      deleted: 0,
    });
    expect(Object.keys(server)).not.toContain('path');
    expect(Object.keys(server)).not.toContain('proxy_path');
    expect(server.probe_json).toEqual({ width: 1280 });
    expect(toLocalRow(videos, { ...server, updated_at: '2026-03-01T10:00:00+00:00' })).toMatchObject({
      probe_json: '{"width":1280}',
      updated_at: '2026-03-01T10:00:00.000Z',
      deleted: 0,
    });
  });

  it('names the roster teams table as the server does and keeps local-only tables out', () => {
    expect(syncedTable('teams')?.server).toBe('roster_teams');
    expect(syncedTable('affiliation_corrections')).toBeUndefined();
    expect(syncedTable('detection_chunks')).toBeUndefined();
  });
});
