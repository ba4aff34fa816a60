/**
 * Writes an export file so that it appears complete or not at all: checked first (absolute path,
 * nothing but a regular file there), written to an exclusively created temporary name in the same
 * folder (same file system, so the rename is atomic), flushed to disk, then renamed.
 */
import { open } from 'node:fs/promises';
import { checkOutputFile, commitFile, discardTemporary, temporaryName } from './output-file.ts';

/** Text is written in pieces of about this size: a whole game's MOT rows can be hundreds of megabytes. */
const PIECE_CHARS = 1 << 20;

export async function writeFileAtomic(file: string, chunks: Iterable<string>): Promise<string> {
  const out = await checkOutputFile(file);
  const partial = temporaryName(out);
  let created = false;
  try {
    const handle = await open(partial, 'wx', 0o644);
    created = true;
    try {
      let piece: string[] = [];
      let size = 0;
      for (const chunk of chunks) {
        piece.push(chunk);
        size += chunk.length;
        if (size >= PIECE_CHARS) {
          await handle.writeFile(piece.join(''), 'utf8');
          piece = [];
          size = 0;
        }
      }
      if (size > 0) await handle.writeFile(piece.join(''), 'utf8');
    } finally {
      await handle.close();
    }
    await commitFile(partial, out);
    return out;
  } catch (error) {
    if (created) await discardTemporary(partial);
    throw error;
  }
}
