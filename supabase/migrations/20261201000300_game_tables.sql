-- The synced tables, column for column the laptop's SQLite tables (electron/engine/store/migrations)
-- with these differences, which the sync client maps:
-- * team_id on every row (the policies' key); on a game the client sets it when sharing, on every
--   other table the server fills it from the parent row;
-- * server_seq, the change sequence the server assigns (the pull cursor);
-- * deleted is a boolean (SQLite 0/1), timestamps are timestamptz (ISO-8601 text on the laptop),
--   *_json columns are jsonb (the laptop stores the same JSON as text), dates are date;
-- * the roster's teams are roster_teams here (teams are the organisations that own data), and a
--   player's roster team is players.roster_team_id (players.team_id on the laptop);
-- * local-only columns stay on the laptop: videos.path, proxy_path, proxy_time_shift_s.
-- No uniqueness on natural keys (run_id, track_id): a row two devices could both create must get
-- the same id on both (a name-based UUID of its natural key), or the second push would be refused.

create table public.games (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  title text not null,
  date date not null,
  home text not null,
  away text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.games');

create table public.videos (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  game_id uuid not null references public.games (id),
  file_name text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  probe_json jsonb not null check (jsonb_typeof(probe_json) = 'object'),
  imported_at timestamptz not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.videos', 'games', 'game_id');
create index videos_by_game on public.videos (game_id);

create table public.analysis_runs (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  video_id uuid not null references public.videos (id),
  model_name text not null,
  model_sha256 text not null,
  params_json jsonb not null check (jsonb_typeof(params_json) = 'object'),
  provider text,
  provider_report_json jsonb check (jsonb_typeof(provider_report_json) = 'array'),
  hw_decode_json jsonb,
  status text not null check (status in ('queued', 'running', 'paused', 'cancelled', 'failed', 'done')),
  frames_done integer not null default 0,
  frames_total integer not null default 0,
  next_frame integer not null default 0,
  error_json jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.analysis_runs', 'videos', 'video_id');
create index analysis_runs_by_video on public.analysis_runs (video_id);

create table public.track_summaries (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  run_id uuid not null references public.analysis_runs (id),
  track_id integer not null,
  class_id integer not null,
  first_frame integer not null,
  last_frame integer not null,
  first_pts double precision not null,
  last_pts double precision not null,
  box_count integer not null,
  mean_score double precision not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.track_summaries', 'analysis_runs', 'run_id');
create index track_summaries_by_run on public.track_summaries (run_id, track_id);

create table public.codes (
  id uuid primary key,
  -- null only on the default codes every install shares (seeded by a later migration).
  team_id uuid references public.teams (id),
  name text not null,
  hotkey text,
  colour text not null,
  lead_s double precision not null check (lead_s >= 0),
  lag_s double precision not null check (lag_s >= 0),
  mode text not null check (mode in ('instant', 'span')),
  sort_order integer not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.codes');

create table public.events (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  game_id uuid not null references public.games (id),
  video_id uuid not null references public.videos (id),
  code_id uuid not null references public.codes (id),
  code_name text not null,
  start_s double precision not null,
  end_s double precision not null,
  start_frame integer not null,
  end_frame integer not null,
  descriptors_json jsonb not null default '{}' check (jsonb_typeof(descriptors_json) = 'object'),
  note text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null,
  check (end_s >= start_s and end_frame >= start_frame)
);
select private.make_synced('public.events', 'games', 'game_id');
create index events_by_game on public.events (game_id, start_s);

create table public.roster_teams (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  game_id uuid not null references public.games (id),
  side text not null check (side in ('home', 'away')),
  name text not null,
  colour text not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.roster_teams', 'games', 'game_id');
create index roster_teams_by_game on public.roster_teams (game_id);

create table public.players (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  roster_team_id uuid not null references public.roster_teams (id),
  name text not null,
  number integer check (number between 0 and 99),
  position text check (position in ('F', 'D', 'G')),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.players', 'roster_teams', 'roster_team_id');
create index players_by_roster_team on public.players (roster_team_id);

-- The analyst's edits to analysis tracks: links to players, merges and splits (the laptop's
-- track_links, track_merges, track_splits), each a row of its own.
create table public.track_links (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  run_id uuid not null references public.analysis_runs (id),
  track_id integer not null,
  player_id uuid references public.players (id),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.track_links', 'analysis_runs', 'run_id');
create index track_links_by_run on public.track_links (run_id, track_id);

create table public.track_merges (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  seq integer not null,
  run_id uuid not null references public.analysis_runs (id),
  merged_track_id integer not null,
  kept_track_id integer not null check (kept_track_id <> merged_track_id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.track_merges', 'analysis_runs', 'run_id');
create index track_merges_by_run on public.track_merges (run_id);

create table public.track_splits (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  seq integer not null,
  run_id uuid not null references public.analysis_runs (id),
  track_id integer not null,
  at_frame integer not null check (at_frame >= 0),
  new_track_id integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.track_splits', 'analysis_runs', 'run_id');
create index track_splits_by_run on public.track_splits (run_id);

create table public.playlists (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  game_id uuid not null references public.games (id),
  name text not null,
  event_ids_json jsonb not null check (jsonb_typeof(event_ids_json) = 'array'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.playlists', 'games', 'game_id');
create index playlists_by_game on public.playlists (game_id);
