import { toAppError } from '../../contract/errors.ts';
import {
  commandNames,
  shellCommands,
  type CommandName,
  type CommandResult,
  type ParsedCommandArgs,
  type ShellCommandName,
} from '../../contract/commands.ts';
import { validateCommand, type InvokeReply } from '../../contract/invoke.ts';

/** Commands the shell answers itself (native dialogs, media URLs); everything else goes to the engine. */
export type ShellHandlers = {
  [N in ShellCommandName]: (args: ParsedCommandArgs<N>) => Promise<CommandResult<N>>;
};

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
          // validateCommand parsed the arguments with this command's schema; TypeScript cannot follow
          // the name from the check to the handler, so the pairing is asserted here, once.
          const handler = shell[checked.command as ShellCommandName] as (args: unknown) => Promise<unknown>;
          return { ok: true, value: await handler(checked.args) };
        } catch (error) {
          return { ok: false, error: toAppError(error) };
        }
      }
      return engine.invoke(checked.command, checked.args);
    },
  };
}
