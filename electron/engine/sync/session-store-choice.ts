import { join } from 'node:path';
import type { EngineConfig, ShellCalls } from '../process/protocol.ts';
import { fileSessionStorage, memorySessionStorage, type SessionStorage } from './session-storage.ts';

/** The session's storage the shell asked for: sealed by the OS key store, this launch only, or a 0600 file. */
export function sessionStorageFor(config: EngineConfig, shell: ShellCalls | undefined): SessionStorage {
  const choice = config.sessionStore ?? 'file';
  if (choice === 'memory') return memorySessionStorage();
  if (choice === 'sealed') {
    if (!shell) throw new Error('A sealed session store needs the shell to seal it.');
    return fileSessionStorage(join(config.dataDir, 'cloud-session.sealed'), shell);
  }
  return fileSessionStorage(join(config.dataDir, 'cloud-session.json'));
}
