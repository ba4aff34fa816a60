import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { CompletedPart } from '../electron/contract/gateway.ts';
import type { ObjectStoreConfig } from './config.ts';
import { GatewayFailure } from './failure.ts';

/** The bucket, as the routes use it: multipart uploads made and finished here, bytes moved by URL. */
export interface ObjectStore {
  /** The stored object's size, or null when there is none. */
  sizeOf(key: string): Promise<number | null>;
  createUpload(key: string): Promise<string>;
  /** A PUT URL for one part that works only for exactly `length` bytes. */
  signPart(key: string, uploadId: string, partNumber: number, length: number, ttlS: number): Promise<string>;
  complete(key: string, uploadId: string, parts: readonly CompletedPart[]): Promise<void>;
  abort(key: string, uploadId: string): Promise<void>;
  signDownload(key: string, ttlS: number): Promise<string>;
  remove(key: string): Promise<void>;
}

/** S3 answers that mean the client's parts were wrong, not that storage failed. */
const PART_ERRORS = new Set(['InvalidPart', 'InvalidPartOrder', 'EntityTooSmall', 'EntityTooLarge']);

function codeOf(error: unknown): string {
  return error instanceof S3ServiceException ? error.name : '';
}

function storageFailed(action: string, error: unknown): GatewayFailure {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return new GatewayFailure('storage-failed', `The object store failed to ${action}`, { detail });
}

export function objectStore(config: ObjectStoreConfig): ObjectStore {
  const client = new S3Client({
    endpoint: config.endpoint,
    region: config.region,
    forcePathStyle: config.forcePathStyle,
    credentials: { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey },
    // Newer SDKs add CRC32 checksums by default, which R2 refuses; a presigned part PUT must not
    // carry a checksum the uploader cannot know in advance either.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;

  return {
    async sizeOf(key) {
      try {
        const head = await client.send(new HeadObjectCommand({ Bucket, Key: key }));
        return head.ContentLength ?? 0;
      } catch (error) {
        if (codeOf(error) === 'NotFound' || codeOf(error) === 'NoSuchKey') return null;
        throw storageFailed('look the object up', error);
      }
    },
    async createUpload(key) {
      try {
        const made = await client.send(new CreateMultipartUploadCommand({ Bucket, Key: key }));
        if (!made.UploadId) throw new Error('no UploadId in the answer');
        return made.UploadId;
      } catch (error) {
        throw storageFailed('start the upload', error);
      }
    },
    signPart(key, uploadId, partNumber, length, ttlS) {
      // ContentLength is signed (X-Amz-SignedHeaders has content-length): a PUT of any other
      // length is refused by the store, so every part but the last has the plan's one size.
      const command = new UploadPartCommand({
        Bucket,
        Key: key,
        UploadId: uploadId,
        PartNumber: partNumber,
        ContentLength: length,
      });
      return getSignedUrl(client, command, { expiresIn: ttlS });
    },
    async complete(key, uploadId, parts) {
      try {
        await client.send(
          new CompleteMultipartUploadCommand({
            Bucket,
            Key: key,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts.map((part) => ({ PartNumber: part.partNumber, ETag: part.etag })) },
          }),
        );
      } catch (error) {
        const code = codeOf(error);
        if (PART_ERRORS.has(code)) {
          throw new GatewayFailure('incomplete-upload', 'The object store refused the parts: send them again', {
            detail: `${code}: ${error instanceof Error ? error.message : ''}`,
          });
        }
        if (code === 'NoSuchUpload') {
          throw new GatewayFailure('not-found', 'The object store no longer has this upload: start it again');
        }
        throw storageFailed('complete the upload', error);
      }
    },
    async abort(key, uploadId) {
      try {
        await client.send(new AbortMultipartUploadCommand({ Bucket, Key: key, UploadId: uploadId }));
      } catch (error) {
        if (codeOf(error) === 'NoSuchUpload') return;
        throw storageFailed('abort the upload', error);
      }
    },
    signDownload(key, ttlS) {
      return getSignedUrl(client, new GetObjectCommand({ Bucket, Key: key }), { expiresIn: ttlS });
    },
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (error) {
        throw storageFailed('remove the object', error);
      }
    },
  };
}
