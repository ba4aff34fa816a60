import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { engineEntryPath } from '../process/fork-child.ts';
import type { FromEngine, ToEngine } from '../process/protocol.ts';
import { checkSqliteAvailable, type SqliteLoader } from './db.ts';
import { testEngineConfig } from '../process/engine-config.test-helper.ts';

const CLEAR = /^The library database needs node:sqlite, .+\. Run Rinkside with Node 24 or later/;

function failureOf(load: SqliteLoader): AppFailure {
  try {
    checkSqliteAvailable(load);
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('checkSqliteAvailable accepted a runtime without a working node:sqlite');
}

describe('node:sqlite start-up check', () => {
  it('passes on this runtime and hands back a working module', () => {
    const sqlite = checkSqliteAvailable();
    const db = new sqlite.DatabaseSync(':memory:');
    expect(db.prepare('select 1 + 1 as two').get()).toEqual({ two: 2 });
    db.close();
  });

  it('says what to do when the runtime has no node:sqlite', () => {
    const f = failureOf(() => undefined);
    expect(f.kind).toBe('internal');
    expect(f.message).toMatch(CLEAR);
    expect(f.message).toContain(`Node ${process.versions.node} does not have`);
  });

  it('says what to do when loading it throws, and keeps the cause', () => {
    const f = failureOf(() => {
      throw new Error('No such built-in module: node:sqlite');
    });
    expect(f.message).toMatch(CLEAR);
    expect(f.message).toContain('could not load it');
    expect(f.detail).toContain('No such built-in module');
  });

  it('says what to do when the module loads but cannot open a database', () => {
    const broken = {
      DatabaseSync: class {
        constructor() {
          throw new Error('SQLITE_CANTOPEN');
        }
      },
    } as unknown as ReturnType<SqliteLoader>;
    const f = failureOf(() => broken);
    expect(f.message).toMatch(CLEAR);
    expect(f.message).toContain('does not work');
    expect(f.detail).toContain('SQLITE_CANTOPEN');
  });
});

describe('the engine process on a Node without node:sqlite', () => {
  const root = mkdtempSync(join(tmpdir(), 'rinkside-nosqlite-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports the clear error, exits, and creates nothing', async () => {
    const dataDir = join(root, 'library');
    // --no-experimental-sqlite takes node:sqlite out of this real Node: the runtime the check is for.
    const child = fork(engineEntryPath, [], {
      execArgv: ['--no-experimental-sqlite'],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    });
    const fatal: string[] = [];
    child.on('message', (message: FromEngine) => {
      if (message.type === 'fatal') fatal.push(message.message);
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const init: ToEngine = {
      type: 'init',
      config: testEngineConfig(dataDir),
    };
    child.send(init);
    expect(await exited).toBe(70);
    expect(fatal).toHaveLength(1);
    expect(fatal[0]).toMatch(CLEAR);
    expect(existsSync(dataDir)).toBe(false);
  });
});
