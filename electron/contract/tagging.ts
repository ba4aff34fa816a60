import { z } from 'zod';
import { Id, type SyncColumns } from './domain.ts';

const Colour = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** A button in the code window: what it tags, its hotkey, its colour, and how it makes an event. */
export const CodeInput = z
  .object({
    name: z.string().trim().min(1).max(60),
    /** One key as KeyboardEvent.key, optionally with modifiers: "s", "Shift+G", "Alt+1". */
    hotkey: z.string().min(1).max(20).nullable(),
    colour: Colour,
    /** Seconds before / after the moment the key was pressed. */
    leadS: z.number().min(0).max(120),
    lagS: z.number().min(0).max(120),
    /** instant: one key press makes an event; span: first press starts, second press ends. */
    mode: z.enum(['instant', 'span']),
    sortOrder: z.number().int().min(0).max(10_000),
  })
  .strict();
export type CodeInput = z.infer<typeof CodeInput>;
export interface Code extends SyncColumns, CodeInput {}

export const Strength = z.enum(['EV', 'PP', 'SH', 'EN', '4v4', '3v3']);
export const Descriptors = z
  .object({
    period: z.enum(['1', '2', '3', 'OT', 'SO']).optional(),
    team: z.enum(['home', 'away']).optional(),
    playerId: Id.optional(),
    /** The analysis track the event is about (a clicked box). */
    runId: Id.optional(),
    trackId: z.number().int().min(0).optional(),
    strength: Strength.optional(),
    outcome: z.string().max(60).optional(),
  })
  .strict();
export type Descriptors = z.infer<typeof Descriptors>;

export const EventInput = z
  .object({
    gameId: Id,
    videoId: Id,
    codeId: Id,
    startS: z.number().min(0),
    endS: z.number().min(0),
    startFrame: z.number().int().min(0),
    endFrame: z.number().int().min(0),
    descriptors: Descriptors.default({}),
    note: z.string().max(2000).default(''),
  })
  .strict()
  .refine((e) => e.endS >= e.startS && e.endFrame >= e.startFrame, { message: 'An event cannot end before it starts' });
export type EventInput = z.infer<typeof EventInput>;

export interface GameEvent extends SyncColumns {
  gameId: Id;
  videoId: Id;
  codeId: Id;
  /** The code's name when the event was made, so renaming a code keeps old exports readable. */
  codeName: string;
  startS: number;
  endS: number;
  startFrame: number;
  endFrame: number;
  descriptors: Descriptors;
  note: string;
  createdAt: string;
}

export const EventPatch = z
  .object({
    codeId: Id,
    startS: z.number().min(0),
    endS: z.number().min(0),
    startFrame: z.number().int().min(0),
    endFrame: z.number().int().min(0),
    descriptors: Descriptors,
    note: z.string().max(2000),
  })
  .partial()
  .strict();
export type EventPatch = z.infer<typeof EventPatch>;

export const TeamInput = z
  .object({ gameId: Id, side: z.enum(['home', 'away']), name: z.string().trim().min(1).max(100), colour: Colour })
  .strict();
export interface Team extends SyncColumns, z.infer<typeof TeamInput> {}

export const PlayerInput = z
  .object({
    teamId: Id,
    name: z.string().trim().min(1).max(100),
    number: z.number().int().min(0).max(99).nullable(),
    position: z.enum(['F', 'D', 'G']).nullable(),
  })
  .strict();
export interface Player extends SyncColumns, z.infer<typeof PlayerInput> {}

export interface Roster {
  teams: Team[];
  players: Player[];
}

/** A track's link to a player, after merges and splits. */
export interface TrackLink {
  runId: Id;
  trackId: number;
  playerId: Id | null;
}
