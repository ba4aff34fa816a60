-- Who may do what. The bootstrap of a Supabase project grants the API roles everything in public;
-- here anon loses it all, authenticated keeps only the verbs below, and row-level security scopes
-- each verb to the caller's teams. An upsert needs three policies: insert for a new row, update
-- for an existing one, and select to find the conflicting row.

revoke all on all tables in schema public from anon;
revoke all on all sequences in schema public from anon;
revoke all on all functions in schema public from anon;
alter default privileges for role postgres in schema public revoke all on tables from anon;
alter default privileges for role postgres in schema public revoke all on sequences from anon;
alter default privileges for role postgres in schema public revoke all on functions from anon;
-- TRUNCATE, REFERENCES and TRIGGER are not subject to row-level security: nobody but the owner.
revoke truncate, references, trigger on all tables in schema public from authenticated;

-- The team tables: every verb for members of the row's team, nothing for anyone else.
do $$
declare
  team_table text;
begin
  foreach team_table in array array[
    'games', 'videos', 'analysis_runs', 'track_summaries', 'events', 'roster_teams', 'players',
    'track_links', 'track_merges', 'track_splits', 'playlists'
  ] loop
    execute format('alter table public.%I enable row level security', team_table);
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

-- Codes: the shared defaults (team_id null) are read by every signed-in user and written by
-- nobody; a team's own codes follow the team rule.
alter table public.codes enable row level security;
grant select, insert, update, delete on public.codes to authenticated;
create policy defaults_and_members_read on public.codes for select to authenticated
  using (team_id is null or team_id in (select private.user_team_ids()));
create policy members_add on public.codes for insert to authenticated
  with check (team_id in (select private.user_team_ids()));
create policy members_change on public.codes for update to authenticated
  using (team_id in (select private.user_team_ids()))
  with check (team_id in (select private.user_team_ids()));
create policy members_delete on public.codes for delete to authenticated
  using (team_id in (select private.user_team_ids()));

-- Teams are made only by create_team; members read them, owners rename them; deleting a team
-- (and with it its data) is left to the service role.
alter table public.teams enable row level security;
revoke insert, delete on public.teams from authenticated;
revoke update on public.teams from authenticated;
grant select, update (name) on public.teams to authenticated;
create policy members_read on public.teams for select to authenticated
  using (id in (select private.user_team_ids()));
create policy owners_rename on public.teams for update to authenticated
  using (id in (select private.owned_team_ids()))
  with check (id in (select private.owned_team_ids()));

-- Memberships: members see their team's list; only owners add, change or remove members (so
-- nobody can add themselves to a team); anyone may leave a team.
alter table public.team_members enable row level security;
revoke update on public.team_members from authenticated;
grant select, insert, update (role), delete on public.team_members to authenticated;
create policy members_read on public.team_members for select to authenticated
  using (team_id in (select private.user_team_ids()));
create policy owners_add on public.team_members for insert to authenticated
  with check (team_id in (select private.owned_team_ids()));
create policy owners_change on public.team_members for update to authenticated
  using (team_id in (select private.owned_team_ids()))
  with check (team_id in (select private.owned_team_ids()));
create policy owners_remove_or_self_leave on public.team_members for delete to authenticated
  using (team_id in (select private.owned_team_ids()) or user_id = (select auth.uid()));
