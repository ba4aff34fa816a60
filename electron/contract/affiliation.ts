import { z } from 'zod';

/**
 * Who a tracked person is for the game: one of the two teams (by jersey), an official, or not on
 * the ice (bench, stands, glass). "Affiliation", not "role": a model manifest's class roles
 * (skater, puck) say what a box is; this says whose side a person is on.
 */
export const Affiliation = z.enum(['team-a', 'team-b', 'official', 'off-ice']);
export type Affiliation = z.infer<typeof Affiliation>;

/** The two jersey clusters; team A is the darker jersey, so letters are stable across runs. */
export const JerseyGroup = z.enum(['team-a', 'team-b']);
export type JerseyGroup = z.infer<typeof JerseyGroup>;

/** The ice surface of one camera view, in fractions of the video's width and height. */
export const RinkPolygon = z
  .array(z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) }).strict())
  .min(3)
  .max(64);
export type RinkPolygon = z.infer<typeof RinkPolygon>;

export interface TrackAffiliation {
  trackId: number;
  affiliation: Affiliation;
  /** 0…1 for a measured affiliation; 1 for the analyst's correction. */
  confidence: number;
  /** Set by the analyst (sticks through merges and re-clustering). */
  corrected: boolean;
}

export interface RunAffiliations {
  runId: string;
  tracks: TrackAffiliation[];
  /** Measured jersey colours (#rrggbb) of the clusters that have tracks. */
  colours: Partial<Record<'team-a' | 'team-b' | 'official', string>>;
  /** Which jersey the home team wears in this game, once the analyst said so. */
  homeGroup: JerseyGroup | null;
  /** False for a run analysed before jersey sampling existed: tracks.sampleJerseys fills it in. */
  sampled: boolean;
}
