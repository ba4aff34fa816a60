import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AppError } from '../../contract/errors.ts';
import { ANALYSIS_V8_FLAGS } from './job-heap.ts';
import type { AnalysisJobSpec, FromAnalysisJob } from './job-protocol.ts';
import type { Logger, LogRecord } from '../log.ts';

export const analysisJobSourceEntry = fileURLToPath(new URL('./job-entry.ts', import.meta.url));

export type JobProcessOutcome =
  | { kind: 'done'; framesDone: number; provider: string; resumedFrom: number }
  | { kind: 'failed'; error: AppError }
  /** Exited without a word: killed (-9), crashed natively, out of memory. */
  | { kind: 'died'; code: number | null; signal: string | null };

/**
 * Runs one analysis job process to its end. Aborting kills it outright (SIGKILL): every chunk it
 * committed is safe in SQLite and the chunk in flight is rolled back, so there is nothing to flush.
 */
export function runAnalysisProcess(
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
    // Inside Electron the engine's execPath is the Electron binary: run it as plain Node.
    const child = fork(entry, [], {
      execArgv: [...process.execArgv, ...ANALYSIS_V8_FLAGS],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    });
    if (child.pid) handlers.onSpawn?.(child.pid);
    let final: JobProcessOutcome | null = null;
    const kill = () => child.kill('SIGKILL');
    handlers.signal.addEventListener('abort', kill, { once: true });
    child.on('message', (raw) => {
      const message = raw as FromAnalysisJob | { type: 'log'; record: LogRecord };
      if (message.type === 'log') {
        handlers.log[message.record.level](message.record.message, message.record.fields);
        return;
      }
      if (message.type === 'done') final = { kind: 'done', ...stripType(message) };
      else if (message.type === 'failed') final = { kind: 'failed', error: message.error };
      handlers.onMessage(message);
    });
    child.on('exit', (code, signal) => {
      handlers.signal.removeEventListener('abort', kill);
      resolve(final ?? { kind: 'died', code, signal });
    });
    child.send({ type: 'run', spec });
  });
}

function stripType<T extends { type: string }>(message: T): Omit<T, 'type'> {
  const { type: _type, ...rest } = message;
  return rest;
}
