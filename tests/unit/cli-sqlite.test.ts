/**
 * The CLI on a Node without node:sqlite (the real binary with --no-experimental-sqlite, carried
 * through bin/rinkside.mjs's re-exec): the library is refused with a message that says what to
 * do, exit 1, and nothing is written.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_MEDIA } from '../fixtures/decode-frames.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin/rinkside.mjs');
const people = path.join(FIXTURE_MEDIA, 'people-10s.mp4');
const CLEAR =
  /^rinkside: The library database needs node:sqlite, which Node \S+ does not have\. Run Rinkside with Node 24/;
let dir = '';

function withoutSqlite(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--no-experimental-sqlite', BIN, ...args],
      { cwd: ROOT, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-cli-nosqlite-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('rinkside on a Node without node:sqlite', () => {
  it('analyze: refuses to open the library, clearly', async () => {
    const db = path.join(dir, 'analyze.sqlite');
    const run = await withoutSqlite(['analyze', people, '--db', db]);
    expect(run.stderr).toMatch(CLEAR);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(existsSync(db)).toBe(false);
  });

  it('export --db: refuses to read the library, clearly', async () => {
    const db = path.join(dir, 'export.sqlite');
    await writeFile(db, '');
    const out = path.join(dir, 'clip.mp4');
    const run = await withoutSqlite([
      'export',
      people,
      '--start',
      '1',
      '--end',
      '2',
      '--out',
      out,
      '--overlay',
      'boxes',
      '--db',
      db,
    ]);
    expect(run.stderr).toMatch(CLEAR);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
