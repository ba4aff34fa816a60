/**
 * Main's side of process launching under Electron. The engine and each analysis job are utility
 * processes; only main can start another (utilityProcess.fork), and forking the Electron binary
 * as plain Node is what the packaged app's run-as-Node fuse forbids. So a utility process that
 * needs a helper process (the engine → an analysis job → a GPU provider probe) asks main here,
 * over its parent port; main starts it as a utility process and relays the messages both ways.
 * Relaying (instead of handing over a MessagePort) keeps main the one place that knows which
 * processes run for whom: when an owner ends, what it started is ended too, as a child of a
 * dead Node parent would notice its channel close. The traffic is small — progress, log lines,
 * a final outcome; the detections go to SQLite directly.
 *
 * No Electron runtime import: the Electron-specific fork is injected, so this is tested under
 * Node with real processes (launch-broker.test.ts). index.ts / engine-child.ts only wire it.
 */
import { normalize } from 'node:path';
import type { Logger } from '../engine/log.ts';
import { isLaunchRequest, type FromLaunchBroker, type ToLaunchBroker } from '../engine/process/launch-protocol.ts';
import { tailKeeper, type ProcessExit } from '../engine/process/launcher.ts';

/** What the broker needs of a started process: Electron's UtilityProcess has this shape. */
export interface UtilityLike {
  readonly pid: number | undefined;
  readonly stdout: NodeJS.ReadableStream | null;
  readonly stderr: NodeJS.ReadableStream | null;
  postMessage(message: unknown): void;
  on(event: 'spawn', listener: () => void): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** Ends the process at once. */
  kill(): void;
}

export interface UtilityForkOptions {
  execArgv: string[];
  env: Record<string, string>;
  stdio: 'inherit' | 'pipe';
  serviceName: string;
}

export type ForkUtility = (entry: string, options: UtilityForkOptions) => UtilityLike;

/** One process that may ask for launches (the engine, or a process the broker started). */
export interface LaunchOwner {
  /** Handles a launch request from the owner; false for any other message. */
  handle(message: unknown): boolean;
  /** The owner has ended: every process started for it is ended too. */
  gone(): void;
}

export interface LaunchBroker {
  owner(post: (message: FromLaunchBroker) => void): LaunchOwner;
  /** Processes running now, for every owner. */
  running(): number;
}

/** The only V8 flags a launch may ask for (heap sizing, as the analysis job does). */
const ALLOWED_FLAG = /^--max-(semi|old)-space-size=\d+$/;
/** How long captured output may take to drain after the exit before the exit is reported. */
const DRAIN_MS = 1_000;

export function createLaunchBroker(options: {
  fork: ForkUtility;
  /** The scripts main itself bundled; nothing else is started. */
  allowedEntries: readonly string[];
  /** The environment a started process inherits (main's own). */
  env: Readonly<Record<string, string | undefined>>;
  log: Logger;
}): LaunchBroker {
  const allowed = new Set(options.allowedEntries.map((entry) => normalize(entry)));
  const live = new Set<UtilityLike>();

  function baseEnv(extra: Readonly<Record<string, string>> | undefined): Record<string, string> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({ ...options.env, ...extra }))
      if (typeof value === 'string') env[key] = value;
    return env;
  }

  function owner(postTo: (message: FromLaunchBroker) => void): LaunchOwner {
    // An owner that has just ended cannot take the exits of what it started: they are dropped.
    const post = (message: FromLaunchBroker) => {
      try {
        postTo(message);
      } catch {
        // nothing: the owner is gone
      }
    };
    const children = new Map<number, { child: UtilityLike; spawned: boolean; queue: unknown[] }>();
    let ended = false;

    function start(request: Extract<ToLaunchBroker, { type: 'launch.start' }>): void {
      const { id, spec } = request;
      const refuse = (startError: string) => {
        options.log.warn('refused a process launch', { entry: spec?.entry, reason: startError });
        post({ type: 'launch.exit', id, exit: { code: null, signal: null, stdout: '', stderr: '', startError } });
      };
      if (ended) return refuse('its owner has ended');
      if (typeof spec?.entry !== 'string' || !allowed.has(normalize(spec.entry)))
        return refuse(`"${String(spec?.entry)}" is not a process main starts`);
      const flags: unknown[] = Array.isArray(spec.execArgv) ? spec.execArgv : [];
      const execArgv = flags.filter((flag): flag is string => typeof flag === 'string' && ALLOWED_FLAG.test(flag));
      const capture = spec.output === 'capture';
      let child: UtilityLike;
      try {
        child = options.fork(spec.entry, {
          execArgv,
          env: baseEnv(typeof spec.env === 'object' && spec.env !== null ? spec.env : undefined),
          stdio: capture ? 'pipe' : 'inherit',
          serviceName: `Rinkside ${
            spec.entry
              .split(/[\\/]/)
              .pop()
              ?.replace(/\.[jt]s$/, '') ?? 'helper'
          }`,
        });
      } catch (error) {
        return refuse(error instanceof Error ? error.message : String(error));
      }
      const entry = { child, spawned: false, queue: [] as unknown[] };
      children.set(id, entry);
      live.add(child);
      const stdout = tailKeeper();
      const stderr = tailKeeper();
      const drained = [child.stdout, child.stderr].map(
        (stream, k) =>
          new Promise<void>((resolve) => {
            if (!stream) return resolve();
            stream.setEncoding('utf8');
            stream.on('data', (d: string) => (k === 0 ? stdout : stderr).add(d));
            stream.on('end', () => resolve());
            stream.on('close', () => resolve());
          }),
      );
      // The started process may itself ask for launches (an analysis job's provider probe).
      const nested = owner((message) => child.postMessage(message));
      child.on('spawn', () => {
        entry.spawned = true;
        for (const message of entry.queue.splice(0)) child.postMessage(message);
        if (child.pid !== undefined) post({ type: 'launch.spawned', id, pid: child.pid });
      });
      child.on('message', (message) => {
        if (!nested.handle(message)) post({ type: 'launch.message', id, message });
      });
      child.on('exit', (code) => {
        nested.gone();
        children.delete(id);
        live.delete(child);
        const timeout = new Promise<void>((resolve) => setTimeout(resolve, DRAIN_MS).unref?.());
        void Promise.race([Promise.all(drained), timeout]).then(() => {
          const exit: ProcessExit = { code, signal: null, stdout: stdout.text(), stderr: stderr.text() };
          post({ type: 'launch.exit', id, exit });
        });
      });
    }

    return {
      handle(message) {
        if (!isLaunchRequest(message)) return false;
        if (message.type === 'launch.start') start(message);
        else {
          const entry = children.get(message.id);
          if (!entry) return true;
          if (message.type === 'launch.kill') entry.child.kill();
          else if (entry.spawned) entry.child.postMessage(message.message);
          else entry.queue.push(message.message);
        }
        return true;
      },
      gone() {
        ended = true;
        for (const { child } of children.values()) child.kill();
      },
    };
  }

  return { owner, running: () => live.size };
}
