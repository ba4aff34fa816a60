/**
 * Under Electron an export writes only where the analyst pointed main's own save or folder dialog.
 * The page cannot be trusted with a path: a compromised or buggy renderer could otherwise name any
 * file the user may write (a shell start-up file, another app's data). So main remembers every
 * path its dialogs returned in this session, and the IPC relay refuses an export command whose
 * target is not one of them. No Electron runtime import: tested under Node. The browser host and
 * the CLI have no such dialog; they keep the engine's own checks (absolute, regular file, no link).
 */
import { normalize } from 'node:path';
import type { InvokeReply } from '../contract/invoke.ts';
import type { CommandRelay } from '../engine/process/relay.ts';

type TargetKind = 'file' | 'folder';

/** The export commands, the argument that names where they write, and which dialog gives it. */
export const DIALOG_TARGETS: Readonly<Record<string, { arg: string; kind: TargetKind }>> = {
  'export.events': { arg: 'path', kind: 'file' },
  'export.tracks': { arg: 'path', kind: 'file' },
  'export.clips': { arg: 'outDir', kind: 'folder' },
};

export interface ExportTargets {
  /** Records what the save dialog returned (null: cancelled) and returns it unchanged. */
  chosenFile(path: string | null): string | null;
  /** Records what the folder dialog returned (null: cancelled) and returns it unchanged. */
  chosenFolder(path: string | null): string | null;
  /** The refusal for an export command whose target no dialog returned; null to let it through. */
  refusal(command: unknown, args: unknown): InvokeReply | null;
}

export function createExportTargets(): ExportTargets {
  const chosen: Record<TargetKind, Set<string>> = { file: new Set(), folder: new Set() };
  const remember = (kind: TargetKind) => (path: string | null) => {
    if (path) chosen[kind].add(normalize(path));
    return path;
  };
  return {
    chosenFile: remember('file'),
    chosenFolder: remember('folder'),
    refusal(command, args) {
      const target = typeof command === 'string' ? DIALOG_TARGETS[command] : undefined;
      if (!target || typeof args !== 'object' || args === null) return null;
      const value = (args as Record<string, unknown>)[target.arg];
      // Anything but a string is the command's own validation error, given by the relay.
      if (typeof value !== 'string') return null;
      if (chosen[target.kind].has(normalize(value))) return null;
      const how = target.kind === 'file' ? 'Save as…' : 'Choose folder…';
      return {
        ok: false,
        error: {
          kind: 'invalid-args',
          message: `Rinkside writes exports only where you chose with ${how}; "${value}" was not chosen there. Use ${how} to pick the ${target.kind}.`,
        },
      };
    },
  };
}

/** The relay with export commands held to the dialogs' paths. */
export function guardExportTargets(relay: CommandRelay, targets: ExportTargets): CommandRelay {
  return {
    commands: relay.commands,
    invoke: async (command, args) => targets.refusal(command, args) ?? relay.invoke(command, args),
  };
}
