import {
  objectKey,
  partLength,
  planProblem,
  type AbortUploadRequest,
  type AbortUploadResponse,
  type CompleteUploadRequest,
  type CompleteUploadResponse,
  type CreateUploadRequest,
  type CreateUploadResponse,
  type SignPartsRequest,
  type SignPartsResponse,
} from '../electron/contract/gateway.ts';
import { dropUpload, findUpload, recordCompleted, recordFound, reserveUpload } from './bookkeeping.ts';
import type { Caller } from './caller.ts';
import type { GatewayConfig } from './config.ts';
import { GatewayFailure } from './failure.ts';
import type { ObjectStore } from './object-store.ts';
import type { SupabaseRest } from './supabase-rest.ts';
import { resolveTarget } from './targets.ts';

export interface RouteContext {
  config: GatewayConfig;
  rest: SupabaseRest;
  store: ObjectStore;
}

/**
 * Plans a multipart upload of the target's bytes, or answers that the team already stores them
 * (content addressing: a second video with the same bytes, or a resumed upload that completed).
 * The quota is reserved with the upload, atomically per team; a refused reservation aborts it.
 */
export async function createUpload(
  ctx: RouteContext,
  caller: Caller,
  request: CreateUploadRequest,
): Promise<CreateUploadResponse> {
  const resolved = await resolveTarget(ctx.rest, caller, request.target);
  if (resolved.video && (resolved.video.sha256 !== request.sha256 || resolved.video.size !== request.size)) {
    throw new GatewayFailure('invalid-request', 'These are not the video’s bytes: its SHA-256 or size differs', {
      detail: `the video has ${resolved.video.size} bytes with SHA-256 ${resolved.video.sha256}`,
    });
  }
  const problem = planProblem(request);
  if (problem) throw new GatewayFailure('bad-plan', `The part plan cannot be stored: ${problem}`);

  const key = objectKey(resolved.teamId, request.sha256);
  const storedSize = await ctx.store.sizeOf(key);
  if (storedSize === request.size) {
    await recordFound(ctx.rest, resolved.teamId, request.sha256, request.size, request.target);
    return { status: 'already-stored', key, size: storedSize };
  }
  if (storedSize !== null) {
    throw new GatewayFailure('invalid-request', 'The team stores other bytes under this SHA-256', {
      detail: `stored ${storedSize} bytes, asked ${request.size}`,
    });
  }

  const uploadId = await ctx.store.createUpload(key);
  const upload = { uploadId, teamId: resolved.teamId, ...request };
  let reservation;
  try {
    reservation = await reserveUpload(ctx.rest, upload, caller.userId, ctx.config.defaultQuotaBytes);
  } catch (error) {
    await ctx.store.abort(key, uploadId).catch(() => undefined);
    throw error;
  }
  if (!reservation.reserved) {
    await ctx.store.abort(key, uploadId);
    const quota = {
      quotaBytes: Number(reservation.quota_bytes),
      usedBytes: Number(reservation.used_bytes),
      requestedBytes: request.size,
    };
    throw new GatewayFailure('quota-exceeded', 'The team’s storage quota has no room for this upload', {
      detail: `${quota.usedBytes} of ${quota.quotaBytes} bytes are used; this needs ${quota.requestedBytes} more`,
      quota,
    });
  }
  return { status: 'created', uploadId, key, partSize: request.partSize, partCount: request.partCount };
}

export async function signParts(
  ctx: RouteContext,
  caller: Caller,
  request: SignPartsRequest,
): Promise<SignPartsResponse> {
  const resolved = await resolveTarget(ctx.rest, caller, request.target);
  const upload = await findUpload(ctx.rest, request.uploadId, request.target);
  if (upload.teamId !== resolved.teamId) throw new GatewayFailure('forbidden', 'This upload belongs to another team');
  const beyond = request.partNumbers.filter((n) => n > upload.partCount);
  if (beyond.length > 0) {
    throw new GatewayFailure(
      'invalid-request',
      `The upload has ${upload.partCount} parts; there is no part ${beyond[0]}`,
    );
  }
  const key = objectKey(upload.teamId, upload.sha256);
  const expiresAt = new Date(Date.now() + ctx.config.partUrlTtlS * 1000).toISOString();
  const parts = await Promise.all(
    [...new Set(request.partNumbers)].map(async (partNumber) => {
      const size = partLength(upload, partNumber);
      const url = await ctx.store.signPart(key, upload.uploadId, partNumber, size, ctx.config.partUrlTtlS);
      return { partNumber, url, size };
    }),
  );
  return { parts, expiresAt };
}

/** The part numbers 1..count that `parts` lacks, and the ones it names twice or beyond count. */
function partListProblems(parts: CompleteUploadRequest['parts'], count: number): string | null {
  const seen = new Set<number>();
  for (const part of parts) {
    if (part.partNumber > count) return `part ${part.partNumber} is beyond the plan's ${count} parts`;
    if (seen.has(part.partNumber)) return `part ${part.partNumber} is named twice`;
    seen.add(part.partNumber);
  }
  const missing: number[] = [];
  for (let n = 1; n <= count && missing.length < 10; n += 1) if (!seen.has(n)) missing.push(n);
  return missing.length > 0 ? `parts ${missing.join(', ')}${missing.length === 10 ? ', …' : ''} are missing` : null;
}

/**
 * Finishes the upload from the ETags the client kept, then checks the stored object is the plan's
 * size before it is recorded; an object of another size is removed, not kept half-right.
 */
export async function completeUpload(
  ctx: RouteContext,
  caller: Caller,
  request: CompleteUploadRequest,
): Promise<CompleteUploadResponse> {
  const resolved = await resolveTarget(ctx.rest, caller, request.target);
  const upload = await findUpload(ctx.rest, request.uploadId, request.target);
  if (upload.teamId !== resolved.teamId) throw new GatewayFailure('forbidden', 'This upload belongs to another team');
  const problem = partListProblems(request.parts, upload.partCount);
  if (problem) throw new GatewayFailure('incomplete-upload', `The upload cannot be completed: ${problem}`);

  const key = objectKey(upload.teamId, upload.sha256);
  const sorted = [...request.parts].sort((a, b) => a.partNumber - b.partNumber);
  await ctx.store.complete(key, upload.uploadId, sorted);
  const size = await ctx.store.sizeOf(key);
  if (size !== upload.size) {
    await ctx.store.remove(key);
    await dropUpload(ctx.rest, upload.uploadId);
    throw new GatewayFailure('incomplete-upload', 'The stored object is not the planned size: upload it again', {
      detail: `stored ${size ?? 'nothing'}, planned ${upload.size} bytes`,
    });
  }
  await recordCompleted(ctx.rest, upload.uploadId);
  return { status: 'stored', key, sha256: upload.sha256, size };
}

/** Cancels the upload and frees its quota. Aborting an upload that is gone already is not an error. */
export async function abortUpload(
  ctx: RouteContext,
  caller: Caller,
  request: AbortUploadRequest,
): Promise<AbortUploadResponse> {
  const resolved = await resolveTarget(ctx.rest, caller, request.target);
  let upload;
  try {
    upload = await findUpload(ctx.rest, request.uploadId, request.target);
  } catch (error) {
    if (error instanceof GatewayFailure && error.kind === 'not-found') return { status: 'aborted' };
    throw error;
  }
  if (upload.teamId !== resolved.teamId) throw new GatewayFailure('forbidden', 'This upload belongs to another team');
  await ctx.store.abort(objectKey(upload.teamId, upload.sha256), upload.uploadId);
  await dropUpload(ctx.rest, upload.uploadId);
  return { status: 'aborted' };
}
