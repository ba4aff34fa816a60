// `rinkside bench sync` runs end to end against the local cloud (a small count here; the figures
// in docs/benchmarks.md come from the default 10,000).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../../bin/rinkside.mjs');

describe('rinkside bench sync', () => {
  it('pushes N events in batches of at most 500 and pulls them all on a second laptop', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'bench', 'sync', '--events', '1200'], { timeout: 120_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
      push: {
        rows: number;
        requests: number;
        rows_per_request_max: number;
        batches: { table: string; rows: number }[];
      };
      pull: { rows: number; applied: number; requests: number };
    };
    expect(result.push.rows).toBe(1202); // the game, its video and the events
    expect(result.push.rows_per_request_max).toBeLessThanOrEqual(500);
    expect(result.push.batches.filter((b) => b.table === 'events').map((b) => b.rows)).toEqual([500, 500, 200]);
    // games + videos + 3 event batches, and at most one retry of a connection closed while idle.
    expect(result.push.requests).toBeGreaterThanOrEqual(5);
    expect(result.push.requests).toBeLessThanOrEqual(6);
    expect(result.pull).toMatchObject({ rows: 1202, applied: 1202 });
  }, 150_000);

  it('refuses a bad --events with exit code 2', async () => {
    await expect(run(process.execPath, [CLI, 'bench', 'sync', '--events', 'many'])).rejects.toMatchObject({ code: 2 });
  });
});
