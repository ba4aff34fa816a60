/**
 * The CLI on a Node without node:sqlite (the real binary with --no-experimental-sqlite, carried
 * through bin/rinkside.mjs's re-exec): the library is refused with a message that says what to
 * do, exit 1, and nothing is written.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_MEDIA } from '../fixtures/decode-frames.ts';
import { rinksideOnNode } from './cli.test-helper.ts';

const people = path.join(FIXTURE_MEDIA, 'people-10s.mp4');
const CLEAR =
  /^rinkside: The library database needs node:sqlite, which Node \S+ does not have\. Run Rinkside with Node 24/;

// --no-experimental-sqlite takes node:sqlite out of this real Node: the runtime the check is for.
const withoutSqlite = (args: string[]) => rinksideOnNode(['--no-experimental-sqlite'], ...args);

const dir = mkdtempSync(path.join(os.tmpdir(), 'rinkside-cli-nosqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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
    writeFileSync(db, '');
    const out = path.join(dir, 'clip.mp4');
    const flags = '--start 1 --end 2 --overlay boxes'.split(' ');
    const run = await withoutSqlite(['export', people, ...flags, '--out', out, '--db', db]);
    expect(run.stderr).toMatch(CLEAR);
    expect(run.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });
});
