import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { requireExportTools } from './tool-check.ts';

const FFMPEG = process.env['RINKSIDE_FFMPEG'] ?? '/usr/bin/ffmpeg';
let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-tool-check-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * An "ffmpeg" that lists every filter export needs and libx264, and lists aac only once the file
 * has-aac sits beside it: a build missing one encoder, then the same path upgraded.
 */
async function partialFfmpeg(): Promise<string> {
  const file = path.join(dir, 'ffmpeg');
  const filters = 'trim atrim setpts asetpts format crop scale pad anullsrc ass';
  await writeFile(
    file,
    `#!/bin/sh
case "$2" in
  -filters) for f in ${filters}; do echo " T.C $f              V->V       a filter"; done ;;
  -encoders)
    echo " V....D libx264              libx264 H.264"
    if [ -f "${path.join(dir, 'has-aac')}" ]; then echo " A....D aac                  AAC"; fi ;;
esac
`,
  );
  await chmod(file, 0o755);
  return file;
}

describe('requireExportTools', () => {
  it('passes the real ffmpeg for clean and annotated clips', async () => {
    await expect(requireExportTools(FFMPEG, false)).resolves.toBeUndefined();
    await expect(requireExportTools(FFMPEG, true)).resolves.toBeUndefined();
  });

  it('names the missing encoder, and checks again after a failure (the analyst may upgrade ffmpeg)', async () => {
    const ffmpeg = await partialFfmpeg();
    const error = await requireExportTools(ffmpeg, false).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('tool-missing');
    expect((error as AppFailure).message).toContain('lacks the encoder aac');
    expect((error as AppFailure).message).not.toContain('libx264');
    await writeFile(path.join(dir, 'has-aac'), '');
    await expect(requireExportTools(ffmpeg, false)).resolves.toBeUndefined();
  });
});
