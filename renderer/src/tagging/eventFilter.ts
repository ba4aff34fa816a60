import type { GameEvent, Player } from '../../../electron/contract/index.ts';

export type EventSort = 'time' | 'code';

export interface EventFilter {
  codeId: string | null;
  period: string | null;
  team: 'home' | 'away' | null;
  /** Matches the note, the code's name and the player's name or number. */
  search: string;
  sort: EventSort;
  /** The open video's events (a period, a camera) or the whole game's. */
  scope: 'video' | 'game';
}

export const NO_FILTER: EventFilter = {
  codeId: null,
  period: null,
  team: null,
  search: '',
  sort: 'time',
  scope: 'video',
};

function playerText(player: Player | undefined): string {
  if (!player) return '';
  return `${player.name} ${player.number === null ? '' : `#${player.number} ${player.number}`}`;
}

/**
 * The events the list shows, in the chosen order; ties keep video order. Scoped to the open
 * video, with no video open the whole game shows.
 */
export function filterEvents(
  events: readonly GameEvent[],
  filter: EventFilter,
  players: readonly Player[],
  openVideoId: string | null = null,
): GameEvent[] {
  const byId = new Map(players.map((p) => [p.id, p]));
  const words = filter.search.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const shown = events.filter((event) => {
    if (filter.scope === 'video' && openVideoId !== null && event.videoId !== openVideoId) return false;
    if (filter.codeId !== null && event.codeId !== filter.codeId) return false;
    if (filter.period !== null && event.descriptors.period !== filter.period) return false;
    if (filter.team !== null && event.descriptors.team !== filter.team) return false;
    if (words.length === 0) return true;
    const player = event.descriptors.playerId === undefined ? undefined : byId.get(event.descriptors.playerId);
    const haystack =
      `${event.codeName} ${event.note} ${event.descriptors.outcome ?? ''} ${playerText(player)}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
  return shown.sort(filter.sort === 'code' ? byCodeThenTime : byTime);
}

export function byTime(a: GameEvent, b: GameEvent): number {
  return (
    a.startS - b.startS ||
    a.startFrame - b.startFrame ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

function byCodeThenTime(a: GameEvent, b: GameEvent): number {
  return a.codeName.localeCompare(b.codeName, undefined, { sensitivity: 'base' }) || byTime(a, b);
}

/** ↑/↓ in the list: the neighbour of the active event among those shown (first/last when none). */
export function neighbourEvent(shown: readonly GameEvent[], activeId: string | null, step: 1 | -1): string | null {
  if (shown.length === 0) return null;
  const index = shown.findIndex((e) => e.id === activeId);
  if (index < 0) return (step === 1 ? shown[0] : shown[shown.length - 1])?.id ?? null;
  const next = Math.min(shown.length - 1, Math.max(0, index + step));
  return shown[next]?.id ?? null;
}
