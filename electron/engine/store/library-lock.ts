/**
 * One writer per library. SQLite's own locking lets two processes write the same file, and two
 * Rinksides on one library each think they own its runs (the second marks the first's live run
 * interrupted and resumes it as a duplicate). So whichever process owns a library — the engine
 * under Electron or the browser host, or the CLI — holds this lock for as long as it has the
 * library open; its analysis job processes work under it.
 *
 * Node has no flock(), so the lock is a file next to the library, created with O_EXCL, holding the
 * owner's pid and the process's start time. A lock whose process is gone — or whose pid now
 * belongs to a process that started at another time (a reused pid) — is stale and is taken over.
 * Process start time: Linux reads field 22 of /proc/PID/stat; macOS and the BSDs ask `ps -o lstart=`;
 * Windows has neither cheaply, so there only the pid's liveness is checked (docs/library-lock.md).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  lstatSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { AppFailure } from '../../contract/errors.ts';

export interface LibraryLock {
  readonly lockPath: string;
  /** Removes the lock if it is still ours; safe to call twice. */
  release(): void;
}

interface LockRecord {
  app: 'rinkside';
  pid: number;
  /** The owner's start time as the OS tells it (see processStartTime); null where unknown. */
  startTime: string | null;
  host: string;
  /** Tells our own lock from one that replaced it. */
  nonce: string;
  acquiredAt: string;
}

/** A lock file still empty this young is being written by its owner right now. */
const FRESH_EMPTY_MS = 10_000;
const ATTEMPTS = 5;

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.lock`;
}

/**
 * When the process started, in the OS's own terms (only compared for equality), or null when the
 * process does not exist (or is a zombie) or the platform cannot tell.
 */
export function processStartTime(pid: number): string | null {
  if (process.platform === 'linux') {
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    } catch {
      return null;
    }
    // The command name (field 2) may hold spaces and parentheses: fields are counted after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z' || fields[0] === 'X') return null;
    return fields[19] ?? null; // field 22, starttime in clock ticks since boot
  }
  if (process.platform === 'win32') return null;
  const ps = spawnSync('ps', ['-o', 'lstart=', '-p', String(pid)], { encoding: 'utf8', timeout: 5000 });
  const line = ps.status === 0 ? ps.stdout.trim() : '';
  return line === '' ? null : line;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseRecord(text: string): LockRecord | null {
  try {
    const value = JSON.parse(text) as Partial<LockRecord>;
    if (value.app !== 'rinkside' || !Number.isInteger(value.pid) || typeof value.host !== 'string') return null;
    return value as LockRecord;
  } catch {
    return null;
  }
}

type Verdict = { held: false } | { held: true; message: string };

function heldMessage(record: LockRecord): string {
  return `This library is open in another Rinkside (pid ${record.pid}${record.host === hostname() ? '' : ` on ${record.host}`}). Close it there first.`;
}

/** Whether the process that wrote `record` still holds the library. */
function judge(record: LockRecord): Verdict {
  // Another machine's pids mean nothing here (a library on a shared drive): never take it over.
  if (record.host !== hostname()) return { held: true, message: heldMessage(record) };
  if (!isAlive(record.pid)) return { held: false };
  const startTime = processStartTime(record.pid);
  if (process.platform === 'linux' && startTime === null) return { held: false }; // gone or a zombie
  if (startTime !== null && record.startTime !== null && startTime !== record.startTime) return { held: false };
  if (record.pid === process.pid) {
    return { held: true, message: 'This library is already open in this Rinkside process.' };
  }
  return { held: true, message: heldMessage(record) };
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Writes the whole record into a file that did not exist; false if one already does. */
function createExclusive(lockPath: string, record: LockRecord): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new AppFailure('unreadable', `Cannot create the library's lock file ${lockPath}.`, String(error));
  }
  try {
    writeSync(fd, `${JSON.stringify(record)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Moves a stale lock out of the way. Renaming first, then checking it is the very file judged
 * stale, keeps two processes recovering at once from deleting each other's fresh lock.
 */
function removeStale(lockPath: string, staleIno: bigint): void {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    renameSync(lockPath, aside);
  } catch {
    return; // someone else moved it already
  }
  if (lstatSync(aside, { bigint: true }).ino !== staleIno) {
    // We moved a lock taken after our look: put it back (unless yet another one is there).
    try {
      linkSync(aside, lockPath);
    } catch {
      // a newer lock is in place; that owner wins
    }
  }
  unlinkSync(aside);
}

/** Takes the library's lock or fails with `library-locked` naming the owner. */
export function acquireLibraryLock(dbPath: string): LibraryLock {
  const lockPath = lockPathFor(dbPath);
  const record: LockRecord = {
    app: 'rinkside',
    pid: process.pid,
    startTime: processStartTime(process.pid),
    host: hostname(),
    nonce: randomBytes(12).toString('hex'),
    acquiredAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (createExclusive(lockPath, record)) return heldLock(lockPath, record.nonce);
    let text: string;
    let ino: bigint;
    let ageMs: number;
    try {
      const info = lstatSync(lockPath, { bigint: true });
      ino = info.ino;
      ageMs = Date.now() - Number(info.mtimeMs);
      text = readFileSync(lockPath, 'utf8');
    } catch {
      continue; // released between our attempt and our look
    }
    const existing = parseRecord(text);
    if (!existing) {
      // Empty while its owner writes it (microseconds), or garbage left by a crash mid-write.
      if (ageMs < FRESH_EMPTY_MS) {
        sleep(50);
        continue;
      }
      removeStale(lockPath, ino);
      continue;
    }
    const verdict = judge(existing);
    if (verdict.held) throw new AppFailure('library-locked', verdict.message, `lock file: ${lockPath}`);
    removeStale(lockPath, ino);
  }
  throw new AppFailure(
    'library-locked',
    'This library is being opened by another Rinkside right now. Try again in a moment.',
    `lock file: ${lockPath}`,
  );
}

function heldLock(lockPath: string, nonce: string): LibraryLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (parseRecord(readFileSync(lockPath, 'utf8'))?.nonce === nonce) unlinkSync(lockPath);
    } catch {
      // already gone
    }
  };
  // process.exit() skips every finally: release on the way out too (a kill -9 leaves it stale).
  process.on('exit', release);
  return { lockPath, release };
}
