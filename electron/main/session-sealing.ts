import { safeStorage } from 'electron';
import type { ShellCalls } from '../engine/process/protocol.ts';

/**
 * The engine keeps the team-cloud session in a file it cannot read without this: safeStorage
 * encrypts with a key the OS keeps (macOS Keychain, Windows DPAPI, the Linux secret service).
 * The engine process has no Electron APIs, so it asks main over the supervisor's shell calls.
 */
export const safeStorageSealing: ShellCalls = {
  seal: async (plain) => safeStorage.encryptString(plain).toString('base64'),
  open: async (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
};

/**
 * Sealed when the OS has a key store; otherwise the session lives for this launch only (Linux
 * without a secret service would fall back to a hard-coded key: no better than plain text).
 */
export function sessionStoreChoice(): 'sealed' | 'memory' {
  if (!safeStorage.isEncryptionAvailable()) return 'memory';
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  return backend === 'basic_text' || backend === 'unknown' ? 'memory' : 'sealed';
}
