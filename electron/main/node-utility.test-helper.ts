import { fork } from 'node:child_process';
import type { ForkUtility } from './launch-broker.ts';

/**
 * The launch broker's fork, done with child_process.fork: no Electron binary runs here, so the
 * broker's tests start real Node processes in the shape of Electron's UtilityProcess (spawn,
 * message, exit(code), pid, piped stdout/stderr). What only Electron can show — the same through
 * utilityProcess.fork — is named in docs/architecture.md.
 */
export const forkWithNode: ForkUtility = (entry, options) => {
  const child = fork(entry, [], {
    execArgv: options.execArgv,
    env: options.env,
    serialization: 'advanced',
    stdio: ['ignore', options.stdio, options.stdio, 'ipc'],
  });
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
    postMessage: (message: unknown) => {
      if (child.connected) child.send(message as never, () => undefined);
    },
    on: (event: string, listener: (...args: never[]) => void) => {
      if (event === 'exit') child.on('exit', (code) => (listener as (code: number) => void)(code ?? -1));
      else child.on(event, listener as () => void);
      return child;
    },
    kill: () => {
      child.kill('SIGKILL');
    },
  } as ReturnType<ForkUtility>;
};
