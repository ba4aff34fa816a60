import { objectKey, type SignDownloadRequest, type SignDownloadResponse } from '../electron/contract/gateway.ts';
import { storedSha256 } from './bookkeeping.ts';
import type { Caller } from './caller.ts';
import { GatewayFailure } from './failure.ts';
import type { RouteContext } from './uploads.ts';
import { resolveTarget } from './targets.ts';

/**
 * A short-lived GET URL for the target's stored bytes (ranged GETs work on it, so a download can
 * resume). A video's bytes are the ones its row records; a run's results are the object last
 * uploaded for it.
 */
export async function signDownload(
  ctx: RouteContext,
  caller: Caller,
  request: SignDownloadRequest,
): Promise<SignDownloadResponse> {
  const resolved = await resolveTarget(ctx.rest, caller, request.target);
  const sha256 = resolved.video?.sha256 ?? (await storedSha256(ctx.rest, caller, request.target));
  const what = request.target.kind === 'video' ? 'video' : 'run’s detections';
  if (!sha256) throw new GatewayFailure('not-found', `The ${what} has not been uploaded yet`);
  const key = objectKey(resolved.teamId, sha256);
  const size = await ctx.store.sizeOf(key);
  if (size === null) throw new GatewayFailure('not-found', `The ${what} has not been uploaded yet`);
  const url = await ctx.store.signDownload(key, ctx.config.downloadUrlTtlS);
  const expiresAt = new Date(Date.now() + ctx.config.downloadUrlTtlS * 1000).toISOString();
  return { url, expiresAt, key, sha256, size };
}
