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

/** The officials' and the off-ice people's box colours (the overlay and exports alike). */
export const OFFICIAL_COLOUR = '#f4f4f4';
export const OFF_ICE_COLOUR = '#8a94a3';

/**
 * Display colour per affiliation: a team's own roster colour once the analyst has said which
 * jersey is home (and the team is on the roster), else the jersey colour the analysis measured.
 */
export function affiliationColours(
  affiliations: Pick<RunAffiliations, 'colours' | 'homeGroup'>,
  teams: readonly { side: 'home' | 'away'; colour: string }[],
): Partial<Record<Affiliation, string>> {
  const sideOf = (group: JerseyGroup) =>
    affiliations.homeGroup === null ? null : group === affiliations.homeGroup ? 'home' : 'away';
  const teamColour = (group: JerseyGroup) =>
    teams.find((t) => t.side === sideOf(group))?.colour ?? affiliations.colours[group];
  return {
    'team-a': teamColour('team-a'),
    'team-b': teamColour('team-b'),
    official: OFFICIAL_COLOUR,
    'off-ice': OFF_ICE_COLOUR,
  };
}
