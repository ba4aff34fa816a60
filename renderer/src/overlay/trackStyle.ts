import type { OverlayStyle } from './drawOverlay.ts';

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
}): OverlayStyle {
  const labels = new Map<number, { text: string; width: number }>();
  const classColours = options.classNames.map((name, id) => classColour(id, name));
  return {
    showLabels: options.showLabels,
    hiddenClasses: options.hiddenClasses,
    hoverTrack: options.hoverTrack,
    selectedTrack: options.selectedTrack,
    colourOf: (trackId, classId) =>
      (trackId >= 0 ? options.players.get(trackId)?.colour : null) ??
      classColours[classId] ??
      classColour(classId, undefined),
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
