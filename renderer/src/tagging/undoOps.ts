import type {
  Affiliation,
  CommandArgs,
  CommandName,
  Code,
  CodeInput,
  GameEvent,
  EventPatch,
  Player,
} from '../../../electron/contract/index.ts';

/**
 * An engine command to replay. `recreates` marks a command that brings back something deleted
 * under a NEW id (codes and players have no restore command, a repeated split gets a new track
 * id): the id it returns replaces the old one in every later undo/redo step (see Aliases).
 */
export type Op = {
  [N in CommandName]: { command: N; args: CommandArgs<N>; recreates?: Identity };
}[CommandName];

export type Identity = { kind: 'row'; id: string } | { kind: 'track'; runId: string; trackId: number };

/** One undoable edit: what undo runs, what redo runs (in order), and how the history names it. */
export interface UndoEntry {
  label: string;
  undo: Op[];
  redo: Op[];
}

/** Old id → the id that replaced it; tracks keyed "runId#trackId". */
export type Aliases = Readonly<Record<string, string>>;

const trackKey = (runId: string, trackId: number) => `${runId}#${trackId}`;

function follow(aliases: Aliases, key: string): string {
  let current = key;
  // Each recreate adds one link; a cycle cannot form, but never loop forever on bad data.
  for (let hops = 0; hops < 1000; hops++) {
    const next = aliases[current];
    if (next === undefined) return current;
    current = next;
  }
  return current;
}

export function resolveId(aliases: Aliases, id: string): string {
  return follow(aliases, id);
}

export function resolveTrack(aliases: Aliases, runId: string, trackId: number): number {
  const key = follow(aliases, trackKey(runId, trackId));
  return Number(key.slice(key.lastIndexOf('#') + 1));
}

function mapStrings(value: unknown, aliases: Aliases): unknown {
  if (typeof value === 'string') return resolveId(aliases, value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, aliases));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, aliases)]));
  }
  return value;
}

/** The op with every recreated id replaced by its newest one. Ids are UUIDs, so no text collides. */
export function resolveOp(op: Op, aliases: Aliases): Op {
  const args = mapStrings(op.args, aliases) as Record<string, unknown>;
  const runId = typeof args['runId'] === 'string' ? args['runId'] : null;
  if (runId !== null) {
    for (const field of ['trackId', 'keepTrackId', 'mergeTrackId']) {
      const value = args[field];
      if (typeof value === 'number') args[field] = resolveTrack(aliases, runId, value);
    }
  }
  return { ...op, args } as Op;
}

/** After a recreating op ran: the identity it brought back now lives at the returned id. */
export function withAlias(aliases: Aliases, recreated: Identity, result: unknown): Aliases {
  if (recreated.kind === 'row') {
    const id = (result as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return aliases;
    const from = resolveId(aliases, recreated.id);
    return from === id ? aliases : { ...aliases, [from]: id };
  }
  const newTrackId = (result as { newTrackId?: unknown } | null)?.newTrackId;
  if (typeof newTrackId !== 'number') return aliases;
  const from = follow(aliases, trackKey(recreated.runId, recreated.trackId));
  return { ...aliases, [from]: trackKey(recreated.runId, newTrackId) };
}

// ---- Entries: each edit with its inverse ----

export function eventCreated(event: GameEvent): UndoEntry {
  // Deletes are soft, so redo restores the very same event (same id, same sync row).
  return {
    label: `tag ${event.codeName}`,
    undo: [{ command: 'events.delete', args: { id: event.id } }],
    redo: [{ command: 'events.restore', args: { id: event.id } }],
  };
}

export function eventDeleted(event: GameEvent): UndoEntry {
  return {
    label: `delete ${event.codeName}`,
    undo: [{ command: 'events.restore', args: { id: event.id } }],
    redo: [{ command: 'events.delete', args: { id: event.id } }],
  };
}

/** The previous values of exactly the fields the patch changes. */
export function previousValues(event: GameEvent, patch: EventPatch): EventPatch {
  const before: Record<string, unknown> = {};
  for (const key of Object.keys(patch) as (keyof EventPatch)[]) before[key] = event[key];
  return before as EventPatch;
}

export function eventUpdated(before: GameEvent, patch: EventPatch, label = `edit ${before.codeName}`): UndoEntry {
  return {
    label,
    undo: [{ command: 'events.update', args: { id: before.id, patch: previousValues(before, patch) } }],
    redo: [{ command: 'events.update', args: { id: before.id, patch } }],
  };
}

export function codeInputOf(code: Code): CodeInput {
  const { name, hotkey, colour, leadS, lagS, mode, sortOrder } = code;
  return { name, hotkey, colour, leadS, lagS, mode, sortOrder };
}

export function codeCreated(code: Code): UndoEntry {
  return {
    label: `add code ${code.name}`,
    undo: [{ command: 'codes.delete', args: { id: code.id } }],
    redo: [{ command: 'codes.save', args: { code: codeInputOf(code) }, recreates: { kind: 'row', id: code.id } }],
  };
}

export function codeUpdated(before: Code, after: CodeInput): UndoEntry {
  return {
    label: `edit code ${before.name}`,
    undo: [{ command: 'codes.save', args: { id: before.id, code: codeInputOf(before) } }],
    redo: [{ command: 'codes.save', args: { id: before.id, code: after } }],
  };
}

/** Codes have no restore: undo saves it again (a new id); events keep their copied code name. */
export function codeDeleted(code: Code): UndoEntry {
  return {
    label: `delete code ${code.name}`,
    undo: [{ command: 'codes.save', args: { code: codeInputOf(code) }, recreates: { kind: 'row', id: code.id } }],
    redo: [{ command: 'codes.delete', args: { id: code.id } }],
  };
}

export function playerInputOf(player: Player): CommandArgs<'roster.savePlayer'>['player'] {
  return { teamId: player.teamId, name: player.name, number: player.number, position: player.position };
}

export function playerCreated(player: Player): UndoEntry {
  return {
    label: `add player ${player.name}`,
    undo: [{ command: 'roster.deletePlayer', args: { id: player.id } }],
    redo: [
      {
        command: 'roster.savePlayer',
        args: { player: playerInputOf(player) },
        recreates: { kind: 'row', id: player.id },
      },
    ],
  };
}

export function playerUpdated(before: Player, after: CommandArgs<'roster.savePlayer'>['player']): UndoEntry {
  return {
    label: `edit player ${before.name}`,
    undo: [{ command: 'roster.savePlayer', args: { id: before.id, player: playerInputOf(before) } }],
    redo: [{ command: 'roster.savePlayer', args: { id: before.id, player: after } }],
  };
}

/**
 * Players have no restore either: undo adds them again (a new id) and points their track links
 * and the events that named them at it. The stack is last-in-first-out, so those events are
 * exactly as they were at the delete when this undo runs; the old id in each op resolves to the
 * new one (resolveOp).
 */
export function playerDeleted(
  player: Player,
  links: readonly { runId: string; trackId: number }[],
  events: readonly GameEvent[] = [],
): UndoEntry {
  return {
    label: `delete player ${player.name}`,
    undo: [
      {
        command: 'roster.savePlayer',
        args: { player: playerInputOf(player) },
        recreates: { kind: 'row', id: player.id },
      },
      ...links.map((l): Op => ({
        command: 'tracks.link',
        args: { runId: l.runId, trackId: l.trackId, playerId: player.id },
      })),
      ...events
        .filter((e) => e.descriptors.playerId === player.id)
        .map((e): Op => ({ command: 'events.update', args: { id: e.id, patch: { descriptors: e.descriptors } } })),
    ],
    redo: [{ command: 'roster.deletePlayer', args: { id: player.id } }],
  };
}

export function teamSaved(
  before: CommandArgs<'roster.saveTeam'> | null,
  after: CommandArgs<'roster.saveTeam'>,
  label: string,
): UndoEntry | null {
  // There is no team delete in the contract: adding a team cannot be undone, only edited back.
  if (before === null) return null;
  return {
    label,
    undo: [{ command: 'roster.saveTeam', args: before }],
    redo: [{ command: 'roster.saveTeam', args: after }],
  };
}

export function trackLinked(runId: string, trackId: number, before: string | null, after: string | null): UndoEntry {
  return {
    label: after === null ? `unlink track ${trackId}` : `link track ${trackId}`,
    undo: [{ command: 'tracks.link', args: { runId, trackId, playerId: before } }],
    redo: [{ command: 'tracks.link', args: { runId, trackId, playerId: after } }],
  };
}

export function affiliationSet(
  runId: string,
  trackId: number,
  before: Affiliation | null,
  after: Affiliation | null,
): UndoEntry {
  return {
    label: after === null ? `measured team of track ${trackId}` : `track ${trackId} as ${after}`,
    undo: [{ command: 'tracks.setAffiliation', args: { runId, trackId, affiliation: before } }],
    redo: [{ command: 'tracks.setAffiliation', args: { runId, trackId, affiliation: after } }],
  };
}

/**
 * A split's inverse is merging the new piece back: every box resolves to the old id again and
 * the new piece was never linked. Redo splits again (the engine hands out a fresh id).
 */
export function trackSplit(runId: string, trackId: number, atFrame: number, newTrackId: number): UndoEntry {
  return {
    label: `split track ${trackId}`,
    undo: [{ command: 'tracks.merge', args: { runId, keepTrackId: trackId, mergeTrackId: newTrackId } }],
    redo: [
      {
        command: 'tracks.split',
        args: { runId, trackId, atFrame },
        recreates: { kind: 'track', runId, trackId: newTrackId },
      },
    ],
  };
}
