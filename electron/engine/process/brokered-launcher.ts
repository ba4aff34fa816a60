import { isLaunchReply, type FromLaunchBroker, type ToLaunchBroker } from './launch-protocol.ts';
import type { LaunchedProcess, LaunchSpec, ProcessExit, ProcessLauncher } from './launcher.ts';

export interface BrokeredLauncher extends ProcessLauncher {
  /** Takes main's answer to a launch; false for any other message (the process's own traffic). */
  receive(message: unknown): boolean;
}

interface Launch {
  pid: number | undefined;
  spawn: ((pid: number) => void)[];
  message: ((message: unknown) => void)[];
  exit: ((exit: ProcessExit) => void)[];
  ended: ProcessExit | null;
}

/**
 * The launcher of a process that is itself an Electron utility process (the engine, an analysis
 * job): it cannot start one itself — utilityProcess exists only in main — so it asks main over
 * its parent port and talks to the new process through main (electron/main/launch-broker.ts).
 */
export function createBrokeredLauncher(post: (message: ToLaunchBroker) => void): BrokeredLauncher {
  const launches = new Map<number, Launch>();
  let nextId = 1;

  function deliver(reply: FromLaunchBroker): void {
    const launch = launches.get(reply.id);
    if (!launch) return;
    if (reply.type === 'launch.spawned') {
      launch.pid = reply.pid;
      for (const listener of launch.spawn) listener(reply.pid);
    } else if (reply.type === 'launch.message') {
      for (const listener of launch.message) listener(reply.message);
    } else {
      launches.delete(reply.id);
      launch.ended = reply.exit;
      for (const listener of launch.exit) listener(reply.exit);
    }
  }

  return {
    receive(message) {
      if (!isLaunchReply(message)) return false;
      deliver(message);
      return true;
    },
    launch(spec: LaunchSpec): LaunchedProcess {
      const id = nextId++;
      const launch: Launch = { pid: undefined, spawn: [], message: [], exit: [], ended: null };
      launches.set(id, launch);
      post({ type: 'launch.start', id, spec });
      return {
        get pid() {
          return launch.pid;
        },
        onSpawn: (listener) => {
          if (launch.pid !== undefined) queueMicrotask(() => listener(launch.pid as number));
          else launch.spawn.push(listener);
        },
        send: (message) => {
          if (!launch.ended) post({ type: 'launch.send', id, message });
        },
        onMessage: (listener) => void launch.message.push(listener),
        onExit: (listener) => {
          if (launch.ended) queueMicrotask(() => listener(launch.ended as ProcessExit));
          else launch.exit.push(listener);
        },
        kill: () => {
          if (!launch.ended) post({ type: 'launch.kill', id });
        },
      };
    },
  };
}
