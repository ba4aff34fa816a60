import type { AppError } from '../../contract/errors.ts';
import type { EngineStatus } from '../../contract/events.ts';
import type { InvokeReply } from '../../contract/invoke.ts';
import type { Logger } from '../log.ts';
import { toAppError } from '../../contract/errors.ts';
import type { EngineConfig, FromEngine, InternalMethod, InternalMethods, ShellCalls, ToEngine } from './protocol.ts';

/** The few things the supervisor needs from a child: a utilityProcess or a forked Node process. */
export interface EngineChild {
  readonly pid: number | undefined;
  send(message: ToEngine): void;
  onMessage(listener: (message: FromEngine) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface EngineSupervisorOptions {
  spawn: () => EngineChild;
  config: EngineConfig;
  log: Logger;
  onEvent: (name: string, payload: unknown) => void;
  /** Restarts allowed within `crashWindowMs` before giving up. */
  maxRestarts?: number;
  crashWindowMs?: number;
  /**
   * How often the engine is pinged once ready, and how long it may stay silent before it counts
   * as hung and is restarted. Silence means its event loop is stuck (a runaway computation): no
   * command, not even app.info, would be answered again.
   */
  heartbeat?: { intervalMs: number; timeoutMs: number };
  /** The shell's answers to the engine's shell calls (Electron: safeStorage); none: each call fails. */
  shellCalls?: ShellCalls;
}

export const DEFAULT_HEARTBEAT = { intervalMs: 5_000, timeoutMs: 30_000 };

/** How long close() waits for the engine to exit after asking it to, and then after killing it. */
const SHUTDOWN_GRACE_MS = 3_000;
const KILL_GRACE_MS = 2_000;

export interface EngineSupervisor {
  invoke(command: string, args: unknown): Promise<InvokeReply>;
  internal<M extends InternalMethod>(
    method: M,
    args: InternalMethods[M]['args'],
  ): Promise<InternalMethods[M]['result']>;
  /** Resolves once the current child said ready. */
  ready(): Promise<void>;
  pid(): number | undefined;
  close(): Promise<void>;
}

const LOST: AppError = {
  kind: 'internal',
  message: 'The Rinkside engine stopped unexpectedly and is restarting. Try again in a moment.',
};

/**
 * Starts the engine process and keeps it alive: if it dies, every waiting call is answered
 * with an error at once (nothing hangs) and a new process is started, with backoff.
 */
export function startEngineSupervisor(options: EngineSupervisorOptions): EngineSupervisor {
  const maxRestarts = options.maxRestarts ?? 5;
  const crashWindowMs = options.crashWindowMs ?? 60_000;
  const heartbeat = options.heartbeat ?? DEFAULT_HEARTBEAT;
  const log = options.log;
  const pending = new Map<number, (reply: InvokeReply) => void>();
  const crashes: number[] = [];
  let nextId = 1;
  let child: EngineChild;
  let closing = false;
  const readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let isReady = false;
  let failed: string | null = null;
  /** Whether the current child has exited (then close() has nothing to wait for). */
  let childExited = false;
  const exitWaiters: (() => void)[] = [];
  let heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  /** Why the supervisor itself killed the current child (it stopped answering), if it did. */
  let killedBecause: string | null = null;
  /** Set when the engine said restarting cannot help (another process holds the library). */
  let finalReason: string | null = null;

  const status = (value: EngineStatus) => options.onEvent('engine.status', value);

  const stopHeartbeat = () => {
    if (heartbeatTimer) clearInterval(heartbeatTimer);
    heartbeatTimer = null;
  };

  /** Pings the ready engine; any message from it counts as an answer. */
  function startHeartbeat(current: EngineChild, lastHeard: { ms: number }): void {
    stopHeartbeat();
    lastHeard.ms = Date.now();
    heartbeatTimer = setInterval(() => {
      if (current !== child || closing) return stopHeartbeat();
      const silentMs = Date.now() - lastHeard.ms;
      if (silentMs > heartbeat.timeoutMs) {
        stopHeartbeat();
        killedBecause = `it stopped answering for ${Math.round(silentMs / 1000)} s`;
        log.error('engine stopped answering; restarting it', { pid: current.pid, silentMs });
        current.kill();
        return;
      }
      try {
        current.send({ type: 'ping' });
      } catch {
        // The child is going away; its exit is handled there.
      }
    }, heartbeat.intervalMs);
    heartbeatTimer.unref?.();
  }

  function answerShellCall(current: EngineChild, call: Extract<FromEngine, { type: 'shell-call' }>): void {
    const calls = options.shellCalls;
    const work = calls
      ? Promise.resolve().then(() => calls[call.method](call.text))
      : Promise.reject(new Error(`This shell does not answer ${call.method}.`));
    void work
      .then(
        (value) => ({ ok: true as const, value }),
        (error: unknown) => ({ ok: false as const, error: toAppError(error) }),
      )
      .then((reply) => {
        if (current !== child) return;
        try {
          current.send({ type: 'shell-reply', id: call.id, reply });
        } catch {
          // The engine went away meanwhile; its restart asks again.
        }
      });
  }

  function launch(): void {
    isReady = false;
    childExited = false;
    killedBecause = null;
    const current = options.spawn();
    const lastHeard = { ms: Date.now() };
    child = current;
    current.onMessage((message) => {
      if (current !== child) return;
      lastHeard.ms = Date.now();
      switch (message.type) {
        case 'ready':
          isReady = true;
          log.info('engine ready', { pid: message.pid });
          for (const waiter of readyWaiters.splice(0)) waiter.resolve();
          status({ state: 'ready' });
          startHeartbeat(current, lastHeard);
          break;
        case 'pong':
          break;
        case 'shell-call':
          answerShellCall(current, message);
          break;
        case 'reply': {
          const settle = pending.get(message.id);
          pending.delete(message.id);
          settle?.(message.reply);
          break;
        }
        case 'event':
          options.onEvent(message.name, message.payload);
          break;
        case 'log':
          log.child(message.record.scope)[message.record.level](message.record.message, message.record.fields);
          break;
        case 'fatal':
          log.error('engine reported a fatal error', { message: message.message });
          if (message.final) finalReason = message.message;
          break;
      }
    });
    current.onExit((code) => {
      if (current !== child) return;
      childExited = true;
      stopHeartbeat();
      for (const done of exitWaiters.splice(0)) done();
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({ ok: false, error: LOST });
      }
      if (closing) return;
      if (finalReason !== null) {
        failed = finalReason;
        for (const waiter of readyWaiters.splice(0)) waiter.reject(new Error(failed));
        status({ state: 'failed', reason: failed });
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - (crashes[0] ?? now) > crashWindowMs) crashes.shift();
      if (crashes.length > maxRestarts) {
        failed = `The engine crashed ${crashes.length} times in a minute (last exit code ${code}).`;
        log.error('engine gave up restarting', { code });
        for (const waiter of readyWaiters.splice(0)) waiter.reject(new Error(failed));
        status({ state: 'failed', reason: failed });
        return;
      }
      const delay = Math.min(4000, 100 * 2 ** (crashes.length - 1));
      const reason = killedBecause ?? `exit code ${code}`;
      log.warn('engine exited; restarting', { code, reason, delayMs: delay });
      status({ state: 'restarting', reason });
      setTimeout(() => {
        if (!closing) launch();
      }, delay);
    });
    current.send({ type: 'init', config: options.config });
  }

  launch();

  function send(message: ToEngine & { id: number }): Promise<InvokeReply> {
    return new Promise((resolve) => {
      if (failed) return resolve({ ok: false, error: { kind: 'internal', message: failed } });
      // Between a crash (or a heartbeat kill) and the restart there is no engine to ask: answer at
      // once. Writing to the exited child's channel would fail after the fact, with nobody left to
      // settle the call.
      if (childExited) return resolve({ ok: false, error: LOST });
      pending.set(message.id, resolve);
      try {
        child.send(message);
      } catch (error) {
        pending.delete(message.id);
        resolve({ ok: false, error: { ...LOST, detail: String(error) } });
      }
    });
  }

  const ready = () =>
    isReady
      ? Promise.resolve()
      : failed
        ? Promise.reject(new Error(failed))
        : new Promise<void>((resolve, reject) => readyWaiters.push({ resolve, reject }));

  return {
    async invoke(command, args) {
      await ready().catch(() => undefined);
      return send({ type: 'invoke', id: nextId++, command, args });
    },
    async internal(method, args) {
      await ready();
      const reply = await send({ type: 'internal', id: nextId++, method, args });
      if (!reply.ok) throw new Error(reply.error.message);
      return reply.value as never;
    },
    ready,
    pid: () => child.pid,
    /**
     * Asks the engine to shut down, kills it when it does not exit in time (a hung engine never
     * reads the request), and resolves in bounded time whatever state the engine is in —
     * starting, hung, restarting after a crash or given up.
     */
    async close() {
      closing = true;
      stopHeartbeat();
      for (const waiter of readyWaiters.splice(0)) waiter.reject(new Error('The engine is shutting down.'));
      if (childExited) return;
      const exited = new Promise<void>((resolve) => exitWaiters.push(resolve));
      const within = (ms: number) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), ms);
          void exited.then(() => {
            clearTimeout(timer);
            resolve(true);
          });
        });
      try {
        child.send({ type: 'shutdown' });
      } catch {
        child.kill();
      }
      if (await within(SHUTDOWN_GRACE_MS)) return;
      log.warn('engine did not shut down in time; killing it', { pid: child.pid });
      child.kill();
      if (!(await within(KILL_GRACE_MS))) log.error('engine did not exit after being killed', { pid: child.pid });
    },
  };
}
