import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { commitAs, insertSql } from './sql-session.ts';

/** One row of every synced table, for one team, each pointing at the others as the app's do. */
export interface TeamRows {
  teamId: string;
  game: string;
  video: string;
  run: string;
  summary: string;
  code: string;
  event: string;
  rosterTeam: string;
  player: string;
  link: string;
  merge: string;
  split: string;
  playlist: string;
  correction: string;
  homeJersey: string;
  rinkRegion: string;
}

export const T0 = '2026-03-01T10:00:00.000Z';
export const DEVICE = 'device-a';

type RowMaker = (rows: TeamRows, id: string) => Record<string, unknown>;

export interface SyncedTable {
  table: string;
  key: Exclude<keyof TeamRows, 'teamId'>;
  make: RowMaker;
  /** A column an analyst edits, and a value to edit it to. */
  edit: { column: string; value: unknown };
}

const sync = { updated_at: T0, device_id: DEVICE, deleted: false };
const sha = 'ab'.repeat(32);

/** In the order parents come before the rows that point at them (the push order too). */
export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    table: 'games',
    key: 'game',
    make: (r, id) => ({ id, team_id: r.teamId, title: 'Game', date: '2026-02-28', home: 'H', away: 'A', ...sync }),
    edit: { column: 'title', value: 'Renamed game' },
  },
  {
    table: 'videos',
    key: 'video',
    make: (r, id) => ({
      id,
      game_id: r.game,
      file_name: 'p1.mp4',
      size_bytes: 1000,
      sha256: sha,
      probe_json: { width: 1280, height: 720 },
      imported_at: T0,
      ...sync,
    }),
    edit: { column: 'file_name', value: 'period-1.mp4' },
  },
  {
    table: 'analysis_runs',
    key: 'run',
    make: (r, id) => ({
      id,
      video_id: r.video,
      model_name: 'yolo',
      model_sha256: sha,
      params_json: { stride: 1 },
      status: 'done',
      frames_done: 10,
      frames_total: 10,
      created_at: T0,
      ...sync,
    }),
    edit: { column: 'status', value: 'failed' },
  },
  {
    table: 'track_summaries',
    key: 'summary',
    make: (r, id) => ({
      id,
      run_id: r.run,
      track_id: 1,
      class_id: 0,
      first_frame: 0,
      last_frame: 9,
      first_pts: 0,
      last_pts: 0.3,
      box_count: 10,
      mean_score: 0.9,
      ...sync,
    }),
    edit: { column: 'box_count', value: 11 },
  },
  {
    table: 'codes',
    key: 'code',
    make: (r, id) => ({
      id,
      team_id: r.teamId,
      name: 'forecheck',
      hotkey: 'q',
      colour: '#123456',
      lead_s: 3,
      lag_s: 2,
      mode: 'instant',
      sort_order: 200,
      ...sync,
    }),
    edit: { column: 'colour', value: '#654321' },
  },
  {
    table: 'events',
    key: 'event',
    make: (r, id) => ({
      id,
      game_id: r.game,
      video_id: r.video,
      code_id: r.code,
      code_name: 'forecheck',
      start_s: 1,
      end_s: 2,
      start_frame: 30,
      end_frame: 60,
      descriptors_json: { period: '1' },
      note: '',
      created_at: T0,
      ...sync,
    }),
    edit: { column: 'note', value: 'edited' },
  },
  {
    table: 'roster_teams',
    key: 'rosterTeam',
    make: (r, id) => ({ id, game_id: r.game, side: 'home', name: 'Home', colour: '#ffffff', ...sync }),
    edit: { column: 'name', value: 'Hawks' },
  },
  {
    table: 'players',
    key: 'player',
    make: (r, id) => ({ id, roster_team_id: r.rosterTeam, name: 'Skater', number: 9, position: 'F', ...sync }),
    edit: { column: 'number', value: 19 },
  },
  {
    table: 'track_links',
    key: 'link',
    make: (r, id) => ({ id, run_id: r.run, track_id: 1, player_id: r.player, ...sync }),
    edit: { column: 'track_id', value: 2 },
  },
  {
    table: 'track_merges',
    key: 'merge',
    make: (r, id) => ({ id, seq: 1, run_id: r.run, merged_track_id: 2, kept_track_id: 1, created_at: T0, ...sync }),
    edit: { column: 'kept_track_id', value: 3 },
  },
  {
    table: 'track_splits',
    key: 'split',
    make: (r, id) => ({
      id,
      seq: 2,
      run_id: r.run,
      track_id: 1,
      at_frame: 5,
      new_track_id: 7,
      created_at: T0,
      ...sync,
    }),
    edit: { column: 'at_frame', value: 6 },
  },
  {
    table: 'playlists',
    key: 'playlist',
    make: (r, id) => ({ id, game_id: r.game, name: 'Goals', event_ids_json: [r.event], created_at: T0, ...sync }),
    edit: { column: 'name', value: 'Power play' },
  },
  {
    table: 'affiliation_corrections',
    key: 'correction',
    make: (r, id) => ({ id, run_id: r.run, track_id: 1, affiliation: 'team-a', ...sync }),
    edit: { column: 'affiliation', value: 'official' },
  },
  {
    table: 'home_jerseys',
    key: 'homeJersey',
    make: (r, id) => ({ id, game_id: r.game, home_group: 'team-b', ...sync }),
    edit: { column: 'home_group', value: 'team-a' },
  },
  {
    table: 'rink_regions',
    key: 'rinkRegion',
    make: (r, id) => ({
      id,
      video_id: r.video,
      points_json: [
        { x: 0.1, y: 0.2 },
        { x: 0.9, y: 0.2 },
        { x: 0.5, y: 0.9 },
      ],
      ...sync,
    }),
    edit: {
      column: 'points_json',
      value: [
        { x: 0, y: 0 },
        { x: 1, y: 0 },
        { x: 1, y: 1 },
        { x: 0, y: 1 },
      ],
    },
  },
];

export async function createUser(client: pg.Client, email: string): Promise<string> {
  const made = await client.query<{ id: string }>('INSERT INTO auth.users (email) VALUES ($1) RETURNING id', [email]);
  return made.rows[0]!.id;
}

/** A team made the only way a user can: create_team, which makes them its owner. */
export async function createTeam(client: pg.Client, owner: string, name: string): Promise<string> {
  return commitAs(client, { user: owner }, async (c) => {
    const made = await c.query<{ id: string }>('SELECT id FROM public.create_team($1)', [name]);
    return made.rows[0]!.id;
  });
}

export async function addMember(client: pg.Client, owner: string, teamId: string, email: string): Promise<void> {
  await commitAs(client, { user: owner }, (c) => c.query('SELECT public.add_team_member($1, $2)', [teamId, email]));
}

/** New ids for every table's row, all in the given team. */
export function newTeamRows(teamId: string): TeamRows {
  const rows = { teamId } as TeamRows;
  for (const spec of SYNCED_TABLES) rows[spec.key] = randomUUID();
  return rows;
}

/** Writes one row of every table as a member of the team (so the members' insert path works). */
export async function seedTeamRows(client: pg.Client, member: string, teamId: string): Promise<TeamRows> {
  const rows = newTeamRows(teamId);
  await commitAs(client, { user: member }, async (c) => {
    for (const spec of SYNCED_TABLES) {
      const { sql, params } = insertSql(spec.table, spec.make(rows, rows[spec.key]));
      await c.query(sql, params);
    }
  });
  return rows;
}

/** A signed-in team with an owner, a plain member, and one row in every table. */
export interface TeamWorld {
  owner: string;
  member: string;
  rows: TeamRows;
}

export async function makeTeam(client: pg.Client, label: string): Promise<TeamWorld> {
  const tag = randomUUID().slice(0, 8);
  const owner = await createUser(client, `${label}-owner-${tag}@example.test`);
  const memberEmail = `${label}-member-${tag}@example.test`;
  const member = await createUser(client, memberEmail);
  const teamId = await createTeam(client, owner, `${label} ${tag}`);
  await addMember(client, owner, teamId, memberEmail);
  const rows = await seedTeamRows(client, member, teamId);
  return { owner, member, rows };
}
