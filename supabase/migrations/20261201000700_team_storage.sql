-- What the storage gateway knows about each team's objects in R2: the quota, the objects stored,
-- the uploads in progress, and which object holds each video's and each run's bytes. Only the
-- gateway writes here, with the service role (it holds the R2 keys and decides what is stored);
-- members read their own team's rows, so the app can show what is used and what is left.
-- Objects are content-addressed per team (teams/<team_id>/sha256/<hex>): the same bytes in one
-- team are stored, and counted against the quota, once.

-- A team's quota. No row, or a null quota, means the gateway's configured default.
create table public.team_storage (
  team_id uuid primary key references public.teams (id) on delete cascade,
  quota_bytes bigint check (quota_bytes >= 0),
  updated_at timestamptz not null default now()
);

create table public.stored_objects (
  team_id uuid not null references public.teams (id) on delete cascade,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes > 0),
  stored_at timestamptz not null default now(),
  primary key (team_id, sha256)
);

-- A multipart upload the gateway created and has not completed or aborted. Its size counts
-- against the quota while it is young: R2 drops incomplete uploads after 7 days, and so does the
-- count here, so an upload abandoned on a lost laptop frees its share by itself.
create table public.storage_uploads (
  upload_id text primary key,
  team_id uuid not null references public.teams (id) on delete cascade,
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes > 0),
  part_size bigint not null check (part_size > 0),
  part_count integer not null check (part_count between 1 and 10000),
  target_kind text not null check (target_kind in ('video', 'results')),
  target_id uuid not null,
  created_by uuid not null,
  created_at timestamptz not null default now()
);
create index storage_uploads_by_team on public.storage_uploads (team_id, created_at);

-- Which stored object holds a video's or a run's bytes; the last upload completed for it wins
-- (a run analysed again gets a new results object).
create table public.stored_targets (
  target_kind text not null check (target_kind in ('video', 'results')),
  target_id uuid not null,
  team_id uuid not null,
  sha256 text not null,
  stored_at timestamptz not null default now(),
  primary key (target_kind, target_id),
  foreign key (team_id, sha256) references public.stored_objects (team_id, sha256) on delete cascade
);
create index stored_targets_by_team on public.stored_targets (team_id);

do $$
declare
  storage_table text;
begin
  foreach storage_table in array array['team_storage', 'stored_objects', 'storage_uploads', 'stored_targets'] loop
    execute format('alter table public.%I enable row level security', storage_table);
    execute format('revoke all on public.%I from anon, authenticated', storage_table);
  end loop;
end
$$;

grant select on public.team_storage, public.stored_objects, public.stored_targets to authenticated;
create policy members_read on public.team_storage for select to authenticated
  using (team_id in (select private.user_team_ids()));
create policy members_read on public.stored_objects for select to authenticated
  using (team_id in (select private.user_team_ids()));
create policy members_read on public.stored_targets for select to authenticated
  using (team_id in (select private.user_team_ids()));

-- Bytes a team holds: its stored objects plus young uploads of bytes not stored yet.
create function private.team_bytes_used(p_team_id uuid) returns bigint
language sql
stable
as $$
  select coalesce((select sum(size_bytes) from public.stored_objects where team_id = p_team_id), 0)
    + coalesce((
        select sum(size_bytes) from (
          select distinct on (u.sha256) u.size_bytes
          from public.storage_uploads u
          where u.team_id = p_team_id
            and u.created_at > now() - interval '7 days'
            and not exists (
              select from public.stored_objects o where o.team_id = u.team_id and o.sha256 = u.sha256)
        ) pending), 0)::bigint;
$$;

-- Records a new upload if the team has room for it, atomically: the team's storage row is locked,
-- so two uploads racing for the last bytes cannot both get them. Answers the numbers either way.
create function public.reserve_upload(
  p_upload_id text,
  p_team_id uuid,
  p_sha256 text,
  p_size_bytes bigint,
  p_part_size bigint,
  p_part_count integer,
  p_target_kind text,
  p_target_id uuid,
  p_created_by uuid,
  p_default_quota_bytes bigint
) returns jsonb
language plpgsql
as $$
declare
  quota bigint;
  used bigint;
begin
  insert into public.team_storage (team_id) values (p_team_id) on conflict (team_id) do nothing;
  select coalesce(s.quota_bytes, p_default_quota_bytes) into quota
    from public.team_storage s where s.team_id = p_team_id for update;
  used := private.team_bytes_used(p_team_id);
  -- Bytes already stored or on their way for this team take no new room.
  if not exists (select from public.stored_objects where team_id = p_team_id and sha256 = p_sha256)
     and not exists (
       select from public.storage_uploads
       where team_id = p_team_id and sha256 = p_sha256 and created_at > now() - interval '7 days')
     and used + p_size_bytes > quota then
    return jsonb_build_object('reserved', false, 'quota_bytes', quota, 'used_bytes', used);
  end if;
  insert into public.storage_uploads
    (upload_id, team_id, sha256, size_bytes, part_size, part_count, target_kind, target_id, created_by)
  values
    (p_upload_id, p_team_id, p_sha256, p_size_bytes, p_part_size, p_part_count, p_target_kind, p_target_id,
     p_created_by);
  return jsonb_build_object('reserved', true, 'quota_bytes', quota, 'used_bytes', used);
end;
$$;

-- A completed upload becomes a stored object and its target's object; the upload row goes.
create function public.record_stored_upload(p_upload_id text) returns jsonb
language plpgsql
as $$
declare
  upload public.storage_uploads;
begin
  delete from public.storage_uploads where upload_id = p_upload_id returning * into upload;
  if upload.upload_id is null then
    return null;
  end if;
  insert into public.stored_objects (team_id, sha256, size_bytes)
    values (upload.team_id, upload.sha256, upload.size_bytes)
    on conflict (team_id, sha256) do nothing;
  insert into public.stored_targets (target_kind, target_id, team_id, sha256)
    values (upload.target_kind, upload.target_id, upload.team_id, upload.sha256)
    on conflict (target_kind, target_id)
    do update set team_id = excluded.team_id, sha256 = excluded.sha256, stored_at = now();
  return jsonb_build_object('team_id', upload.team_id, 'sha256', upload.sha256, 'size_bytes', upload.size_bytes);
end;
$$;

-- Bytes found already in the bucket (same content uploaded before, maybe for another video):
-- recorded as stored, and as the target's object, with no upload.
create function public.record_stored_object(
  p_team_id uuid,
  p_sha256 text,
  p_size_bytes bigint,
  p_target_kind text,
  p_target_id uuid
) returns void
language sql
as $$
  insert into public.stored_objects (team_id, sha256, size_bytes)
    values (p_team_id, p_sha256, p_size_bytes)
    on conflict (team_id, sha256) do nothing;
  insert into public.stored_targets (target_kind, target_id, team_id, sha256)
    values (p_target_kind, p_target_id, p_team_id, p_sha256)
    on conflict (target_kind, target_id)
    do update set team_id = excluded.team_id, sha256 = excluded.sha256, stored_at = now();
$$;

revoke all on function private.team_bytes_used(uuid) from public, anon, authenticated;
revoke all on function public.reserve_upload(text, uuid, text, bigint, bigint, integer, text, uuid, uuid, bigint)
  from public, anon, authenticated;
revoke all on function public.record_stored_upload(text) from public, anon, authenticated;
revoke all on function public.record_stored_object(uuid, text, bigint, text, uuid) from public, anon, authenticated;
grant execute on function private.team_bytes_used(uuid) to service_role;
grant execute on function public.reserve_upload(text, uuid, text, bigint, bigint, integer, text, uuid, uuid, bigint)
  to service_role;
grant execute on function public.record_stored_upload(text) to service_role;
grant execute on function public.record_stored_object(uuid, text, bigint, text, uuid) to service_role;
grant select, insert, update, delete on
  public.team_storage, public.stored_objects, public.storage_uploads, public.stored_targets to service_role;
