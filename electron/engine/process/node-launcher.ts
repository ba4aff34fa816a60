import { fork } from 'node:child_process';
import type { LaunchedProcess, LaunchSpec, ProcessExit, ProcessLauncher } from './launcher.ts';
import { tailKeeper } from './launcher.ts';

/**
 * child_process.fork under plain Node (the CLI, the browser host, tests): the process runs on the
 * same Node binary, with this process's flags (type stripping of the .ts sources) plus the spec's.
 * 'advanced' serialization carries the same data a utility process's messages do.
 */
export const nodeLauncher: ProcessLauncher = {
  launch(spec: LaunchSpec): LaunchedProcess {
    const capture = spec.output === 'capture';
    const child = fork(spec.entry, [], {
      execArgv: [...process.execArgv, ...(spec.execArgv ?? [])],
      serialization: 'advanced',
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit', 'ipc'],
      env: { ...process.env, ...spec.env },
    });
    const stdout = tailKeeper();
    const stderr = tailKeeper();
    child.stdout?.setEncoding('utf8').on('data', (d: string) => stdout.add(d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => stderr.add(d));
    const exitListeners: ((exit: ProcessExit) => void)[] = [];
    let ended: ProcessExit | null = null;
    const end = (exit: ProcessExit) => {
      if (ended) return;
      ended = exit;
      for (const listener of exitListeners) listener(exit);
    };
    child.on('error', (error) => {
      // A spawn failure never emits 'exit'; an error after spawn (a failed send) still does.
      if (child.pid === undefined) end({ code: null, signal: null, stdout: '', stderr: '', startError: error.message });
    });
    // With captured output, 'close' waits for the pipes to drain so the output is whole; without,
    // 'exit' is the end (a grandchild holding an inherited descriptor must not delay it).
    child.on(capture ? 'close' : 'exit', (code: number | null, signal: NodeJS.Signals | null) =>
      end({ code, signal, stdout: stdout.text(), stderr: stderr.text() }),
    );
    return {
      get pid() {
        return child.pid;
      },
      onSpawn: (listener) => {
        if (child.pid !== undefined) queueMicrotask(() => listener(child.pid as number));
      },
      send: (message) => {
        // A process already gone cannot take it; its exit tells the caller what happened.
        if (child.connected) child.send(message as never, () => undefined);
      },
      onMessage: (listener) => child.on('message', listener),
      onExit: (listener) => {
        if (ended) queueMicrotask(() => listener(ended as ProcessExit));
        else exitListeners.push(listener);
      },
      kill: () => {
        child.kill('SIGKILL');
      },
    };
  },
};
