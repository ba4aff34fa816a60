/**
 * Tagged events as data for other tools: CSV (spreadsheets) and JSON. One row per event, times in
 * video seconds (presentation timestamps) to the millisecond and whole frame indices, descriptors
 * in words an analyst reads (team name and side, "12 Smith").
 */
import type { GameEvent, Roster } from '../../contract/tagging.ts';

/** An event flattened for exchange; also what the Sportscode writer takes. */
export interface EventRecord {
  id: string;
  code: string;
  startS: number;
  endS: number;
  startFrame: number | null;
  endFrame: number | null;
  period: string | null;
  /** 'home' / 'away' side and the team's name. */
  team: string | null;
  teamName: string | null;
  player: string | null;
  strength: string | null;
  outcome: string | null;
  note: string;
  videoId: string | null;
  /** The video's file name, when known. */
  videoName?: string | null;
}

/** "12 Smith", or the name alone when the player has no number. */
export function playerLabel(player: { name: string; number: number | null }): string {
  return player.number === null ? player.name : `${player.number} ${player.name}`;
}

/** What names the teams and videos where the roster or the event has none. */
export interface RecordNames {
  /** The game's home and away team names, used when the roster has no team on that side. */
  home?: string;
  away?: string;
  /** Video id → file name. */
  videos?: ReadonlyMap<string, string>;
}

/** Events (not deleted, in time order) with their roster names resolved. */
export function toEventRecords(events: readonly GameEvent[], roster: Roster, names: RecordNames = {}): EventRecord[] {
  const players = new Map(roster.players.map((p) => [p.id, p]));
  const teams = new Map(roster.teams.map((t) => [t.side, t]));
  const sideName = (side: 'home' | 'away') => teams.get(side)?.name ?? names[side] ?? null;
  return events
    .filter((e) => !e.deleted)
    .slice()
    .sort((a, b) => a.startS - b.startS || a.endS - b.endS)
    .map((e) => {
      const d = e.descriptors;
      const player = d.playerId ? players.get(d.playerId) : undefined;
      return {
        id: e.id,
        code: e.codeName,
        startS: e.startS,
        endS: e.endS,
        startFrame: e.startFrame,
        endFrame: e.endFrame,
        period: d.period ?? null,
        team: d.team ?? null,
        teamName: d.team ? sideName(d.team) : null,
        player: player ? playerLabel(player) : null,
        strength: d.strength ?? null,
        outcome: d.outcome ?? null,
        note: e.note,
        videoId: e.videoId,
        videoName: e.videoId ? (names.videos?.get(e.videoId) ?? null) : null,
      };
    });
}

/** Seconds to the millisecond: stored times carry float noise (1.6667003333333332). */
export const toMs = (s: number): number => Math.round(s * 1000) / 1000;
const wholeFrame = (f: number | null): number | null => (f === null ? null : Math.round(f));

/**
 * One event as a spreadsheet row and a JSON object, fields in the order an analyst reads them:
 * which event, when (times then frames), who (team name and its side, player), what else.
 */
export function eventRow(r: EventRecord, number: number) {
  return {
    number,
    code: r.code,
    period: r.period,
    startS: toMs(r.startS),
    endS: toMs(r.endS),
    durationS: toMs(toMs(r.endS) - toMs(r.startS)),
    startFrame: wholeFrame(r.startFrame),
    endFrame: wholeFrame(r.endFrame),
    team: r.teamName ?? r.team,
    side: r.team,
    player: r.player,
    strength: r.strength,
    outcome: r.outcome,
    note: r.note,
    video: r.videoName ?? null,
    videoId: r.videoId,
    id: r.id,
  };
}
type EventRow = ReturnType<typeof eventRow>;

const COLUMNS: Array<[string, keyof EventRow]> = [
  ['number', 'number'],
  ['code', 'code'],
  ['period', 'period'],
  ['start_s', 'startS'],
  ['end_s', 'endS'],
  ['duration_s', 'durationS'],
  ['start_frame', 'startFrame'],
  ['end_frame', 'endFrame'],
  ['team', 'team'],
  ['side', 'side'],
  ['player', 'player'],
  ['strength', 'strength'],
  ['outcome', 'outcome'],
  ['note', 'note'],
  ['video', 'video'],
  ['video_id', 'videoId'],
  ['event_id', 'id'],
];

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (=, +, -, @ first) gets
 * a leading apostrophe: a note typed by an analyst must never become a formula on someone's PC.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function eventsToCsv(records: readonly EventRecord[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const [k, r] of records.entries()) {
    const row = eventRow(r, k + 1);
    lines.push(COLUMNS.map(([, key]) => csvField(row[key])).join(','));
  }
  // CRLF as RFC 4180 says; a BOM so Excel reads UTF-8 names correctly.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export interface EventsJsonMeta {
  game: { id: string; title: string; date: string; home: string; away: string } | null;
  exportedAt: string;
}

export function eventsToJson(records: readonly EventRecord[], meta: EventsJsonMeta): string {
  // Version 2: rounded times, whole frames, team by name with its side, rows numbered.
  const events = records.map((r, k) => eventRow(r, k + 1));
  return `${JSON.stringify({ version: 2, ...meta, events }, null, 2)}\n`;
}
