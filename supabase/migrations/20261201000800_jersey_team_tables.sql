-- The analyst's jersey-team work (the laptop's store migration 0005): per track the analyst's
-- correction of its affiliation, per game which jersey group is the home team, per video the ice
-- surface drawn on the camera view. Same sync rules and policies as the other team tables
-- (20261201000200, 20261201000400); the team comes from the parent run, game or video.
-- As elsewhere, no uniqueness on the natural keys (run_id + track_id, game_id, video_id): the
-- app gives such a row a name-based UUID of its key so two devices make the same id.

create table public.affiliation_corrections (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  run_id uuid not null references public.analysis_runs (id),
  track_id integer not null,
  affiliation text not null check (affiliation in ('team-a', 'team-b', 'official', 'off-ice')),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.affiliation_corrections', 'analysis_runs', 'run_id');
create index affiliation_corrections_by_run on public.affiliation_corrections (run_id, track_id);

create table public.home_jerseys (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  game_id uuid not null references public.games (id),
  home_group text not null check (home_group in ('team-a', 'team-b')),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.home_jerseys', 'games', 'game_id');
create index home_jerseys_by_game on public.home_jerseys (game_id);

-- points_json: the polygon's corners as [{x, y}, …] in 0…1 of the frame (3 to 64 of them).
create table public.rink_regions (
  id uuid primary key,
  team_id uuid not null references public.teams (id),
  video_id uuid not null references public.videos (id),
  points_json jsonb not null check (jsonb_typeof(points_json) = 'array' and jsonb_array_length(points_json) between 3 and 64),
  updated_at timestamptz not null,
  device_id text not null,
  deleted boolean not null default false,
  server_seq bigint not null
);
select private.make_synced('public.rink_regions', 'videos', 'video_id');
create index rink_regions_by_video on public.rink_regions (video_id);

-- Every verb for members of the row's team, nothing for anyone else; anon gets nothing, and
-- TRUNCATE, REFERENCES and TRIGGER (not subject to row-level security) stay with the owner.
do $$
declare
  team_table text;
begin
  foreach team_table in array array['affiliation_corrections', 'home_jerseys', 'rink_regions'] loop
    execute format('alter table public.%I enable row level security', team_table);
    execute format('revoke all on public.%I from anon, authenticated', team_table);
    execute format('grant select, insert, update, delete on public.%I to authenticated', team_table);
    execute format(
      'create policy members_read on public.%I for select to authenticated
         using (team_id in (select private.user_team_ids()))', team_table);
    execute format(
      'create policy members_add on public.%I for insert to authenticated
         with check (team_id in (select private.user_team_ids()))', team_table);
    execute format(
      'create policy members_change on public.%I for update to authenticated
         using (team_id in (select private.user_team_ids()))
         with check (team_id in (select private.user_team_ids()))', team_table);
    execute format(
      'create policy members_delete on public.%I for delete to authenticated
         using (team_id in (select private.user_team_ids()))', team_table);
  end loop;
end
$$;
