/**
 * Imports a Sportscode timeline into a game as events on one video. Codes are matched by name (any
 * letter case) and created when missing, with the file's colour; labels fill the descriptors they
 * name (Period, Team, Player, Strength, Outcome, Note) and any other label is kept in the note.
 * Importing the same file twice adds nothing: an instance equal to a live event (same Rinkside id,
 * or same code and span) is skipped.
 */
import type { Descriptors, GameEvent } from '../../contract/tagging.ts';
import { Strength } from '../../contract/tagging.ts';
import { listCodes, saveCode } from '../store/codes.ts';
import { createEvent, listEvents } from '../store/events.ts';
import { getGame, type StoreContext } from '../store/games.ts';
import { getRoster } from '../store/roster.ts';
import { getVideo } from '../store/videos.ts';
import { playerLabel } from './event-data.ts';
import { labelIn, LABEL_GROUPS, parseSportscodeXml, type SportscodeInstance } from './sportscode.ts';

export interface SportscodeImportResult {
  imported: number;
  skipped: number;
  warnings: string[];
}

const PERIODS = new Set(['1', '2', '3', 'OT', 'SO']);
const KNOWN_GROUPS = new Set(Object.values(LABEL_GROUPS).map((g) => g.toLowerCase()));
const DEFAULT_COLOUR = '#8A8F98';

function sameSpan(e: GameEvent, code: string, startS: number, endS: number): boolean {
  return (
    e.codeName.toLowerCase() === code.toLowerCase() &&
    Math.abs(e.startS - startS) < 0.001 &&
    Math.abs(e.endS - endS) < 0.001
  );
}

export function importSportscode(
  store: StoreContext,
  gameId: string,
  videoId: string,
  xml: string,
): SportscodeImportResult {
  const parsed = parseSportscodeXml(xml);
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
  const existing = listEvents(store, gameId);
  const codes = new Map(listCodes(store).map((c) => [c.name.toLowerCase(), c]));
  let sortOrder = Math.max(0, ...[...codes.values()].map((c) => c.sortOrder)) + 1;

  const codeFor = (name: string) => {
    let code = codes.get(name.toLowerCase());
    if (!code) {
      const colour = parsed.colours.get(name) ?? DEFAULT_COLOUR;
      code = saveCode(store, undefined, {
        name: name.slice(0, 60),
        hotkey: null,
        colour,
        leadS: 0,
        lagS: 0,
        mode: 'span',
        sortOrder: Math.min(10_000, sortOrder++),
      });
      codes.set(name.toLowerCase(), code);
      warnings.push(`Code "${name}" did not exist and was created.`);
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

  for (const i of parsed.instances) {
    const rinksideId = labelIn(i, LABEL_GROUPS.id);
    if (existing.some((e) => e.id === rinksideId || sameSpan(e, i.code, i.startS, i.endS))) {
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
    existing.push(event);
    imported++;
  }
  return { imported, skipped, warnings };
}
