/**
 * `rinkside bench upload [--mb 256] [--runs 3] [--part-mb 8] [--concurrency 3]` — what the
 * uploader costs beyond the network. A file of random bytes (incompressible, like video) goes to
 * a local S3 server process (@20minutes/s3rver, the local cloud's: it checks presigned signatures;
 * fauxqs takes no request body over 11 MiB, so no whole-file PUT) two ways, alternately, each run:
 *   raw:    one presigned PUT of the whole file, streamed from disk (the network's own speed here)
 *   upload: the app's uploader (parts of one fixed size, presigned part PUTs, each ETag committed
 *           to a real library file, Complete), with the hash already known as after an import.
 * And the hashing: the uploader's streaming SHA-256 against `sha256sum` on the same file.
 * Prints one JSON line {"file_mb","upload_mb_s","raw_put_mb_s","upload_ratio","parts_mb_s",
 * "parts_ratio","hash_mb_s","sha256sum_mb_s","hash_ratio","runs","part_mb","concurrency","parts",
 * "upload_s","raw_put_s"}; rates are medians. parts_* is the upload up to its last acknowledged
 * part, without the server's Complete (s3rver joins the part files then; R2 does not copy).
 * Loopback networking on a shared 2-core VM: the S3 server and the client compete for the CPU.
 */
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createJobRunner } from '../../engine/jobs/runner.ts';
import { silentLogger } from '../../engine/log.ts';
import { identityOf } from '../../engine/media/file-identity.ts';
import { sha256File } from '../../engine/media/hash.ts';
import { openDatabase } from '../../engine/store/db.ts';
import { uploadFile } from '../../engine/sync/upload/upload-file.ts';
import { usage } from '../cli-error.ts';
import { directStorage } from './bench-upload-storage.ts';
import { writeRandomFile } from './bench-upload-file.ts';

const MiB = 1024 * 1024;
const BUCKET = 'rinkside-bench';
/** The local cloud's S3 server process (it prints its port when ready). */
const S3_SERVER = path.resolve(import.meta.dirname, '../../../tests/cloud/storage/s3-server-process.ts');

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw usage(`--${flag} must be a whole number 1–${max}, not "${value}"`);
  return n;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function startS3Server(dir: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  // Its stdin stays open while this process lives: the server ends when it closes.
  const child = spawn(process.execPath, [S3_SERVER, 's3rver', dir, BUCKET], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', ok);
    // Settles even when the server dies before its line: nothing is left waiting forever.
    lines.once('close', () => fail(new Error('the S3 server ended before it listened')));
    child.once('exit', (code) => fail(new Error(`the S3 server exited (${code}) before it listened`)));
  });
  const { port } = JSON.parse(line) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      const exited = new Promise((ok) => child.once('exit', ok));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One presigned PUT of the whole file, streamed from disk with its exact length. */
async function rawPut(url: string, file: string, size: number): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const request = http.request(url, { method: 'PUT', headers: { 'content-length': String(size) } }, (answer) => {
      answer.resume();
      answer.on('end', () =>
        answer.statusCode === 200 ? ok() : fail(new Error(`raw PUT answered ${answer.statusCode}`)),
      );
    });
    request.on('error', fail);
    createReadStream(file, { highWaterMark: MiB }).pipe(request);
  });
}

async function sha256sum(file: string): Promise<void> {
  await new Promise<void>((ok, fail) => {
    const child = spawn('sha256sum', [file], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? ok() : fail(new Error(`sha256sum exited ${code}`))));
  });
}

export async function benchUploadCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      mb: { type: 'string', default: '256' },
      runs: { type: 'string', default: '3' },
      'part-mb': { type: 'string', default: '8' },
      concurrency: { type: 'string', default: '3' },
    },
  });
  const fileMb = positiveInt('mb', values.mb, 100_000);
  const runs = positiveInt('runs', values.runs, 20);
  const partMb = positiveInt('part-mb', values['part-mb'], 5 * 1024);
  if (partMb < 8) throw usage('--part-mb must be at least 8 (R2 needs parts of 5 MiB or more; the app uses 8)');
  const concurrency = positiveInt('concurrency', values.concurrency, 32);

  const dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-bench-upload-'));
  const server = await startS3Server(path.join(dir, 's3'));
  try {
    const file = path.join(dir, 'game.bin');
    const sha256 = await writeRandomFile(file, fileMb * MiB);
    const size = (await stat(file)).size;
    const identity = identityOf(await stat(file, { bigint: true }));
    const db = openDatabase(path.join(dir, 'library.sqlite'));
    const s3 = new S3Client({
      endpoint: server.endpoint,
      region: 'auto',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    // When the last part was acknowledged and Complete asked for: the server's own Complete time
    // (s3rver joins the parts into one file) is reported apart from the part PUTs.
    let completingAt = 0;
    const jobs = createJobRunner({
      log: silentLogger,
      onProgress: (p) => {
        if (p.stage === 'completing' && completingAt === 0) completingAt = performance.now();
      },
      onFinished: () => undefined,
      throttleMs: 0,
    });
    const hashS: number[] = [];
    const sumS: number[] = [];
    const rawS: number[] = [];
    const uploadS: number[] = [];
    const partsS: number[] = [];
    let parts = 0;
    try {
      for (let run = 0; run < runs; run++) {
        // Alternate which side goes first, so neither always meets a warmer page cache.
        const hashSide = () => timed(() => sha256File(file)).then((s) => hashS.push(s));
        const sumSide = () => timed(() => sha256sum(file)).then((s) => sumS.push(s));
        if (run % 2 === 0) await hashSide().then(sumSide);
        else await sumSide().then(hashSide);

        const rawSide = async () => {
          const url = await getSignedUrl(
            s3,
            new PutObjectCommand({ Bucket: BUCKET, Key: `raw/${run}/${sha256}`, ContentLength: size }),
            { expiresIn: 3600 },
          );
          rawS.push(await timed(() => rawPut(url, file, size)));
        };
        const uploadSide = async () => {
          // A key space per run: the same bytes would otherwise be "already stored" after the first.
          const gateway = directStorage({
            endpoint: server.endpoint,
            bucket: BUCKET,
            keyPrefix: `upload/${run}/`,
            credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
          });
          completingAt = 0;
          const started = performance.now();
          uploadS.push(
            await timed(async () => {
              const finished = await jobs.finished(
                jobs.start('upload', null, (ctx) =>
                  uploadFile(
                    { db, gateway },
                    {
                      target: { kind: 'video', videoId: crypto.randomUUID() },
                      filePath: file,
                      known: { sha256, identity },
                    },
                    { partSize: partMb * MiB, concurrency },
                    ctx,
                  ),
                ),
              );
              if (finished.outcome !== 'done')
                throw new Error(`the upload ended ${finished.outcome}: ${JSON.stringify(finished)}`);
              parts = Math.ceil(size / (partMb * MiB));
            }),
          );
          partsS.push((completingAt - started) / 1000);
        };
        if (run % 2 === 0) await rawSide().then(uploadSide);
        else await uploadSide().then(rawSide);
      }
    } finally {
      db.close();
      s3.destroy();
    }
    const mb = size / 1e6;
    const rate = (seconds: number[]) => Number((mb / median(seconds)).toFixed(1));
    const upload = rate(uploadS);
    const raw = rate(rawS);
    const hash = rate(hashS);
    const sum = rate(sumS);
    process.stdout.write(
      `${JSON.stringify({
        file_mb: Number(mb.toFixed(1)),
        upload_mb_s: upload,
        raw_put_mb_s: raw,
        upload_ratio: Number((upload / raw).toFixed(3)),
        parts_mb_s: rate(partsS),
        parts_ratio: Number((rate(partsS) / raw).toFixed(3)),
        hash_mb_s: hash,
        sha256sum_mb_s: sum,
        hash_ratio: Number((hash / sum).toFixed(3)),
        runs,
        part_mb: partMb,
        concurrency,
        parts,
        upload_s: uploadS.map((s) => Number(s.toFixed(2))),
        raw_put_s: rawS.map((s) => Number(s.toFixed(2))),
      })}\n`,
    );
    return 0;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
