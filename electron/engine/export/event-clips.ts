/**
 * From tagged events to what the clip exporter needs: each event's video, span, caption and, when
 * overlays are on, the boxes of the video's latest finished analysis with the analyst's track
 * edits applied, player labels and team colours from the roster.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import type { DetectionFrame } from '../../contract/detection.ts';
import type { Overlays } from '../../contract/export.ts';
import type { GameEvent, Roster } from '../../contract/tagging.ts';
import { listCodes } from '../store/codes.ts';
import { latestDoneRun, readDetections } from '../store/detections.ts';
import type { StoreContext } from '../store/games.ts';
import { getRoster } from '../store/roster.ts';
import { createTrackIdResolver, listTrackLinks } from '../store/track-edits.ts';
import { getVideo } from '../store/videos.ts';
import type { TrackStyle } from './ass-overlay.ts';
import type { ClipOverlay } from './clip.ts';
import { eventCaption, formatClock } from './event-caption.ts';
import { playerLabel } from './event-data.ts';
import type { ReelSegment } from './reel.ts';
import { affiliationColours } from '../../contract/affiliation.ts';
import { runAffiliations } from '../affiliation/run-affiliations.ts';

export interface EventClip extends ReelSegment {
  event: GameEvent;
  /** A file name for the clip: "03 Shot P2 12-34.5.mp4". */
  fileName: string;
}

/** Characters no file system takes, and control characters, become '-'. */
export function safeFileName(text: string): string {
  const clean = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.replace(/^\.+/, '').slice(0, 120) || 'clip';
}

/** Anything at the path, a dangling symbolic link included. */
function occupied(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** `dir/name.mp4`, or `dir/name (2).mp4` … when taken, so an export never overwrites a file. */
export function freePath(dir: string, base: string, ext: string, taken: Set<string> = new Set()): string {
  for (let n = 1; ; n++) {
    const file = path.join(dir, `${base}${n === 1 ? '' : ` (${n})`}${ext}`);
    if (!taken.has(file) && !occupied(file)) {
      taken.add(file);
      return file;
    }
  }
}

/**
 * How each track is drawn, as on the overlay: a linked player's label and team colour; else the
 * colour of its jersey team, or the officials' colour; people off the ice are left out.
 */
export function trackStyles(store: StoreContext, runId: string, roster: Roster): Map<number, TrackStyle> {
  const players = new Map(roster.players.map((p) => [p.id, p]));
  const teams = new Map(roster.teams.map((t) => [t.id, t]));
  const styles = new Map<number, TrackStyle>();
  const affiliations = runAffiliations(store, runId);
  const palette = affiliationColours(affiliations, roster.teams);
  for (const t of affiliations.tracks) {
    styles.set(t.trackId, { colour: palette[t.affiliation] ?? null, hidden: t.affiliation === 'off-ice' });
  }
  for (const [trackId, playerId] of listTrackLinks(store, runId)) {
    const player = playerId ? players.get(playerId) : undefined;
    if (!player) continue;
    const jersey = styles.get(trackId);
    styles.set(trackId, {
      name: playerLabel(player),
      colour: teams.get(player.teamId)?.colour ?? jersey?.colour ?? null,
      hidden: jersey?.hidden ?? false,
    });
  }
  return styles;
}

/** Stored detections of [fromS, toS] with the ids the analyst sees after merges and splits. */
export function editedDetections(store: StoreContext, runId: string, fromS: number, toS: number): DetectionFrame[] {
  const resolve = createTrackIdResolver(store, runId);
  return readDetections(store, runId, fromS, toS).map((f) => ({
    ...f,
    boxes: f.boxes.map((b) => ({ ...b, trackId: resolve(b.trackId, f.index) })),
  }));
}

export function eventClips(
  store: StoreContext,
  events: readonly GameEvent[],
  overlays: Overlays | null,
): { clips: EventClip[]; warnings: string[] } {
  const warnings: string[] = [];
  const leads = new Map(listCodes(store).map((c) => [c.id, c.leadS]));
  const rosters = new Map<string, Roster>();
  const needsBoxes = overlays !== null && (overlays.boxes || overlays.ids || overlays.names);
  const clips = events.map((event, k): EventClip => {
    const video = getVideo(store, event.videoId);
    // The tagged moment: the key press, i.e. the start plus the code's lead (within the event).
    const moment = Math.min(event.endS, event.startS + (leads.get(event.codeId) ?? 0));
    const caption = eventCaption({ code: event.codeName, period: event.descriptors.period, clockS: moment });
    const base = safeFileName(`${String(k + 1).padStart(2, '0')} ${caption.replace(/ · /g, ' ').replace(/:/g, '-')}`);
    let overlay: ClipOverlay | null = null;
    if (overlays) {
      overlay = { detections: [], show: overlays, caption };
      if (needsBoxes) {
        const run = latestDoneRun(store, video.id);
        if (!run) {
          warnings.push(`${video.fileName} has no finished analysis: event ${k + 1} (${event.codeName}) has no boxes.`);
        } else {
          let roster = rosters.get(event.gameId);
          if (!roster) rosters.set(event.gameId, (roster = getRoster(store, event.gameId)));
          // A second either side, so frames at the edges interpolate from their analysed neighbours.
          overlay.detections = editedDetections(store, run.id, Math.max(0, event.startS - 1), event.endS + 1);
          overlay.tracks = trackStyles(store, run.id, roster);
        }
      }
    }
    return {
      event,
      src: video.path,
      startS: event.startS,
      endS: event.endS,
      overlay,
      probe: video.probe,
      title: caption,
      fileName: base,
    };
  });
  return { clips, warnings };
}

/** "Reel 2026-11-24 3 events" style base name for a highlight reel. */
export function reelBaseName(count: number, firstClockS: number): string {
  return safeFileName(
    `Reel ${new Date().toISOString().slice(0, 10)} ${count} event${count === 1 ? '' : 's'} from ${formatClock(firstClockS).replace(/:/g, '-')}`,
  );
}
