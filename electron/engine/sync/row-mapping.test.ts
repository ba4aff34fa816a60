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
    expect(syncedTable('jersey_samples')).toBeUndefined();
    expect(syncedTable('detection_chunks')).toBeUndefined();
  });

  it('maps a drawn rink region: the polygon is JSON text locally, a jsonb array on the server', () => {
    const regions = syncedTable('rink_regions')!;
    const local = {
      id: 'r',
      video_id: 'v',
      points_json: '[{"x":0.1,"y":0.2},{"x":0.9,"y":0.2},{"x":0.5,"y":0.9}]',
      updated_at: '2026-03-01T10:00:00.000Z',
      device_id: 'd',
      deleted: 0,
    };
    const server = toServerRow(regions, local);
    expect(server.points_json).toEqual([
      { x: 0.1, y: 0.2 },
      { x: 0.9, y: 0.2 },
      { x: 0.5, y: 0.9 },
    ]);
    expect(server.deleted).toBe(false);
    expect(toLocalRow(regions, { ...server, team_id: 'owning-team', server_seq: 3 })).toEqual(local);
    expect(syncedTable('affiliation_corrections')?.server).toBe('affiliation_corrections');
    expect(syncedTable('home_jerseys')?.server).toBe('home_jerseys');
  });
});
