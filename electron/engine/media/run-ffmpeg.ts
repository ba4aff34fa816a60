import { spawn } from 'node:child_process';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { mediaFailure } from './media-errors.ts';
import { shellQuote } from './shell-quote.ts';

export interface RunToolOptions {
  log: Logger;
  signal?: AbortSignal;
  /** The media file the command works on; error messages name it. Defaults to the tool's name. */
  subject?: string;
  /** Called with each stdout chunk as it arrives (e.g. `-progress pipe:1`). */
  onStdout?: (chunk: string) => void;
  /** Called once the process has started. */
  onSpawn?: (pid: number) => void;
  /** Words put in front of the tool, e.g. ['runuser', '-u', 'nobody', '--'] to run it as another user. */
  wrapper?: readonly string[];
  /** Keep stdout in the result (ffprobe JSON); off for encodes that stream progress. Default true. */
  collectStdout?: boolean;
  /** The most stdout kept; a tool that prints more is stopped and the call fails. Default 64 MB. */
  maxStdoutBytes?: number;
  /** Grace period between SIGTERM and SIGKILL on cancel. Default 2000 ms. */
  killAfterMs?: number;
}

export interface RunToolResult<Stdout = string> {
  stdout: Stdout;
  /** The last ~64 KB of stderr. */
  stderrTail: string;
}

const STDERR_TAIL_BYTES = 64 * 1024;
const STDOUT_LIMIT_BYTES = 64 * 1024 * 1024;

function cancelled(): AppFailure {
  return new AppFailure('cancelled', 'Cancelled');
}

/** Keeps the last `limit` bytes of a stream without holding all of it. */
function tailBuffer(limit: number): { push(chunk: Buffer): void; text(): string } {
  let chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      chunks.push(chunk);
      size += chunk.length;
      if (size > limit * 2) {
        const all = Buffer.concat(chunks);
        chunks = [all.subarray(all.length - limit)];
        size = limit;
      }
    },
    text() {
      const all = Buffer.concat(chunks);
      return all.subarray(Math.max(0, all.length - limit)).toString('utf8');
    },
  };
}

/**
 * Runs ffmpeg/ffprobe to completion, stdout as text (ffprobe's JSON, -progress lines). The child
 * leads its own process group so that cancel can kill it and anything a wrapper started; the
 * promise settles only after the process has exited, so no caller ever sees a cancelled job whose
 * encoder is still running.
 */
export async function runTool(tool: string, args: readonly string[], options: RunToolOptions): Promise<RunToolResult> {
  const result = await runToolBinary(tool, args, options);
  return { stdout: result.stdout.toString('utf8'), stderrTail: result.stderrTail };
}

/** runTool with stdout as bytes, for tools that write a file to the pipe (a thumbnail's JPEG). */
export function runToolBinary(
  tool: string,
  args: readonly string[],
  options: RunToolOptions,
): Promise<RunToolResult<Buffer>> {
  const { signal, log } = options;
  const stdoutLimit = options.maxStdoutBytes ?? STDOUT_LIMIT_BYTES;
  if (signal?.aborted) return Promise.reject(cancelled());
  const words = [...(options.wrapper ?? []), tool, ...args];
  const [command = tool, ...rest] = words;
  const subject = options.subject ?? path.basename(tool);
  log.info(shellQuote(words));

  return new Promise((resolve, reject) => {
    const groupKill = process.platform !== 'win32';
    const child = spawn(command, rest, { stdio: ['ignore', 'pipe', 'pipe'], detached: groupKill, windowsHide: true });
    const stderr = tailBuffer(STDERR_TAIL_BYTES);
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let aborted = false;
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;

    const kill = (sig: NodeJS.Signals) => {
      try {
        if (groupKill && child.pid !== undefined) process.kill(-child.pid, sig);
        else child.kill(sig);
      } catch {
        // Already gone.
      }
    };
    const onAbort = () => {
      if (aborted) return;
      aborted = true;
      log.info('cancelling', { pid: child.pid });
      kill('SIGTERM');
      killTimer = setTimeout(() => kill('SIGKILL'), options.killAfterMs ?? 2000);
    };
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      if (killTimer) clearTimeout(killTimer);
      signal?.removeEventListener('abort', onAbort);
      outcome();
    };

    signal?.addEventListener('abort', onAbort, { once: true });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);

    child.stdout.on('data', (chunk: Buffer) => {
      options.onStdout?.(chunk.toString('utf8'));
      if (options.collectStdout === false) return;
      stdoutBytes += chunk.length;
      if (stdoutBytes > stdoutLimit) onAbort();
      else stdoutChunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));

    child.on('error', (error: NodeJS.ErrnoException) => {
      const kind = error.code === 'ENOENT' || error.code === 'EACCES' ? 'tool-missing' : 'internal';
      finish(() => reject(new AppFailure(kind, `Could not start ${path.basename(tool)} (${tool}).`, error.message)));
    });
    child.on('close', (code, sig) => {
      // The group may still hold a wrapper's children after the leader exits.
      if (aborted) kill('SIGKILL');
      const stderrTail = stderr.text();
      finish(() => {
        if (aborted) {
          reject(stdoutBytes > stdoutLimit && !signal?.aborted ? tooMuchOutput(tool, stdoutLimit) : cancelled());
        } else if (code === 0) {
          resolve({ stdout: Buffer.concat(stdoutChunks), stderrTail });
        } else {
          log.warn('command failed', { code, signal: sig, stderr: stderrTail.slice(-2000) });
          if (code === null) {
            reject(
              new AppFailure('internal', `${path.basename(tool)} was stopped by ${sig ?? 'a signal'}.`, stderrTail),
            );
          } else {
            reject(mediaFailure(subject, stderrTail));
          }
        }
      });
    });
  });
}

function tooMuchOutput(tool: string, limit: number): AppFailure {
  return new AppFailure('internal', `${path.basename(tool)} printed more than ${limit} bytes.`);
}
