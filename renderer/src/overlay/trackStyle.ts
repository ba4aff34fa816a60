import {
  affiliationColours,
  type Affiliation,
  type RunAffiliations,
  type Roster,
} from '../../../electron/contract/index.ts';
import { TRACK_MARK, type OverlayStyle } from './drawOverlay.ts';

/** What the overlay knows about a track beyond its boxes: the linked player, if any. */
export interface TrackPlayer {
  name: string;
  number: number | null;
  /** The player's team colour (#rrggbb). */
  colour: string | null;
}

// Class colours when no team is known: skaters blue, the puck/ball yellow, others by class id.
const CLASS_COLOURS = ['#4fb3ff', '#ff8c42', '#7bd389', '#c792ea', '#ff6b9a', '#5eead4', '#f4a261', '#a3be8c'];
const BALL_COLOUR = '#ffe066';

export function classColour(classId: number, className: string | undefined): string {
  if (className === 'sports ball') return BALL_COLOUR;
  if (className === 'person') return CLASS_COLOURS[0] as string;
  return CLASS_COLOURS[classId % CLASS_COLOURS.length] as string;
}

export function labelText(trackId: number, className: string | undefined, player: TrackPlayer | undefined): string {
  const cls = className ?? 'object';
  if (trackId < 0) return cls;
  if (!player) return `#${trackId} ${cls}`;
  const number = player.number === null ? '' : ` ${player.number}`;
  return `#${trackId}${number} ${player.name}`;
}

/** How each track is drawn by its affiliation: team colours, officials dashed, off-ice hidden. */
export interface TeamLook {
  colours: ReadonlyMap<number, string>;
  marks: ReadonlyMap<number, number>;
}

export { OFF_ICE_COLOUR, OFFICIAL_COLOUR } from '../../../electron/contract/index.ts';

/** The overlay's colours per affiliation (the roster's team colours once home is chosen). */
export function jerseyColours(
  affiliations: RunAffiliations,
  roster: Roster | null,
): Partial<Record<Affiliation, string>> {
  return affiliationColours(affiliations, roster?.teams ?? []);
}

export function teamLook(affiliations: RunAffiliations | null, roster: Roster | null, showOffIce: boolean): TeamLook {
  const colours = new Map<number, string>();
  const marks = new Map<number, number>();
  if (!affiliations) return { colours, marks };
  const palette = jerseyColours(affiliations, roster);
  for (const t of affiliations.tracks) {
    const colour = palette[t.affiliation];
    if (colour) colours.set(t.trackId, colour);
    if (t.affiliation === 'official') marks.set(t.trackId, TRACK_MARK.dashed);
    if (t.affiliation === 'off-ice' && !showOffIce) marks.set(t.trackId, TRACK_MARK.hidden);
  }
  return { colours, marks };
}

const NO_TEAMS: TeamLook = { colours: new Map(), marks: new Map() };

const DARK_TEXT = '#0b0f14';
const LIGHT_TEXT = '#ffffff';

/** Relative luminance (WCAG) of #rrggbb: a navy jersey's label needs white text, a white one dark. */
export function textOnColour(hex: string): string {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  if (!/^#[0-9a-f]{6}$/i.test(hex)) return DARK_TEXT;
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // The luminance where white and near-black text contrast equally.
  return luminance > 0.18 ? DARK_TEXT : LIGHT_TEXT;
}

/**
 * colourOf/labelOf for drawOverlay, with label text and width cached per (track, class): the
 * draw path then only does Map lookups. Rebuild when names, links or toggles change.
 */
export function createTrackStyle(options: {
  classNames: readonly string[];
  players: ReadonlyMap<number, TrackPlayer>;
  showLabels: boolean;
  hiddenClasses: Uint8Array;
  hoverTrack: number;
  selectedTrack: number;
  teams?: TeamLook;
}): OverlayStyle {
  const teams = options.teams ?? NO_TEAMS;
  const labels = new Map<number, { text: string; width: number }>();
  const texts = new Map<string, string>();
  const classColours = options.classNames.map((name, id) => classColour(id, name));
  return {
    showLabels: options.showLabels,
    hiddenClasses: options.hiddenClasses,
    hoverTrack: options.hoverTrack,
    selectedTrack: options.selectedTrack,
    colourOf: (trackId, classId) =>
      (trackId >= 0 ? (options.players.get(trackId)?.colour ?? teams.colours.get(trackId)) : null) ??
      classColours[classId] ??
      classColour(classId, undefined),
    markOf: (trackId) => teams.marks.get(trackId) ?? TRACK_MARK.plain,
    textOn: (colour) => {
      let text = texts.get(colour);
      if (text === undefined) texts.set(colour, (text = textOnColour(colour)));
      return text;
    },
    labelOf: (context, trackId, classId) => {
      const key = trackId * 256 + classId;
      let label = labels.get(key);
      if (!label) {
        const text = labelText(trackId, options.classNames[classId], options.players.get(trackId));
        label = { text, width: context.measureText(text).width };
        labels.set(key, label);
      }
      return label;
    },
  };
}

/** Class names → a 256-entry hidden flag table (classId is a u8 in the detections format). */
export function hiddenClassTable(classNames: readonly string[], hidden: readonly string[]): Uint8Array {
  const table = new Uint8Array(256);
  classNames.forEach((name, id) => {
    if (hidden.includes(name)) table[id] = 1;
  });
  return table;
}
