-- What the team's web dashboard reads, per game. security_invoker makes each view run with the
-- reader's rights, so the tables' row-level security applies: a view shows a member their teams'
-- games and nobody anything else. Tombstones (deleted rows) are left out.

create view public.game_event_counts with (security_invoker = true) as
select
  e.team_id,
  e.game_id,
  e.code_id,
  e.code_name,
  e.descriptors_json ->> 'period' as period,
  count(*)::integer as events
from public.events e
where not e.deleted
group by e.team_id, e.game_id, e.code_id, e.code_name, e.descriptors_json ->> 'period';

create view public.game_players with (security_invoker = true) as
select
  r.team_id,
  r.game_id,
  r.id as roster_team_id,
  r.side,
  r.name as roster_team_name,
  p.id as player_id,
  p.name,
  p.number,
  p.position
from public.roster_teams r
join public.players p on p.roster_team_id = r.id
where not r.deleted and not p.deleted;

create view public.game_runs with (security_invoker = true) as
select
  v.team_id,
  v.game_id,
  v.id as video_id,
  v.file_name,
  a.id as run_id,
  a.model_name,
  a.status,
  a.provider,
  a.frames_done,
  a.frames_total,
  a.created_at,
  a.updated_at,
  (select count(*) from public.track_summaries t where t.run_id = a.id and not t.deleted)::integer as tracks
from public.videos v
join public.analysis_runs a on a.video_id = v.id
where not v.deleted and not a.deleted;

revoke all on public.game_event_counts, public.game_players, public.game_runs from anon, authenticated;
grant select on public.game_event_counts, public.game_players, public.game_runs to authenticated;
