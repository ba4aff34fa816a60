import { Commands, type CommandArgs, type CommandName, type CommandResult } from './commands.ts';
import type { EventName, Events } from './events.ts';
import type { AppError } from './errors.ts';

/** What crosses the wire for every invoke: a value or an AppError, never a thrown exception. */
export type InvokeReply<T = unknown> = { ok: true; value: T } | { ok: false; error: AppError };

/**
 * The single validation step shared by every binding, so Electron IPC and the WebSocket
 * reject exactly the same input with exactly the same error.
 */
export function validateCommand(
  command: unknown,
  args: unknown,
): { ok: true; command: CommandName; args: unknown } | { ok: false; error: AppError } {
  if (typeof command !== 'string' || !Object.hasOwn(Commands, command)) {
    return {
      ok: false,
      error: { kind: 'unknown-command', message: `Unknown command: ${String(command).slice(0, 80)}` },
    };
  }
  const name = command as CommandName;
  const parsed = Commands[name].args.safeParse(args ?? {});
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        kind: 'invalid-args',
        message: `Invalid arguments for ${name}`,
        detail: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; '),
      },
    };
  }
  return { ok: true, command: name, args: parsed.data };
}

/** The API the renderer sees, identical over the preload bridge and the WebSocket bridge. */
export interface RinksideBridge {
  invoke<N extends CommandName>(command: N, args: CommandArgs<N>): Promise<CommandResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}

/**
 * Where a file dropped on the window lives on disk. Only the Electron preload can say
 * (webUtils.getPathForFile); a page in a browser never learns a dropped file's path.
 */
export interface RinksideFiles {
  pathForFile(file: File): string;
}
