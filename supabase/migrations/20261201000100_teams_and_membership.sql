-- Teams and who belongs to them. Every team table's row-level security asks one question: is the
-- caller a member of the row's team? Membership itself is never self-service: a user becomes a
-- member only by creating a team (as its owner, through create_team) or by an owner adding them.

-- Functions the API must not expose as endpoints live in private (PostgREST serves public only).
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create table public.teams (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 100),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table public.team_members (
  team_id uuid not null references public.teams (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'member')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (team_id, user_id)
);
-- The policies look memberships up by user, so this index serves every team table's RLS check.
create index team_members_by_user on public.team_members (user_id, team_id);

create function private.touch_updated_at() returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end;
$$;

create trigger touch_updated_at before update on public.teams
  for each row execute function private.touch_updated_at();
create trigger touch_updated_at before update on public.team_members
  for each row execute function private.touch_updated_at();

-- Security definer so a policy on team_members can use them without recursing into itself.
create function private.user_team_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.team_id from public.team_members m where m.user_id = (select auth.uid())
$$;

create function private.owned_team_ids() returns setof uuid
language sql stable security definer
set search_path = ''
as $$
  select m.team_id from public.team_members m where m.user_id = (select auth.uid()) and m.role = 'owner'
$$;

-- The only way to make a team: the caller becomes its owner in the same transaction.
create function public.create_team(name text) returns public.teams
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  made public.teams;
begin
  if caller is null then
    raise exception 'sign in to create a team' using errcode = '42501';
  end if;
  insert into public.teams (name, created_by) values (create_team.name, caller) returning * into made;
  insert into public.team_members (team_id, user_id, role) values (made.id, caller, 'owner');
  return made;
end;
$$;

-- An owner adds a teammate by the email they signed up with (auth.users is not readable by the
-- API roles, so this lookup has to run as the definer). Adding an existing member sets their role.
create function public.add_team_member(team_id uuid, email text, member_role text default 'member')
returns public.team_members
language plpgsql volatile security definer
set search_path = ''
as $$
declare
  caller uuid := (select auth.uid());
  member_id uuid;
  added public.team_members;
begin
  if not exists (
    select 1 from public.team_members m
    where m.team_id = add_team_member.team_id and m.user_id = caller and m.role = 'owner'
  ) then
    raise exception 'only an owner of the team can add members' using errcode = '42501';
  end if;
  select u.id into member_id from auth.users u where lower(u.email) = lower(add_team_member.email);
  if member_id is null then
    raise exception 'no account uses the email %', add_team_member.email using errcode = 'P0002';
  end if;
  insert into public.team_members (team_id, user_id, role)
  values (add_team_member.team_id, member_id, member_role)
  on conflict on constraint team_members_pkey do update set role = excluded.role
  returning * into added;
  return added;
end;
$$;

revoke all on function private.user_team_ids(), private.owned_team_ids() from public;
grant execute on function private.user_team_ids(), private.owned_team_ids() to authenticated, service_role;
revoke all on function public.create_team(text), public.add_team_member(uuid, text, text) from public, anon;
grant execute on function public.create_team(text), public.add_team_member(uuid, text, text)
  to authenticated, service_role;
