import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileSessionStorage, type SecretBox } from './session-storage.ts';

/** An OS key store as safeStorage offers it: a key this test alone holds (AES-256-GCM). */
function keyBox(key = randomBytes(32)): SecretBox {
  return {
    seal: async (plain) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    },
    open: async (sealed) => {
      const raw = Buffer.from(sealed, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const fileIn = () => join(mkdtempSync(join(tmpdir(), 'rinkside-storage-')), 'session.json');

describe('session storage', () => {
  it('keeps values in a file only its owner can read, and removes the file with the last value', async () => {
    const path = fileIn();
    const storage = fileSessionStorage(path);
    expect(await storage.getItem('a')).toBeNull();
    await storage.setItem('a', '{"refresh_token":"r1"}');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(await fileSessionStorage(path).getItem('a')).toBe('{"refresh_token":"r1"}');
    await storage.removeItem('a');
    expect(() => statSync(path)).toThrow();
  });

  it('with a secret box the file holds no token in the clear, and another key cannot read it', async () => {
    const path = fileIn();
    const box = keyBox();
    await fileSessionStorage(path, box).setItem('session', '{"refresh_token":"secret-refresh-token"}');
    expect(readFileSync(path, 'utf8')).not.toContain('secret-refresh-token');
    expect(await fileSessionStorage(path, box).getItem('session')).toBe('{"refresh_token":"secret-refresh-token"}');
    // A file sealed by another OS account's key reads as no session (sign in again), not a crash.
    expect(await fileSessionStorage(path, keyBox()).getItem('session')).toBeNull();
  });

  it('applies writes in order, so the last refresh token written is the one kept', async () => {
    const path = fileIn();
    const storage = fileSessionStorage(path, keyBox());
    await Promise.all(Array.from({ length: 20 }, (_, i) => storage.setItem('s', `token-${i}`)));
    expect(await storage.getItem('s')).toBe('token-19');
  });

  it('reads a damaged file as no session', async () => {
    const path = fileIn();
    writeFileSync(path, '{not json');
    expect(await fileSessionStorage(path).getItem('s')).toBeNull();
  });
});
