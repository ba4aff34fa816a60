/**
 * The browser host as a real process (scripts/browser-host.ts: real engine process, real SQLite
 * file) for the tests of how it survives bad clients and how it stops. Linux: processes are
 * found through /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

const root = resolve(import.meta.dirname, '../..');

export interface HostProcess {
  child: ChildProcess;
  dataDir: string;
  /** What the host wrote on stderr so far. */
  stderr(): string;
  /** The page URL (with the token) once the host said it is listening. */
  url: Promise<string>;
  /** Ends the host if still running and removes its library. */
  dispose(): Promise<void>;
}

export function startHostProcess(env: NodeJS.ProcessEnv = {}): HostProcess {
  const dataDir = mkdtempSync(join(tmpdir(), 'rinkside-host-process-'));
  const child = spawn(
    process.execPath,
    [join(root, 'scripts/browser-host.ts'), '--data-dir', dataDir, '--renderer-dir', join(root, 'renderer')],
    { cwd: root, env: { ...process.env, RINKSIDE_LOG: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const url = new Promise<string>((ok, fail) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /RINKSIDE_HOST_URL=(\S+)/.exec(out);
      if (match?.[1]) ok(match[1]);
    });
    child.once('exit', (code) => fail(new Error(`browser host exited with ${code} before listening:\n${err}`)));
  });
  url.catch(() => undefined);
  return {
    child,
    dataDir,
    stderr: () => err,
    url,
    async dispose() {
      for (const pid of descendants(child.pid ?? -1)) killQuietly(pid);
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGKILL');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Parent pid and state of every process, from /proc. */
function processTable(): { pid: number; ppid: number; state: string }[] {
  const rows: { pid: number; ppid: number; state: string }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      rows.push({ pid: Number(name), ppid: Number(fields[1]), state: fields[0] ?? '' });
    } catch {
      // exited while listing
    }
  }
  return rows;
}

/** Every living process started (directly or not) by `pid`. */
export function descendants(pid: number): number[] {
  const table = processTable().filter((p) => p.state !== 'Z');
  const out: number[] = [];
  const todo = [pid];
  for (let parent = todo.pop(); parent !== undefined; parent = todo.pop()) {
    for (const p of table) {
      if (p.ppid === parent) {
        out.push(p.pid);
        todo.push(p.pid);
      }
    }
  }
  return out;
}

/** False once the process is gone (a zombie nobody reaps counts as gone). */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The process's command line, or '' when it is gone. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

export function waitFor(check: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((ok, fail) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return ok();
      if (Date.now() - started > ms) return fail(new Error(`timed out waiting for ${what}`));
      setTimeout(tick, 25);
    };
    tick();
  });
}

/** Exit code and signal, or null when the process is still running after `ms` (a hang guard). */
export function exitWithin(
  child: ChildProcess,
  ms: number,
): Promise<{ code: number | null; signal: string | null } | null> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(null), ms);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      ok({ code, signal });
    });
  });
}

/** A WebSocket to the host's command table, with its Origin. */
export function connect(pageUrl: string): Promise<WebSocket> {
  const url = new URL(pageUrl);
  return new Promise((ok, fail) => {
    const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`, {
      origin: url.origin,
    });
    ws.once('open', () => ok(ws));
    ws.once('error', fail);
  });
}

/** The next text frame the host sends on this socket, parsed. */
export function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((ok) => ws.once('message', (data) => ok(JSON.parse(String(data)) as Record<string, unknown>)));
}

/** How the host closed this socket. */
export function closed(ws: WebSocket): Promise<{ code: number; reason: string }> {
  return new Promise((ok) => ws.once('close', (code, reason) => ok({ code, reason: reason.toString() })));
}
