/**
 * Writes an export file so that it appears complete or not at all: a temporary name in the same
 * folder (same file system, so the rename is atomic), renamed when fully written.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { AppFailure } from '../../contract/errors.ts';
import { temporaryName } from './clip.ts';

export async function writeFileAtomic(file: string, chunks: Iterable<string>): Promise<string> {
  const out = path.resolve(file);
  const dir = await stat(path.dirname(out)).catch(() => null);
  if (!dir?.isDirectory()) throw new AppFailure('not-found', `The folder "${path.dirname(out)}" does not exist.`);
  const partial = temporaryName(out);
  try {
    const stream = createWriteStream(partial, { encoding: 'utf8' });
    for (const chunk of chunks) {
      // Respect back-pressure: a whole game's MOT rows can be hundreds of megabytes.
      if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
    }
    stream.end();
    await finished(stream);
    await rename(partial, out);
    return out;
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}
