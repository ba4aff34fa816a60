/**
 * Imports a Sportscode timeline into a game as events on one video. Codes are matched by name (any
 * letter case) and created when missing, with the file's colour; labels fill the descriptors they
 * name (Period, Team, Player, Strength, Outcome, Note) and any other label is kept in the note.
 * Importing the same file twice adds nothing: an instance equal to a live event (same Rinkside id,
 * or same code and span) is skipped.
 *
 * A timeline can hold tens of thousands of instances: events are found by id and by span through
 * indexes (never by scanning every event per instance), and the import pauses every few hundred
 * events so the engine keeps answering other commands meanwhile.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Descriptors, GameEvent } from '../../contract/tagging.ts';
import { Strength } from '../../contract/tagging.ts';
import { listCodes, saveCode } from '../store/codes.ts';
import { createEvent, listEvents } from '../store/events.ts';
import { getGame, type StoreContext } from '../store/games.ts';
import { getRoster } from '../store/roster.ts';
import { getVideo } from '../store/videos.ts';
import { playerLabel } from './event-data.ts';
import { labelIn, LABEL_GROUPS, type SportscodeImport, type SportscodeInstance } from './sportscode.ts';

export interface SportscodeImportResult {
  imported: number;
  skipped: number;
  warnings: string[];
}

const PERIODS = new Set(['1', '2', '3', 'OT', 'SO']);
const KNOWN_GROUPS = new Set(Object.values(LABEL_GROUPS).map((g) => g.toLowerCase()));
const DEFAULT_COLOUR = '#8A8F98';
const MAX_CODE_NAME = 60;

/** Events created between two pauses that let the engine answer other commands. */
const BATCH = 250;

function sameSpan(e: GameEvent, code: string, startS: number, endS: number): boolean {
  return (
    e.codeName.toLowerCase() === code.toLowerCase() &&
    Math.abs(e.startS - startS) < 0.001 &&
    Math.abs(e.endS - endS) < 0.001
  );
}

/** Live events by id and by (code, start to the millisecond), for the "already imported" check. */
function eventIndex(events: readonly GameEvent[]) {
  const ids = new Set<string>();
  const bySpan = new Map<string, GameEvent[]>();
  const key = (code: string, startMs: number) => `${code.toLowerCase()}\u0000${startMs}`;
  const add = (e: GameEvent) => {
    ids.add(e.id);
    const k = key(e.codeName, Math.round(e.startS * 1000));
    const list = bySpan.get(k);
    if (list) list.push(e);
    else bySpan.set(k, [e]);
  };
  for (const e of events) add(e);
  return {
    add,
    has(id: string | null, code: string, startS: number, endS: number): boolean {
      if (id !== null && ids.has(id)) return true;
      // Starts within 1 ms may round to the neighbouring millisecond.
      const ms = Math.round(startS * 1000);
      return [ms - 1, ms, ms + 1].some((m) => bySpan.get(key(code, m))?.some((e) => sameSpan(e, code, startS, endS)));
    },
  };
}

/** Adds a parsed timeline's instances to a game as events on one video. */
export async function importSportscode(
  store: StoreContext,
  gameId: string,
  videoId: string,
  parsed: SportscodeImport,
): Promise<SportscodeImportResult> {
  const warnings = [...parsed.warnings];
  let skipped = parsed.skipped;
  let imported = 0;
  const video = getVideo(store, videoId);
  const fps = video.probe.fps > 0 ? video.probe.fps : 30;
  const frameAt = (s: number) => Math.max(0, Math.round((s - video.probe.firstFrameTimeS) * fps));
  const roster = getRoster(store, gameId);
  const game = getGame(store, gameId);
  // "home"/"away", a roster team's name, or the game's home/away team name.
  const sideOf = (team: string): 'home' | 'away' | undefined => {
    if (team === 'home' || team === 'away') return team;
    const named = roster.teams.find((t) => t.name.toLowerCase() === team)?.side;
    if (named) return named;
    if (game.home.toLowerCase() === team) return 'home';
    if (game.away.toLowerCase() === team) return 'away';
    return undefined;
  };
  const existing = eventIndex(listEvents(store, gameId));
  const codes = new Map(listCodes(store).map((c) => [c.name.toLowerCase(), c]));
  let sortOrder = [...codes.values()].reduce((most, c) => Math.max(most, c.sortOrder), 0) + 1;

  // A code's name is at most 60 characters: a longer one in the file means the code cut to fit,
  // both when finding or creating the code and when checking for events already imported.
  const fitted = (name: string) => name.slice(0, MAX_CODE_NAME);
  const codeFor = (fileName: string) => {
    const name = fitted(fileName);
    let code = codes.get(name.toLowerCase());
    if (!code) {
      const colour = parsed.colours.get(fileName) ?? DEFAULT_COLOUR;
      code = saveCode(store, undefined, {
        name,
        hotkey: null,
        colour,
        leadS: 0,
        lagS: 0,
        mode: 'span',
        sortOrder: Math.min(10_000, sortOrder++),
      });
      codes.set(name.toLowerCase(), code);
      warnings.push(`Code "${fileName}" did not exist and was created${name === fileName ? '' : ` as "${name}"`}.`);
    }
    return code;
  };

  const descriptorsOf = (i: SportscodeInstance): { descriptors: Descriptors; note: string } => {
    const d: Descriptors = {};
    const period = labelIn(i, LABEL_GROUPS.period)?.toUpperCase().replace(/^P/, '');
    if (period && PERIODS.has(period)) d.period = period as Descriptors['period'];
    const team = labelIn(i, LABEL_GROUPS.team)?.toLowerCase();
    const side = team === undefined ? undefined : sideOf(team);
    if (side) d.team = side;
    const player = labelIn(i, LABEL_GROUPS.player)?.toLowerCase();
    const match = player
      ? roster.players.find((p) => playerLabel(p).toLowerCase() === player || p.name.toLowerCase() === player)
      : undefined;
    if (match) d.playerId = match.id;
    const strength = Strength.safeParse(labelIn(i, LABEL_GROUPS.strength));
    if (strength.success) d.strength = strength.data;
    const outcome = labelIn(i, LABEL_GROUPS.outcome);
    if (outcome) d.outcome = outcome.slice(0, 60);
    // Labels Rinkside has no field for stay readable in the note.
    const extra = i.labels
      .filter((l) => !l.group || !KNOWN_GROUPS.has(l.group.toLowerCase()))
      .map((l) => (l.group ? `${l.group}: ${l.text}` : l.text));
    const unmatched = [
      ...(team && !side ? [`Team: ${labelIn(i, LABEL_GROUPS.team)}`] : []),
      ...(player && !match ? [`Player: ${labelIn(i, LABEL_GROUPS.player)}`] : []),
    ];
    const note = [labelIn(i, LABEL_GROUPS.note) ?? '', ...unmatched, ...extra].filter((s) => s !== '').join('\n');
    return { descriptors: d, note: note.slice(0, 2000) };
  };

  let sinceBreak = 0;
  for (const i of parsed.instances) {
    if (++sinceBreak >= BATCH) {
      sinceBreak = 0;
      await nextTurn();
    }
    if (existing.has(labelIn(i, LABEL_GROUPS.id), fitted(i.code), i.startS, i.endS)) {
      skipped++;
      continue;
    }
    const code = codeFor(i.code);
    const { descriptors, note } = descriptorsOf(i);
    const startFrame = frameAt(i.startS);
    const event = createEvent(store, {
      gameId,
      videoId,
      codeId: code.id,
      startS: i.startS,
      endS: i.endS,
      startFrame,
      endFrame: Math.max(startFrame, frameAt(i.endS)),
      descriptors,
      note,
    });
    existing.add(event);
    imported++;
  }
  return { imported, skipped, warnings };
}
