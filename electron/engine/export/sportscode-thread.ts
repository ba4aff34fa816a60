import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppFailure, type AppError } from '../../contract/errors.ts';
import type { SportscodeImport } from './sportscode.ts';

/** The worker's TypeScript source (plain Node runs it as is); bundled builds pass their own file. */
export const sportscodeWorkerSourceEntry = fileURLToPath(new URL('./sportscode-worker.ts', import.meta.url));

export type SportscodeParseReply = { ok: true; value: SportscodeImport } | { ok: false; error: AppError };

/**
 * The parse's memory is bounded by the reader's limits; this cap turns anything beyond them into
 * a failed import instead of an engine out of memory.
 */
const HEAP_MB = 2048;

/** Parses a Sportscode timeline on a worker thread, off the engine's command loop. */
export function parseSportscodeOffThread(
  xml: string,
  entry: string = sportscodeWorkerSourceEntry,
): Promise<SportscodeImport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { workerData: xml, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } });
    let settled = false;
    worker.once('message', (reply: SportscodeParseReply) => {
      settled = true;
      if (reply.ok) resolve(reply.value);
      else reject(new AppFailure(reply.error.kind, reply.error.message, reply.error.detail));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(new AppFailure('internal', `Reading the Sportscode file failed: ${error.message}`, error.stack));
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new AppFailure('internal', `The Sportscode reader stopped (exit code ${code}).`));
    });
  });
}
