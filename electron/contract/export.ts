import { z } from 'zod';
import { Id, type SyncColumns } from './domain.ts';

export const Overlays = z
  .object({
    boxes: z.boolean().default(true),
    ids: z.boolean().default(true),
    /** Player names/numbers for linked tracks (falls back to track ids). */
    names: z.boolean().default(true),
    caption: z.boolean().default(true),
  })
  .strict();
export type Overlays = z.infer<typeof Overlays>;

export const ClipExportRequest = z
  .object({
    eventIds: z.array(Id).min(1).max(5000),
    /** One file per event, or one highlight reel with all of them in order. */
    mode: z.enum(['clips', 'reel']),
    /** null: a clean clip without any overlay. */
    overlays: Overlays.nullable(),
    outDir: z.string().min(1).max(4096),
  })
  .strict();
export type ClipExportRequest = z.infer<typeof ClipExportRequest>;

export interface ClipExportResult {
  files: string[];
  warnings: string[];
}

/** A saved selection of a game's events, in the order they play in a reel. */
export const PlaylistInput = z
  .object({ gameId: Id, name: z.string().trim().min(1).max(100), eventIds: z.array(Id).max(5000) })
  .strict();
export type PlaylistInput = z.infer<typeof PlaylistInput>;
export interface Playlist extends SyncColumns, PlaylistInput {
  createdAt: string;
}

export const EventDataFormat = z.enum(['csv', 'json', 'sportscode']);
export type EventDataFormat = z.infer<typeof EventDataFormat>;
