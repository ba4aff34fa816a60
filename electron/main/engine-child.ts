import { utilityProcess } from 'electron';
import type { EngineChild } from '../engine/process/supervisor.ts';
import type { FromEngine, ToEngine } from '../engine/process/protocol.ts';

/** The engine as an Electron utilityProcess (its own OS process, Node APIs, no window). */
export function utilityEngineChild(entry: string): EngineChild {
  const child = utilityProcess.fork(entry, [], { serviceName: 'Rinkside engine', stdio: 'inherit' });
  return {
    get pid() {
      return child.pid;
    },
    send: (message: ToEngine) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromEngine)),
    onExit: (listener) => child.on('exit', (code) => listener(code)),
    kill: () => {
      child.kill();
    },
  };
}
