import { toAppError } from '../../contract/errors.ts';
import { commandNames, shellCommands, type CommandName } from '../../contract/commands.ts';
import { validateCommand, type InvokeReply } from '../../contract/invoke.ts';

/** Commands the shell answers itself (native dialogs, media URLs); everything else goes to the engine. */
export type ShellHandlers = Record<(typeof shellCommands)[number], (args: never) => Promise<unknown>>;

export interface CommandRelay {
  invoke(command: unknown, args: unknown): Promise<InvokeReply>;
  readonly commands: readonly CommandName[];
}

/**
 * The one relay both bindings use — Electron's ipcMain handler and the browser host's WebSocket —
 * so they expose the same command table with the same validation (a test checks both).
 */
export function createCommandRelay(
  engine: { invoke(command: string, args: unknown): Promise<InvokeReply> },
  shell: ShellHandlers,
): CommandRelay {
  return {
    commands: commandNames,
    async invoke(command, args) {
      const checked = validateCommand(command, args);
      if (!checked.ok) return checked;
      if ((shellCommands as readonly string[]).includes(checked.command)) {
        try {
          const handler = shell[checked.command as keyof ShellHandlers];
          return { ok: true, value: await handler(checked.args as never) };
        } catch (error) {
          return { ok: false, error: toAppError(error) };
        }
      }
      return engine.invoke(checked.command, checked.args);
    },
  };
}
