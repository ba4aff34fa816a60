import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { EngineChild } from './supervisor.ts';
import type { FromEngine, ToEngine } from './protocol.ts';

/** The engine entry as a TypeScript file: Node 24 strips types natively, so fork runs it as is. */
export const engineEntryPath = fileURLToPath(new URL('./engine-entry.ts', import.meta.url));

/**
 * child_process.fork of the engine entry, for the browser host, the CLI and tests (Electron uses
 * utilityProcess.fork instead). 'advanced' serialization carries ArrayBuffers (detection windows).
 */
export function forkEngineChild(entry: string = engineEntryPath, env: NodeJS.ProcessEnv = process.env): EngineChild {
  const child = fork(entry, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
  return {
    pid: child.pid,
    send: (message: ToEngine) => {
      // A closed channel throws here (the supervisor answers the call); with the callback, a write
      // that fails later is not an unhandled 'error' event that would end this process — the
      // child's exit answers every pending call.
      if (!child.connected) throw new Error('The engine process is gone (its channel is closed).');
      child.send(message, () => undefined);
    },
    onMessage: (listener) => child.on('message', (message) => listener(message as FromEngine)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => child.kill('SIGKILL'),
  };
}
