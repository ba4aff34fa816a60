import { utilityProcess } from 'electron';
import type { EngineChild } from '../engine/process/supervisor.ts';
import type { FromEngine, ToEngine } from '../engine/process/protocol.ts';
import type { ForkUtility, LaunchBroker } from './launch-broker.ts';

/**
 * The engine as an Electron utilityProcess (its own OS process, Node APIs, no window). Its
 * requests to start helper processes go to the launch broker; everything else to the supervisor.
 */
export function utilityEngineChild(entry: string, broker: LaunchBroker): EngineChild {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Rinkside engine', stdio: 'inherit' });
  const launches = broker.owner((message) => child.postMessage(message));
  const listeners: ((message: FromEngine) => void)[] = [];
  child.on('message', (message: unknown) => {
    if (launches.handle(message)) return;
    for (const listener of listeners) listener(message as FromEngine);
  });
  child.on('exit', () => launches.gone());
  return {
    get pid() {
      return child.pid;
    },
    send: (message: ToEngine) => child.postMessage(message),
    onMessage: (listener) => void listeners.push(listener),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}

/** utilityProcess.fork for the launch broker; kill() ends the process at once (SIGKILL). */
export const forkUtility: ForkUtility = (entry, options) => {
  const child = utilityProcess.fork(entry, [], options);
  return {
    get pid() {
      return child.pid;
    },
    stdout: child.stdout,
    stderr: child.stderr,
    postMessage: (message: unknown) => child.postMessage(message),
    on: (event: string, listener: (...args: never[]) => void) => child.on(event as 'exit', listener as () => void),
    kill: () => {
      // utilityProcess.kill() asks politely (SIGTERM); a job's committed chunks are safe either way.
      if (child.pid === undefined) return void child.kill();
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        child.kill();
      }
    },
  } as ReturnType<ForkUtility>;
};
