/**
 * The tables that sync, local (SQLite) name to server (Postgres) name, with each column's kind so
 * rows can be mapped both ways (docs/cloud.md, "Tables"). In push order: a parent before the rows
 * that point at it, because the server refuses a row whose parent it does not hold.
 */

/** How a column's value differs between the two sides. */
export type ColumnKind =
  | 'plain' // same value both sides (text, numbers, null)
  | 'bool' // 0/1 locally, boolean on the server
  | 'json' // JSON text locally, jsonb on the server
  | 'time'; // ISO-8601 text locally, timestamptz on the server

export interface SyncedColumn {
  local: string;
  server: string;
  kind: ColumnKind;
}

export interface SyncedTable {
  local: string;
  server: string;
  columns: readonly SyncedColumn[];
  /**
   * SQL that reaches the row's game from the row (aliased t) as alias g, so the push knows whether
   * the row's game is shared and with which team. Null for codes, which carry their own team.
   */
  gameJoin: string | null;
  /** Local columns the server does not have (machine-local facts); kept as they are on a pull. */
  localOnly?: Readonly<Record<string, string | number | null>>;
}

const col = (name: string, kind: ColumnKind = 'plain', server = name): SyncedColumn => ({ local: name, server, kind });
const SYNC_COLUMNS = [col('updated_at', 'time'), col('device_id'), col('deleted', 'bool')];

const BY_GAME = 'JOIN games g ON g.id = t.game_id';
const BY_VIDEO = 'JOIN videos v ON v.id = t.video_id JOIN games g ON g.id = v.game_id';
const BY_RUN =
  'JOIN analysis_runs r ON r.id = t.run_id JOIN videos v ON v.id = r.video_id JOIN games g ON g.id = v.game_id';

export const SYNCED_TABLES: readonly SyncedTable[] = [
  {
    local: 'games',
    server: 'games',
    gameJoin: 'JOIN games g ON g.id = t.id',
    columns: [
      col('id'),
      col('team_id'),
      col('title'),
      col('date'),
      col('home'),
      col('away'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'videos',
    server: 'videos',
    gameJoin: BY_GAME,
    columns: [
      col('id'),
      col('game_id'),
      col('file_name'),
      col('size_bytes'),
      col('sha256'),
      col('probe_json', 'json'),
      col('imported_at', 'time'),
      ...SYNC_COLUMNS,
    ],
    // The file is on another laptop: a pulled video has no path here until its bytes come.
    localOnly: { path: '', proxy_path: null, proxy_time_shift_s: 0 },
  },
  {
    local: 'analysis_runs',
    server: 'analysis_runs',
    gameJoin: BY_VIDEO,
    columns: [
      col('id'),
      col('video_id'),
      col('model_name'),
      col('model_sha256'),
      col('params_json', 'json'),
      col('provider'),
      col('provider_report_json', 'json'),
      col('hw_decode_json', 'json'),
      col('status'),
      col('frames_done'),
      col('frames_total'),
      col('next_frame'),
      col('error_json', 'json'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'track_summaries',
    server: 'track_summaries',
    gameJoin: BY_RUN,
    columns: [
      col('id'),
      col('run_id'),
      col('track_id'),
      col('class_id'),
      col('first_frame'),
      col('last_frame'),
      col('first_pts'),
      col('last_pts'),
      col('box_count'),
      col('mean_score'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'codes',
    server: 'codes',
    gameJoin: null,
    columns: [
      col('id'),
      col('team_id'),
      col('name'),
      col('hotkey'),
      col('colour'),
      col('lead_s'),
      col('lag_s'),
      col('mode'),
      col('sort_order'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'events',
    server: 'events',
    gameJoin: BY_GAME,
    columns: [
      col('id'),
      col('game_id'),
      col('video_id'),
      col('code_id'),
      col('code_name'),
      col('start_s'),
      col('end_s'),
      col('start_frame'),
      col('end_frame'),
      col('descriptors_json', 'json'),
      col('note'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'teams',
    server: 'roster_teams',
    gameJoin: BY_GAME,
    columns: [col('id'), col('game_id'), col('side'), col('name'), col('colour'), ...SYNC_COLUMNS],
  },
  {
    local: 'players',
    server: 'players',
    gameJoin: 'JOIN teams rt ON rt.id = t.team_id JOIN games g ON g.id = rt.game_id',
    columns: [
      col('id'),
      col('team_id', 'plain', 'roster_team_id'),
      col('name'),
      col('number'),
      col('position'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'track_links',
    server: 'track_links',
    gameJoin: BY_RUN,
    columns: [col('id'), col('run_id'), col('track_id'), col('player_id'), ...SYNC_COLUMNS],
  },
  {
    local: 'track_merges',
    server: 'track_merges',
    gameJoin: BY_RUN,
    columns: [
      col('id'),
      col('seq'),
      col('run_id'),
      col('merged_track_id'),
      col('kept_track_id'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'track_splits',
    server: 'track_splits',
    gameJoin: BY_RUN,
    columns: [
      col('id'),
      col('seq'),
      col('run_id'),
      col('track_id'),
      col('at_frame'),
      col('new_track_id'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'playlists',
    server: 'playlists',
    gameJoin: BY_GAME,
    columns: [
      col('id'),
      col('game_id'),
      col('name'),
      col('event_ids_json', 'json'),
      col('created_at', 'time'),
      ...SYNC_COLUMNS,
    ],
  },
  {
    local: 'affiliation_corrections',
    server: 'affiliation_corrections',
    gameJoin: BY_RUN,
    columns: [col('id'), col('run_id'), col('track_id'), col('affiliation'), ...SYNC_COLUMNS],
  },
  {
    local: 'home_jerseys',
    server: 'home_jerseys',
    gameJoin: BY_GAME,
    columns: [col('id'), col('game_id'), col('home_group'), ...SYNC_COLUMNS],
  },
  {
    local: 'rink_regions',
    server: 'rink_regions',
    gameJoin: BY_VIDEO,
    columns: [col('id'), col('video_id'), col('points_json', 'json'), ...SYNC_COLUMNS],
  },
];

const BY_LOCAL = new Map(SYNCED_TABLES.map((t) => [t.local, t]));

/** The synced table stored locally as `name`, or undefined for a local-only table. */
export function syncedTable(name: string): SyncedTable | undefined {
  return BY_LOCAL.get(name);
}

/** The default codes have the same fixed ids on every install and the server; nobody writes them there. */
export function isDefaultCodeId(id: string): boolean {
  return id.startsWith('c0de0000-0000-4000-8000-');
}
