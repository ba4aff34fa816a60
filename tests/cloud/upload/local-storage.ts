import { createHash } from 'node:crypto';
import { GetObjectCommand, S3Client, UploadPartCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { startFauxqs } from 'fauxqs';
import { directStorage } from '../../../electron/cli/commands/bench-upload-storage.ts';
import { writeRandomFile } from '../../../electron/cli/commands/bench-upload-file.ts';
import { startRequestLogProxy, type RequestLogProxy } from './request-log-proxy.ts';
import type { StorageGateway } from '../../../electron/engine/sync/gateway-client.ts';

export const BUCKET = 'rinkside-test';

export interface LocalStorage {
  /** The gateway's storage half over the real S3 server, its presigned URLs through the proxy. */
  storage: StorageGateway;
  proxy: RequestLogProxy;
  /** SHA-256 of the stored object, read back from the S3 server itself (not through the proxy). */
  storedSha256(key: string): Promise<string>;
  /** Whether the server still knows a multipart upload (a part PUT to it is accepted). */
  uploadExists(key: string, uploadId: string): Promise<boolean>;
  close(): Promise<void>;
}

const s3Config = {
  region: 'auto',
  forcePathStyle: true,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local-secret' },
  requestChecksumCalculation: 'WHEN_REQUIRED' as const,
  responseChecksumValidation: 'WHEN_REQUIRED' as const,
};

/** fauxqs (a real S3 server: checks ETags and part sizes on Complete) behind the request-log proxy. */
export async function startLocalStorage(
  options: { storageDir?: string; expiresInS?: number } = {},
): Promise<LocalStorage> {
  const server = await startFauxqs({
    port: 0,
    logger: false,
    ...(options.storageDir ? { s3StorageDir: options.storageDir } : {}),
  });
  server.createBucket(BUCKET);
  const endpoint = `http://127.0.0.1:${server.port}`;
  const proxy = await startRequestLogProxy(endpoint);
  const s3 = new S3Client({ ...s3Config, endpoint });
  return {
    storage: directStorage({ endpoint, publicEndpoint: proxy.url, bucket: BUCKET, expiresInS: options.expiresInS }),
    proxy,
    async storedSha256(key) {
      const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
      const hash = createHash('sha256');
      for await (const chunk of object.Body as AsyncIterable<Uint8Array>) hash.update(chunk);
      return hash.digest('hex');
    },
    async uploadExists(key, uploadId) {
      const url = await getSignedUrl(
        s3,
        new UploadPartCommand({ Bucket: BUCKET, Key: key, UploadId: uploadId, PartNumber: 10_000 }),
        {
          expiresIn: 60,
        },
      );
      const answer = await fetch(url, { method: 'PUT', body: Buffer.from('probe') });
      await answer.arrayBuffer();
      return answer.status === 200;
    },
    async close() {
      await proxy.close();
      s3.destroy();
      await server.stop();
    },
  };
}

/** A file of `bytes` random bytes (incompressible, like video), and its SHA-256. */
export const randomFile = writeRandomFile;
