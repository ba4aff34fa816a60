-- The rules every synced row obeys on the server, whoever writes it (the app's sync, a raw
-- PostgREST upsert, the dashboard):
-- * last writer wins by (updated_at, device_id): a write that is not newer than the stored row
--   changes nothing, so `Prefer: resolution=merge-duplicates` cannot overwrite a newer row;
-- * every applied write takes the next number of one change sequence, so devices pull by
--   server_seq and see an edit that arrives late with an old timestamp;
-- * a row's team comes from its parent (a video from its game, ...) and never changes;
-- * a DELETE becomes a write of deleted = true, so other devices learn of it when they pull.

create sequence private.change_seq as bigint;

-- Per team, writes take their sequence numbers one transaction at a time (the lock is held until
-- commit), so sequence order is commit order within a team: a device that has pulled up to n
-- never later finds a row of that team below n committing behind its back.
create function private.next_change_seq(team uuid) returns bigint
language plpgsql volatile security definer
set search_path = ''
as $$
begin
  if team is not null then
    perform pg_advisory_xact_lock(hashtextextended('rinkside.sync:' || team::text, 0));
  end if;
  return nextval('private.change_seq');
end;
$$;

-- Equal keys are the same write arriving again (a retried push): nothing changes and no new
-- sequence number is taken. device_id ties are broken bytewise (COLLATE "C"), as the app
-- compares strings. Security definer so that only this trigger can take sequence numbers and
-- team locks (it reads no table; the caller's rights still decide whether the row is written).
create function private.keep_newer_write() returns trigger
language plpgsql security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE' then
    if new.updated_at < old.updated_at
      or (new.updated_at = old.updated_at and new.device_id collate "C" <= old.device_id collate "C")
    then
      return null;
    end if;
  end if;
  new.server_seq := private.next_change_seq(new.team_id);
  return new;
end;
$$;

-- Arguments: the parent table and the column pointing at it; none for a table whose rows name
-- their team themselves (games, custom codes). Security definer so the parent is found even when
-- the caller may not see it: the row then carries the parent's team and the caller's write fails
-- the team's row-level security check (a clear 42501) instead of a misleading missing-parent error.
create function private.take_team_from_parent() returns trigger
language plpgsql security definer
set search_path = ''
as $$
declare
  parent_id uuid;
  parent_team uuid;
begin
  if tg_nargs = 2 then
    parent_id := (to_jsonb(new) ->> tg_argv[1])::uuid;
    execute format('select team_id from public.%I where id = $1', tg_argv[0]) into parent_team using parent_id;
    if parent_team is null then
      raise exception '% row % is not on the server: push it before the rows that point at it', tg_argv[0], parent_id
        using errcode = '23503';
    end if;
    new.team_id := parent_team;
  end if;
  if tg_op = 'UPDATE' and new.team_id is distinct from old.team_id then
    raise exception 'a row cannot move to another team' using errcode = '23514';
  end if;
  return new;
end;
$$;

-- The tombstone's time is the server's, or just after the stored write when a device clock ran
-- ahead, so it always wins.
create function private.delete_as_tombstone() returns trigger
language plpgsql
as $$
begin
  execute format(
    'update %I.%I set deleted = true, updated_at = greatest(now(), $1 + interval ''1 millisecond''), device_id = $2 where id = $3',
    tg_table_schema,
    tg_table_name
  ) using old.updated_at, 'server', old.id;
  return null;
end;
$$;

-- Attaches the rules to a synced table and indexes it for both the team policies and pulls
-- (team_id = … and server_seq > cursor order by server_seq).
create function private.make_synced(synced regclass, parent_table text default null, parent_column text default null)
returns void
language plpgsql
as $$
declare
  team_trigger_args text := case when parent_table is null then '' else format('%L, %L', parent_table, parent_column) end;
  index_name text := (select c.relname from pg_class c where c.oid = synced) || '_by_team_seq';
begin
  execute format(
    'create trigger sync_10_team before insert or update on %s for each row execute function private.take_team_from_parent(%s)',
    synced, team_trigger_args
  );
  execute format(
    'create trigger sync_20_keep_newer before insert or update on %s for each row execute function private.keep_newer_write()',
    synced
  );
  execute format(
    'create trigger sync_30_delete_is_a_write before delete on %s for each row execute function private.delete_as_tombstone()',
    synced
  );
  execute format('create index %I on %s (team_id, server_seq)', index_name, synced);
end;
$$;

revoke all on function private.next_change_seq(uuid), private.make_synced(regclass, text, text) from public;
