import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Where the signed-in session (access and refresh token) is kept between launches: the shape
 * supabase-js asks of its `auth.storage` (string values under string keys, possibly async).
 */
export interface SessionStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/**
 * Encrypts the session file's contents with a key the analyst's OS keeps (Electron safeStorage:
 * the keychain, DPAPI or libsecret). Only the Electron main process has it, so the engine reaches it
 * over a bridge (process/shell-calls.ts).
 */
export interface SecretBox {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}

/**
 * A session file in the data folder, readable by its owner only (0600). With a SecretBox the file
 * holds only ciphertext; without one (browser host, CLI, tests) it is plain JSON, as the tokens of
 * any CLI login are. Writes go through a temporary file and a rename, one at a time, so a crash
 * mid-write never leaves half a session: the old one or the new one is there.
 */
export function fileSessionStorage(path: string, box?: SecretBox): SessionStorage {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };

  async function readAll(): Promise<Record<string, string>> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
    try {
      const parsed: unknown = JSON.parse(box ? await box.open(text) : text);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, string>) : {};
    } catch {
      // A file another key sealed (a new OS account) or a damaged one: the analyst signs in again.
      return {};
    }
  }

  async function writeAll(items: Record<string, string>): Promise<void> {
    if (Object.keys(items).length === 0) return rm(path, { force: true });
    mkdirSync(dirname(path), { recursive: true });
    const json = JSON.stringify(items);
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, box ? await box.seal(json) : json, { mode: 0o600 });
    await rename(temporary, path);
  }

  return {
    getItem: (key) => serial(async () => (await readAll())[key] ?? null),
    setItem: (key, value) =>
      serial(async () => {
        const items = await readAll();
        items[key] = value;
        await writeAll(items);
      }),
    removeItem: (key) =>
      serial(async () => {
        const items = await readAll();
        delete items[key];
        await writeAll(items);
      }),
  };
}

/** Keeps the session for this launch only: where no OS key store is available to seal it. */
export function memorySessionStorage(): SessionStorage {
  const items = new Map<string, string>();
  return {
    getItem: async (key) => items.get(key) ?? null,
    setItem: async (key, value) => void items.set(key, value),
    removeItem: async (key) => void items.delete(key),
  };
}
