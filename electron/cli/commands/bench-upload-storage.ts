import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { partLength, planParts, planProblem, objectKey } from '../../contract/gateway.ts';
import type { StorageGateway } from '../../engine/sync/gateway-client.ts';

/**
 * The gateway's storage half without its HTTP and sign-in half, for a local S3 server only:
 * creates, signs, completes and aborts multipart uploads with the AWS SDK as gateway/ does, with
 * the local server's throwaway keys. `rinkside bench upload` times the uploader's part path with
 * it (the gateway's few small JSON calls are not what an upload's speed depends on), and the
 * uploader's tests of parts, retries and resume use it. Presigned URLs point at `publicEndpoint`
 * (a request-logging proxy in the tests). Keys are by content as in production, under `keyPrefix`.
 */
export function directStorage(options: {
  endpoint: string;
  publicEndpoint?: string;
  bucket: string;
  expiresInS?: number;
  keyPrefix?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}): StorageGateway {
  const config = {
    region: 'auto',
    forcePathStyle: true,
    credentials: options.credentials ?? { accessKeyId: 'local', secretAccessKey: 'local-secret' },
    requestChecksumCalculation: 'WHEN_REQUIRED' as const,
    responseChecksumValidation: 'WHEN_REQUIRED' as const,
  };
  const s3 = new S3Client({ ...config, endpoint: options.endpoint });
  const signer = new S3Client({ ...config, endpoint: options.publicEndpoint ?? options.endpoint });
  const Bucket = options.bucket;
  const expiresIn = options.expiresInS ?? 300;
  const plans = new Map<string, { key: string; sha256: string; size: number; partSize: number; partCount: number }>();
  const targets = new Map<string, { key: string; sha256: string; size: number }>();
  const targetKey = (t: { kind: string; videoId?: string; runId?: string }) => `${t.kind}:${t.videoId ?? t.runId}`;
  const expiresAt = () => new Date(Date.now() + expiresIn * 1000).toISOString();
  return {
    async createUpload(req) {
      const problem = planProblem({ size: req.size, partSize: req.partSize, partCount: req.partCount });
      if (problem) throw new Error(`bad plan: ${problem}`);
      const key = `${options.keyPrefix ?? ''}${objectKey('local-team', req.sha256)}`;
      const head = await s3.send(new HeadObjectCommand({ Bucket, Key: key })).catch(() => null);
      if (head) {
        targets.set(targetKey(req.target), { key, sha256: req.sha256, size: req.size });
        return { status: 'already-stored', key, size: req.size };
      }
      const created = await s3.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
      const uploadId = created.UploadId as string;
      plans.set(uploadId, {
        key,
        sha256: req.sha256,
        size: req.size,
        partSize: req.partSize,
        partCount: req.partCount,
      });
      targets.set(targetKey(req.target), { key, sha256: req.sha256, size: req.size });
      return { status: 'created', uploadId, key, partSize: req.partSize, partCount: req.partCount };
    },
    async signParts(req) {
      const plan = plans.get(req.uploadId);
      if (!plan) throw new Error('no such upload');
      const parts = await Promise.all(
        req.partNumbers.map(async (partNumber) => {
          const size = partLength(planParts(plan.size, plan.partSize), partNumber);
          const command = new UploadPartCommand({
            Bucket,
            Key: plan.key,
            UploadId: req.uploadId,
            PartNumber: partNumber,
            ContentLength: size,
          });
          return { partNumber, size, url: await getSignedUrl(signer, command, { expiresIn }) };
        }),
      );
      return { parts, expiresAt: expiresAt() };
    },
    async completeUpload(req) {
      const plan = plans.get(req.uploadId);
      if (!plan) throw new Error('no such upload');
      await s3.send(
        new CompleteMultipartUploadCommand({
          Bucket,
          Key: plan.key,
          UploadId: req.uploadId,
          MultipartUpload: { Parts: req.parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
        }),
      );
      plans.delete(req.uploadId);
      return { status: 'stored', key: plan.key, sha256: plan.sha256, size: plan.size };
    },
    async abortUpload(req) {
      const plan = plans.get(req.uploadId);
      if (!plan) throw new Error('no such upload');
      await s3.send(new AbortMultipartUploadCommand({ Bucket, Key: plan.key, UploadId: req.uploadId }));
      plans.delete(req.uploadId);
      return { status: 'aborted' };
    },
    async signDownload(req) {
      const stored = targets.get(targetKey(req.target));
      if (!stored) throw new Error('nothing stored for that target');
      const url = await getSignedUrl(signer, new GetObjectCommand({ Bucket, Key: stored.key }), { expiresIn });
      return { url, expiresAt: expiresAt(), key: stored.key, sha256: stored.sha256, size: stored.size };
    },
  };
}
