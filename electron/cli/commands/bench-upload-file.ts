import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';

/** Writes `bytes` random bytes (incompressible, like video) to `path`; returns their SHA-256. */
export async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let left = bytes; left > 0;) {
    const chunk = randomBytes(Math.min(left, 4 * 1024 * 1024));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((ok) => out.once('drain', () => ok()));
    left -= chunk.length;
  }
  await new Promise<void>((ok, fail) => out.end((error?: Error | null) => (error ? fail(error) : ok())));
  return hash.digest('hex');
}
