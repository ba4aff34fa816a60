import { describe, expect, it } from 'vitest';
import { rinkside } from './cli.test-helper.ts';

describe('rinkside bench upload', () => {
  it('uploads a generated file to the local S3 server both ways and reports both rates and the hashing', async () => {
    const run = await rinkside('bench', 'upload', '--mb', '20', '--runs', '1');
    expect(run.code, run.stderr).toBe(0);
    const line = JSON.parse(run.stdout.trim()) as Record<string, number>;
    expect(line).toMatchObject({ file_mb: 21, runs: 1, part_mb: 8, concurrency: 3, parts: 3 });
    for (const key of ['upload_mb_s', 'raw_put_mb_s', 'parts_mb_s', 'hash_mb_s', 'sha256sum_mb_s']) {
      expect(line[key], key).toBeGreaterThan(0);
    }
    expect(line.upload_ratio).toBeCloseTo(line.upload_mb_s! / line.raw_put_mb_s!, 2);
    expect(line.hash_ratio).toBeCloseTo(line.hash_mb_s! / line.sha256sum_mb_s!, 2);
  });

  it('refuses parts R2 would refuse, with exit 2 and one line', async () => {
    const run = await rinkside('bench', 'upload', '--part-mb', '4');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--part-mb must be at least 8/);
  });
});
