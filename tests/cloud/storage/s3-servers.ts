import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/**
 * The local S3 servers, each a real process (./s3-server-process.ts). Neither is R2; together they
 * check what R2 would: fauxqs refuses wrong part ETags and too-small parts at Complete (but checks
 * no signature), s3rver checks presigned signatures and expiry (but accepts any ETag).
 */
export type S3ServerKind = 'fauxqs' | 's3rver';

export interface S3Server {
  kind: S3ServerKind;
  endpoint: string;
  bucket: string;
  /** s3rver knows only this key pair; fauxqs takes any. Nothing here is secret. */
  accessKeyId: string;
  secretAccessKey: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const ENTRY = path.join(import.meta.dirname, 's3-server-process.ts');

export async function startS3Server(kind: S3ServerKind, bucket = 'rinkside'): Promise<S3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), `rinkside-${kind}-`));
  const child = spawn(process.execPath, [ENTRY, kind, directory, bucket], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} did not start in 30 s: ${stderr}`)), 30_000);
    child.once('exit', (code) => reject(new Error(`${kind} exited (${code}) before it listened: ${stderr}`)));
    createInterface({ input: child.stdout! }).once('line', (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
  return {
    kind,
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
