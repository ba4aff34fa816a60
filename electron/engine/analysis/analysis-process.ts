import { fileURLToPath } from 'node:url';
import type { AppError } from '../../contract/errors.ts';
import type { ProcessLauncher } from '../process/launcher.ts';
import { ANALYSIS_V8_FLAGS } from './job-heap.ts';
import type { AnalysisJobSpec, FromAnalysisJob } from './job-protocol.ts';
import type { Logger, LogRecord } from '../log.ts';

export const analysisJobSourceEntry = fileURLToPath(new URL('./job-entry.ts', import.meta.url));

export type JobProcessOutcome =
  | { kind: 'done'; framesDone: number; provider: string; resumedFrom: number }
  | { kind: 'failed'; error: AppError }
  /** Exited without a word: killed (-9), crashed natively, out of memory. */
  | { kind: 'died'; code: number | null; signal: string | null };

/** How long a job process may take to end after its last word before it is ended for it. */
const EXIT_AFTER_FINAL_MS = 5_000;

/**
 * Runs one analysis job process to its end, started by `launcher` (a fork under Node, a utility
 * process from main under Electron). Aborting kills it outright (SIGKILL): every chunk it
 * committed is safe in SQLite and the chunk in flight is rolled back, so there is nothing to flush.
 */
export function runAnalysisProcess(
  launcher: ProcessLauncher,
  entry: string,
  spec: AnalysisJobSpec,
  handlers: {
    signal: AbortSignal;
    log: Logger;
    onMessage(message: FromAnalysisJob): void;
    onSpawn?(pid: number): void;
  },
): Promise<JobProcessOutcome> {
  return new Promise((resolve) => {
    const child = launcher.launch({ entry, execArgv: ANALYSIS_V8_FLAGS });
    if (handlers.onSpawn) child.onSpawn(handlers.onSpawn);
    let final: JobProcessOutcome | null = null;
    let lingering: ReturnType<typeof setTimeout> | null = null;
    const kill = () => child.kill();
    handlers.signal.addEventListener('abort', kill, { once: true });
    child.onMessage((raw) => {
      const message = raw as FromAnalysisJob | { type: 'log'; record: LogRecord };
      if (message.type === 'log') {
        handlers.log[message.record.level](message.record.message, message.record.fields);
        return;
      }
      if (message.type === 'done') final = { kind: 'done', ...stripType(message) };
      else if (message.type === 'failed') final = { kind: 'failed', error: message.error };
      // Its word is in: a process that does not end by itself is not waited on forever.
      if (final) lingering ??= setTimeout(kill, EXIT_AFTER_FINAL_MS);
      handlers.onMessage(message);
    });
    child.onExit((exit) => {
      handlers.signal.removeEventListener('abort', kill);
      if (lingering) clearTimeout(lingering);
      // Not started at all: starting it again would fail the same way.
      if (exit.startError && !final)
        final = {
          kind: 'failed',
          error: { kind: 'internal', message: 'The analysis process could not start.', detail: exit.startError },
        };
      resolve(final ?? { kind: 'died', code: exit.code, signal: exit.signal });
    });
    child.send({ type: 'run', spec });
  });
}

function stripType<T extends { type: string }>(message: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = message;
  return rest;
}
