import { z } from 'zod';
import { Id } from './domain.ts';

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

export const EventDataFormat = z.enum(['csv', 'json', 'sportscode']);
export type EventDataFormat = z.infer<typeof EventDataFormat>;
