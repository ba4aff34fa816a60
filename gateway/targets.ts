import type { StorageTarget } from '../electron/contract/gateway.ts';
import type { Caller } from './caller.ts';
import { GatewayFailure } from './failure.ts';
import type { SupabaseRest } from './supabase-rest.ts';

/** The row an object belongs to, as the caller may see it. */
export interface ResolvedTarget {
  target: StorageTarget;
  teamId: string;
  /** A video's recorded content: its upload must be exactly these bytes. */
  video?: { sha256: string; size: number };
}

interface VideoRow {
  team_id: string;
  sha256: string;
  size_bytes: number;
  deleted: boolean;
}

interface RunRow {
  team_id: string;
  deleted: boolean;
}

export function targetId(target: StorageTarget): string {
  return target.kind === 'video' ? target.videoId : target.runId;
}

function describe(target: StorageTarget): string {
  return target.kind === 'video' ? 'video' : 'analysis run';
}

/**
 * Reads the target's row with the caller's token: row-level security lets a member see their
 * team's rows only, so this read is the membership check. A row the caller cannot see but that
 * exists is forbidden (it belongs to another team); one that does not exist is not found.
 */
export async function resolveTarget(
  rest: SupabaseRest,
  caller: Caller,
  target: StorageTarget,
): Promise<ResolvedTarget> {
  const id = targetId(target);
  const table = target.kind === 'video' ? 'videos' : 'analysis_runs';
  const columns = target.kind === 'video' ? 'team_id,sha256,size_bytes,deleted' : 'team_id,deleted';
  const seen = await rest.selectAsCaller<VideoRow | RunRow>(caller, table, { select: columns, id: `eq.${id}` });
  const row = seen[0];
  if (!row) {
    const exists = await rest.selectAsService<{ id: string }>(table, { select: 'id', id: `eq.${id}` });
    if (exists.length > 0) {
      throw new GatewayFailure('forbidden', `This ${describe(target)} belongs to a team you are not a member of`);
    }
    throw new GatewayFailure('not-found', `No ${describe(target)} ${id} on the team server: sync it first`);
  }
  if (row.deleted) throw new GatewayFailure('not-found', `The ${describe(target)} ${id} was deleted`);
  const resolved: ResolvedTarget = { target, teamId: row.team_id };
  if (target.kind === 'video') {
    const video = row as VideoRow;
    resolved.video = { sha256: video.sha256, size: Number(video.size_bytes) };
  }
  return resolved;
}
