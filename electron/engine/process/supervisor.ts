import type { AppError } from '../../contract/errors.ts';
import type { EngineStatus } from '../../contract/events.ts';
import type { InvokeReply } from '../../contract/invoke.ts';
import type { Logger } from '../log.ts';
import type { EngineConfig, FromEngine, InternalMethod, InternalMethods, ToEngine } from './protocol.ts';

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
}

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
  const log = options.log;
  const pending = new Map<number, (reply: InvokeReply) => void>();
  const crashes: number[] = [];
  let nextId = 1;
  let child: EngineChild;
  let closing = false;
  const readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let isReady = false;
  let failed: string | null = null;

  const status = (value: EngineStatus) => options.onEvent('engine.status', value);

  function launch(): void {
    isReady = false;
    const current = options.spawn();
    child = current;
    current.onMessage((message) => {
      if (current !== child) return;
      switch (message.type) {
        case 'ready':
          isReady = true;
          log.info('engine ready', { pid: message.pid });
          for (const waiter of readyWaiters.splice(0)) waiter.resolve();
          status({ state: 'ready' });
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
          break;
      }
    });
    current.onExit((code) => {
      if (current !== child) return;
      for (const [id, settle] of pending) {
        pending.delete(id);
        settle({ ok: false, error: LOST });
      }
      if (closing) return;
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
      log.warn('engine exited; restarting', { code, delayMs: delay });
      status({ state: 'restarting', reason: `exit code ${code}` });
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
    async close() {
      closing = true;
      const exited = new Promise<void>((resolve) => child.onExit(() => resolve()));
      try {
        child.send({ type: 'shutdown' });
      } catch {
        child.kill();
      }
      const timer = setTimeout(() => child.kill(), 3000);
      await exited;
      clearTimeout(timer);
    },
  };
}
