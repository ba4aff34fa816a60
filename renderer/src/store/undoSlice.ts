import type { StateCreator } from 'zustand';
import type { RinksideBridge } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import { resolveId, resolveOp, withAlias, type Aliases, type Op, type UndoEntry } from '../tagging/undoOps.ts';
import type { AppState } from './types.ts';

/** History depth: enough for a period of tagging; older steps fall off the bottom. */
export const UNDO_LIMIT = 500;

export interface UndoSlice {
  undoStack: UndoEntry[];
  redoStack: UndoEntry[];
  /** Ids that undo/redo brought back under a new id (see undoOps.ts). */
  undoAliases: Aliases;
  /** True while an undo or redo runs, so a held Ctrl+Z does not interleave steps. */
  undoBusy: boolean;
  /**
   * Runs edits one after another, in key-press order: each reads the state the previous one left
   * (two quick descriptor keys, or a nudge then Ctrl+Z, must not race). Tasks never nest.
   */
  serialize: <T>(task: () => Promise<T>) => Promise<T>;
  /** Runs one engine command with recreated ids resolved; records the new id of a recreate. */
  runOp: (op: Op) => Promise<unknown>;
  /** A new edit: on top of the history; any redo branch is dropped. */
  recordUndo: (entry: UndoEntry | null) => void;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
}

export function createUndoSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], UndoSlice> {
  const invoke = bridge.invoke as (command: string, args: unknown) => Promise<unknown>;

  return (set, get) => {
    let tail: Promise<unknown> = Promise.resolve();
    /** Runs an entry's ops in order; on failure the step stays where it was and the banner says why. */
    const replay = async (
      entry: UndoEntry,
      ops: Op[],
      from: 'undoStack' | 'redoStack',
      to: 'undoStack' | 'redoStack',
    ) => {
      set({ undoBusy: true });
      try {
        for (const op of ops) {
          await get().runOp(op);
          // An event brought back is the one the analyst is working on again.
          if (op.command === 'events.restore') set({ activeEventId: resolveId(get().undoAliases, op.args.id) });
        }
        set(
          (state) =>
            ({ [from]: state[from].slice(0, -1), [to]: [...state[to], entry].slice(-UNDO_LIMIT) }) as Partial<AppState>,
        );
      } catch (error) {
        get().showError(asAppError(error), `${from === 'undoStack' ? 'Undo' : 'Redo'} of ${entry.label}`);
      } finally {
        set({ undoBusy: false });
      }
      await get().reloadTagging();
    };

    return {
      undoStack: [],
      redoStack: [],
      undoAliases: {},
      undoBusy: false,

      serialize: <T>(task: () => Promise<T>) => {
        const run = tail.then(task, task);
        tail = run.catch(() => undefined);
        return run;
      },

      runOp: async (op) => {
        const resolved = resolveOp(op, get().undoAliases);
        const result = await invoke(resolved.command, resolved.args);
        if (op.recreates) set((state) => ({ undoAliases: withAlias(state.undoAliases, op.recreates!, result) }));
        return result;
      },

      recordUndo: (entry) => {
        if (!entry) return;
        set((state) => ({ undoStack: [...state.undoStack, entry].slice(-UNDO_LIMIT), redoStack: [] }));
      },

      undo: () =>
        get().serialize(async () => {
          const entry = get().undoStack.at(-1);
          if (entry) await replay(entry, entry.undo, 'undoStack', 'redoStack');
        }),

      redo: () =>
        get().serialize(async () => {
          const entry = get().redoStack.at(-1);
          if (entry) await replay(entry, entry.redo, 'redoStack', 'undoStack');
        }),
    };
  };
}
