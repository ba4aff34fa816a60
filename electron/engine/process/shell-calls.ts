import { AppFailure, type AppError } from '../../contract/errors.ts';
import type { InvokeReply } from '../../contract/invoke.ts';
import type { FromEngine, ShellCallMethod, ShellCalls } from './protocol.ts';

/** How long a shell call may take: safeStorage can wait on an OS keychain prompt. */
const SHELL_CALL_TIMEOUT_MS = 60_000;

export interface ShellCallChannel extends ShellCalls {
  /** Feeds a shell-reply message from the parent. */
  settle(id: number, reply: InvokeReply): void;
}

/** The engine's side of the shell calls: each call a message to the parent, answered by id. */
export function createShellCallChannel(post: (message: FromEngine) => void): ShellCallChannel {
  let nextId = 1;
  const waiting = new Map<number, (reply: InvokeReply) => void>();
  const call = (method: ShellCallMethod, text: string) =>
    new Promise<string>((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new AppFailure('internal', `The app shell did not answer ${method} in time.`));
      }, SHELL_CALL_TIMEOUT_MS);
      timer.unref?.();
      waiting.set(id, (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(String(reply.value));
        else reject(new AppFailure((reply.error as AppError).kind, reply.error.message, reply.error.detail));
      });
      post({ type: 'shell-call', id, method, text });
    });
  return {
    seal: (plain) => call('seal', plain),
    open: (sealed) => call('open', sealed),
    settle(id, reply) {
      const done = waiting.get(id);
      waiting.delete(id);
      done?.(reply);
    },
  };
}
