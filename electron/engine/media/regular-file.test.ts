/**
 * Text inputs are read only from regular files: a real FIFO (mkfifo), a real device and a folder
 * are refused without blocking, a file too big is refused before it is read.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { readRegularText } from './regular-file.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'rinkside-regular-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readRegularText', () => {
  it('reads a regular file', async () => {
    const file = join(dir, 'detections.json');
    writeFileSync(file, '{"version":1}');
    await expect(readRegularText(file, 'detections')).resolves.toBe('{"version":1}');
  });

  it('refuses a named pipe at once instead of waiting for a writer', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    // Opening the pipe for a plain read would wait for a writer forever; the limit guards the hang.
    await expect(readRegularText(fifo, 'detections')).rejects.toMatchObject({
      kind: 'invalid-args',
      message: `"${fifo}" is a named pipe, not a detections file.`,
    });
  }, 20_000);

  it('refuses a device that never ends and a folder', async () => {
    await expect(readRegularText('/dev/zero', 'Sportscode XML')).rejects.toMatchObject({
      kind: 'invalid-args',
      message: '"/dev/zero" is a device, not a Sportscode XML file.',
    });
    const folder = join(dir, 'folder.xml');
    mkdirSync(folder);
    await expect(readRegularText(folder, 'Sportscode XML')).rejects.toMatchObject({
      message: `"${folder}" is a folder, not a Sportscode XML file.`,
    });
  }, 20_000);

  it('says a missing file does not exist', async () => {
    await expect(readRegularText(join(dir, 'missing.json'), 'labels')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('lets the caller refuse the file by its size before any of it is read', async () => {
    const huge = join(dir, 'huge.xml');
    writeFileSync(huge, '');
    truncateSync(huge, 5 * 1024 * 1024 * 1024); // sparse: reading it would need 5 GiB of memory
    const sizes: number[] = [];
    const refuse = (bytes: number) => {
      sizes.push(bytes);
      throw new AppFailure('invalid-args', `too big: ${bytes}`);
    };
    await expect(readRegularText(huge, 'Sportscode XML', refuse)).rejects.toMatchObject({
      message: 'too big: 5368709120',
    });
    expect(sizes).toEqual([5 * 1024 * 1024 * 1024]);
  });
});
