/**
 * Tagged events as data for other tools: CSV (spreadsheets) and JSON. One row per event, times in
 * video seconds (presentation timestamps) and frame indices, descriptors in words an analyst reads
 * (team name, "12 Smith").
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
}

/** "12 Smith", or the name alone when the player has no number. */
export function playerLabel(player: { name: string; number: number | null }): string {
  return player.number === null ? player.name : `${player.number} ${player.name}`;
}

/** Events (not deleted, in time order) with their roster names resolved. */
export function toEventRecords(events: readonly GameEvent[], roster: Roster): EventRecord[] {
  const players = new Map(roster.players.map((p) => [p.id, p]));
  const teams = new Map(roster.teams.map((t) => [t.side, t]));
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
        teamName: d.team ? (teams.get(d.team)?.name ?? null) : null,
        player: player ? playerLabel(player) : null,
        strength: d.strength ?? null,
        outcome: d.outcome ?? null,
        note: e.note,
        videoId: e.videoId,
      };
    });
}

const COLUMNS: Array<[string, (r: EventRecord) => string | number | null]> = [
  ['id', (r) => r.id],
  ['code', (r) => r.code],
  ['start_s', (r) => r.startS],
  ['end_s', (r) => r.endS],
  ['duration_s', (r) => Number((r.endS - r.startS).toFixed(6))],
  ['start_frame', (r) => r.startFrame],
  ['end_frame', (r) => r.endFrame],
  ['period', (r) => r.period],
  ['team', (r) => r.teamName ?? r.team],
  ['player', (r) => r.player],
  ['strength', (r) => r.strength],
  ['outcome', (r) => r.outcome],
  ['note', (r) => r.note],
  ['video_id', (r) => r.videoId],
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
  for (const r of records) lines.push(COLUMNS.map(([, get]) => csvField(get(r))).join(','));
  // CRLF as RFC 4180 says; a BOM so Excel reads UTF-8 names correctly.
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export interface EventsJsonMeta {
  game: { id: string; title: string; date: string; home: string; away: string } | null;
  exportedAt: string;
}

export function eventsToJson(records: readonly EventRecord[], meta: EventsJsonMeta): string {
  return `${JSON.stringify({ version: 1, ...meta, events: records }, null, 2)}\n`;
}
