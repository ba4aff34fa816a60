import { z } from 'zod';

/**
 * The storage gateway's wire: JSON over HTTPS between the app and the gateway (gateway/), which
 * holds the R2 keys and hands out presigned URLs to members of the game's team. Every route is a
 * POST with a JSON body and `Authorization: Bearer <the user's Supabase access token>`; a success
 * answers 200 with the route's response, a failure answers `{ error: GatewayError }` with the
 * status of its kind (GATEWAY_ERROR_STATUS). docs/cloud.md describes the storage layout.
 */

/** R2 (and S3) refuse parts under 5 MiB except the last; we ask for 8 MiB so a part is never close. */
export const MIN_PART_SIZE = 8 * 1024 * 1024;
/** S3's and R2's largest part. */
export const MAX_PART_SIZE = 5 * 1024 * 1024 * 1024;
/** S3's and R2's most parts in one upload. */
export const MAX_PART_COUNT = 10_000;
/** The most part URLs one sign-parts call hands out (a resume asks again for the rest). */
export const MAX_PARTS_PER_SIGN = 100;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lowercase hex digits');
export type Sha256Hex = z.infer<typeof Sha256Hex>;

/**
 * What an object belongs to: a game's video, or an analysis run's results object (the
 * detections binary of docs/formats.md). The gateway reads that row with the caller's token, so
 * row-level security decides who may touch its object: a row the caller cannot see is not-found.
 */
export const StorageTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('video'), videoId: z.uuid() }),
  z.object({ kind: z.literal('results'), runId: z.uuid() }),
]);
export type StorageTarget = z.infer<typeof StorageTarget>;

/** Content-addressed: the same bytes in one team are one object, whatever points at them. */
export function objectKey(teamId: string, sha256: string): string {
  return `teams/${teamId}/sha256/${sha256}`;
}

const ByteCount = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const PartNumber = z.number().int().min(1).max(MAX_PART_COUNT);
const IsoTime = z.iso.datetime();

// ---- create: plan a multipart upload, or learn the bytes are already stored

export const CreateUploadRequest = z.object({
  target: StorageTarget,
  sha256: Sha256Hex,
  size: ByteCount,
  /** One fixed size for every part but the last (R2 refuses unequal parts). */
  partSize: ByteCount,
  /** ceil(size / partSize): the gateway checks the client's arithmetic. */
  partCount: z.number().int().min(1),
});
export type CreateUploadRequest = z.infer<typeof CreateUploadRequest>;

export const CreateUploadResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('already-stored'), key: z.string(), size: ByteCount }),
  z.object({
    status: z.literal('created'),
    uploadId: z.string().min(1),
    key: z.string(),
    partSize: ByteCount,
    partCount: PartNumber,
  }),
]);
export type CreateUploadResponse = z.infer<typeof CreateUploadResponse>;

// ---- sign parts: presigned PUT URLs, each for exactly its part's length

export const SignPartsRequest = z.object({
  target: StorageTarget,
  uploadId: z.string().min(1),
  partNumbers: z.array(PartNumber).min(1).max(MAX_PARTS_PER_SIGN),
});
export type SignPartsRequest = z.infer<typeof SignPartsRequest>;

export const SignedPart = z.object({
  partNumber: PartNumber,
  /** PUT the part's bytes here, with exactly `size` bytes (the length is part of the signature). */
  url: z.url(),
  size: ByteCount,
});
export type SignedPart = z.infer<typeof SignedPart>;

export const SignPartsResponse = z.object({ parts: z.array(SignedPart), expiresAt: IsoTime });
export type SignPartsResponse = z.infer<typeof SignPartsResponse>;

// ---- complete: every part with the ETag its PUT answered

export const CompletedPart = z.object({ partNumber: PartNumber, etag: z.string().min(1) });
export type CompletedPart = z.infer<typeof CompletedPart>;

export const CompleteUploadRequest = z.object({
  target: StorageTarget,
  uploadId: z.string().min(1),
  parts: z.array(CompletedPart).min(1).max(MAX_PART_COUNT),
});
export type CompleteUploadRequest = z.infer<typeof CompleteUploadRequest>;

export const CompleteUploadResponse = z.object({
  status: z.literal('stored'),
  key: z.string(),
  sha256: Sha256Hex,
  size: ByteCount,
});
export type CompleteUploadResponse = z.infer<typeof CompleteUploadResponse>;

// ---- abort: drop the parts (cancel)

export const AbortUploadRequest = z.object({ target: StorageTarget, uploadId: z.string().min(1) });
export type AbortUploadRequest = z.infer<typeof AbortUploadRequest>;

export const AbortUploadResponse = z.object({ status: z.literal('aborted') });
export type AbortUploadResponse = z.infer<typeof AbortUploadResponse>;

// ---- sign download: a presigned GET (ranged GETs allowed) of the target's stored object

export const SignDownloadRequest = z.object({ target: StorageTarget });
export type SignDownloadRequest = z.infer<typeof SignDownloadRequest>;

export const SignDownloadResponse = z.object({
  url: z.url(),
  expiresAt: IsoTime,
  key: z.string(),
  /** Check the downloaded bytes against it before using them. */
  sha256: Sha256Hex,
  size: ByteCount,
});
export type SignDownloadResponse = z.infer<typeof SignDownloadResponse>;

// ---- errors

export const GatewayErrorKind = z.enum([
  'unauthorized', // no token, or a token that is expired, forged or signed with another key
  'forbidden', // signed in, but the row's team is not the caller's
  'not-found', // the video, run, upload or stored object does not exist (or the caller cannot see it)
  'invalid-request', // the body is not the route's schema, or names the wrong bytes for its target
  'bad-plan', // the part plan breaks R2's rules (part size, count, all parts but the last equal)
  'quota-exceeded', // storing it would take the team over its storage quota
  'incomplete-upload', // complete named missing, extra or wrong parts, or the stored size is not the plan's
  'storage-failed', // the object store refused or could not be reached
  'internal',
]);
export type GatewayErrorKind = z.infer<typeof GatewayErrorKind>;

export const QuotaReport = z.object({
  quotaBytes: z.number().int().min(0),
  /** Stored objects plus uploads in progress. */
  usedBytes: z.number().int().min(0),
  requestedBytes: z.number().int().min(0),
});
export type QuotaReport = z.infer<typeof QuotaReport>;

export const GatewayError = z.object({
  kind: GatewayErrorKind,
  message: z.string(),
  detail: z.string().optional(),
  /** With quota-exceeded: the numbers behind it, for the analyst. */
  quota: QuotaReport.optional(),
});
export type GatewayError = z.infer<typeof GatewayError>;

export const GatewayErrorBody = z.object({ error: GatewayError });
export type GatewayErrorBody = z.infer<typeof GatewayErrorBody>;

export const GATEWAY_ERROR_STATUS: Record<GatewayErrorKind, number> = {
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  'invalid-request': 400,
  'bad-plan': 422,
  'quota-exceeded': 413,
  'incomplete-upload': 409,
  'storage-failed': 502,
  internal: 500,
};

// ---- the routes

/** Each route: its path under the gateway's base URL, what it takes and what it answers. */
export const GATEWAY_ROUTES = {
  createUpload: { path: '/uploads/create', request: CreateUploadRequest, response: CreateUploadResponse },
  signParts: { path: '/uploads/sign-parts', request: SignPartsRequest, response: SignPartsResponse },
  completeUpload: { path: '/uploads/complete', request: CompleteUploadRequest, response: CompleteUploadResponse },
  abortUpload: { path: '/uploads/abort', request: AbortUploadRequest, response: AbortUploadResponse },
  signDownload: { path: '/downloads/sign', request: SignDownloadRequest, response: SignDownloadResponse },
} as const;
export type GatewayRouteName = keyof typeof GATEWAY_ROUTES;
export type GatewayRequest<R extends GatewayRouteName> = z.infer<(typeof GATEWAY_ROUTES)[R]['request']>;
export type GatewayResponse<R extends GatewayRouteName> = z.infer<(typeof GATEWAY_ROUTES)[R]['response']>;

// ---- the part plan, shared so the uploader makes exactly the plan the gateway accepts

export interface PartPlan {
  size: number;
  partSize: number;
  partCount: number;
}

/** The plan for a file: every part `partSize` bytes but the last, which holds the rest. */
export function planParts(size: number, partSize: number): PartPlan {
  return { size, partSize, partCount: Math.ceil(size / partSize) };
}

/** The byte length of part `partNumber` (1-based) under the plan. */
export function partLength(plan: PartPlan, partNumber: number): number {
  const start = (partNumber - 1) * plan.partSize;
  return Math.min(plan.partSize, plan.size - start);
}

/**
 * Why R2 would refuse the plan, or null when it is good: parts of at least MIN_PART_SIZE (a
 * single-part upload may be smaller), at most MAX_PART_SIZE and MAX_PART_COUNT, and a part count
 * that covers the size with a non-empty last part.
 */
export function planProblem(plan: PartPlan): string | null {
  const { size, partSize, partCount } = plan;
  if (partSize > MAX_PART_SIZE) return `a part may hold at most ${MAX_PART_SIZE} bytes, not ${partSize}`;
  const needed = Math.ceil(size / partSize);
  if (partCount !== needed) {
    return `${size} bytes in parts of ${partSize} make ${needed} parts, not ${partCount}`;
  }
  if (partCount > MAX_PART_COUNT) return `${partCount} parts: at most ${MAX_PART_COUNT} are allowed`;
  if (partCount > 1 && partSize < MIN_PART_SIZE) {
    return `parts must be at least ${MIN_PART_SIZE} bytes (8 MiB) unless the upload is one part; ${partSize} asked`;
  }
  return null;
}
