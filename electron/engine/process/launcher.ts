/**
 * How the engine starts its helper processes (an analysis job, a GPU provider probe): one seam,
 * two launchers. Under plain Node — the CLI, the browser host, tests — `nodeLauncher` forks them
 * (node-launcher.ts). Inside Electron the engine and its jobs are utility processes, whose
 * `process.execPath` is the Electron binary itself; forking it as plain Node would need the
 * run-as-Node switch that the packaged app's fuses turn off. So there the request goes to main
 * (brokered-launcher.ts), which starts the process as a utilityProcess and relays its messages
 * (electron/main/launch-broker.ts).
 */

export interface LaunchSpec {
  /** The script to run: an entry main knows (the broker refuses any other). */
  entry: string;
  /** Flags for the new process's V8 (e.g. the analysis job's young-generation size). */
  execArgv?: readonly string[];
  /** Variables added to the environment the process inherits. */
  env?: Readonly<Record<string, string>>;
  /** 'capture': stdout and stderr come back with the exit (what native code printed). */
  output?: 'inherit' | 'capture';
}

export interface ProcessExit {
  code: number | null;
  signal: string | null;
  /** Captured output (the last 64 KiB of each) when the spec asked for it, else ''. */
  stdout: string;
  stderr: string;
  /** Set when the process could not be started at all. */
  startError?: string;
}

export interface LaunchedProcess {
  /** The OS pid once known (a brokered launch learns it from main a moment later). */
  readonly pid: number | undefined;
  onSpawn(listener: (pid: number) => void): void;
  /** A message to the process (structured-clone data: ArrayBuffers pass). */
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once, when the process has ended (or failed to start). */
  onExit(listener: (exit: ProcessExit) => void): void;
  /** Ends it now (SIGKILL): for jobs whose every committed chunk is already safe. */
  kill(): void;
}

export interface ProcessLauncher {
  launch(spec: LaunchSpec): LaunchedProcess;
}

/** Keeps the tail of a stream of text, so a chatty child cannot grow our memory. */
export function tailKeeper(limit = 64 * 1024): { add(text: string): void; text(): string } {
  let kept = '';
  return {
    add(text) {
      kept = (kept + text).slice(-limit);
    },
    text: () => kept,
  };
}
