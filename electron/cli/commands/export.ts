/**
 * `rinkside export VIDEO --start S --end S --out F.mp4 [--overlay boxes,ids,names,caption]
 * [--detections F.json | --db FILE]` — one clip; no --overlay means a clean clip. Prints one JSON
 * line on stdout; progress with ETA on stderr when it is a terminal.
 */
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { DetectionFrame } from '../../contract/detection.ts';
import type { Overlays } from '../../contract/export.ts';
import { fromJson } from '../../engine/detections/json.ts';
import type { TrackStyle } from '../../engine/export/ass-overlay.ts';
import { exportClip } from '../../engine/export/clip.ts';
import { editedDetections, trackStyles } from '../../engine/export/event-clips.ts';
import { formatClock } from '../../engine/export/event-caption.ts';
import { createLogger, stderrSink, type Logger } from '../../engine/log.ts';
import { readRegularText, refuseNonRegularFile } from '../../engine/media/regular-file.ts';
import { createTools } from '../../engine/media/tools.ts';
import { openDatabase } from '../../engine/store/db.ts';
import { checkLibraryFile } from '../../engine/store/library-file.ts';
import { latestDoneRun } from '../../engine/store/detections.ts';
import { getRoster } from '../../engine/store/roster.ts';
import { listGames } from '../../engine/store/games.ts';
import { listVideos } from '../../engine/store/videos.ts';
import { usage } from '../cli-error.ts';
import { parseFlags } from '../flags.ts';
import { createProgressBar } from '../progress-bar.ts';

const OVERLAY_NAMES = ['boxes', 'ids', 'names', 'caption'] as const;

/** A time flag in seconds: a finite, non-negative number. */
export function parseSeconds(flag: string, value: string | undefined): number {
  if (value === undefined) throw usage(`--${flag} is required (seconds, e.g. --${flag} 12.5)`);
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0)
    throw usage(`--${flag} must be a number of seconds ≥ 0, not "${value}"`);
  return n;
}

/** "boxes,ids" → Overlays with just those on; undefined (no flag) → null, a clean clip. */
export function parseOverlay(value: string | undefined): Overlays | null {
  if (value === undefined) return null;
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const unknown = names.filter((n) => !(OVERLAY_NAMES as readonly string[]).includes(n));
  if (names.length === 0 || unknown.length > 0) {
    throw usage(
      `--overlay takes a list of ${OVERLAY_NAMES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
    );
  }
  return {
    boxes: names.includes('boxes'),
    ids: names.includes('ids'),
    names: names.includes('names'),
    caption: names.includes('caption'),
  };
}

export function cliLogger(): Logger {
  return createLogger(stderrSink(process.env.RINKSIDE_LOG === 'debug' ? 'debug' : 'warn'), 'cli');
}

async function detectionsFromJson(file: string): Promise<DetectionFrame[]> {
  return fromJson(await readRegularText(file, 'detections')).frames;
}

/**
 * Detections of the clip's span from a library file: the video by its path, its latest finished
 * analysis run, the analyst's track edits applied, and player labels / team colours of linked
 * tracks. Opening runs the migrations like any other open.
 */
function overlayFromDb(
  dbFile: string,
  src: string,
  startS: number,
  endS: number,
): { frames: DetectionFrame[]; tracks: Map<number, TrackStyle> } {
  const file = path.resolve(dbFile);
  if (checkLibraryFile(file) === 'absent') throw new AppFailure('not-found', `The library "${file}" does not exist.`);
  const db = openDatabase(file);
  try {
    const store = { db, deviceId: 'cli', now: () => new Date().toISOString() };
    const video = listGames(store)
      .flatMap((game) => listVideos(store, game.id))
      .find((v) => path.resolve(v.path) === src);
    if (!video)
      throw new AppFailure(
        'not-found',
        `The library "${file}" has no video at "${src}". Analyse it first (rinkside analyze VIDEO --db ${dbFile}).`,
      );
    const run = latestDoneRun(store, video.id);
    if (!run) throw new AppFailure('not-found', `"${src}" has no finished analysis in "${file}".`);
    // A second either side so boxes between the edge frames and their analysed neighbours interpolate.
    const frames = editedDetections(store, run.id, Math.max(0, startS - 1), endS + 1);
    return { frames, tracks: trackStyles(store, run.id, getRoster(store, video.gameId)) };
  } finally {
    db.close();
  }
}

export async function exportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    start: { type: 'string' },
    end: { type: 'string' },
    out: { type: 'string' },
    overlay: { type: 'string' },
    detections: { type: 'string' },
    db: { type: 'string' },
  });
  const [video] = positionals;
  if (!video || positionals.length > 1)
    throw usage('rinkside export VIDEO --start S --end S --out F.mp4 — give exactly one video');
  const startS = parseSeconds('start', values.start);
  const endS = parseSeconds('end', values.end);
  if (!(endS > startS)) throw usage(`--end (${endS}) must be after --start (${startS})`);
  if (!values.out) throw usage('--out F.mp4 is required');
  if (path.extname(values.out).toLowerCase() !== '.mp4') throw usage('--out must name an .mp4 file');
  const show = parseOverlay(values.overlay);
  if (values.detections && values.db) throw usage('give --detections or --db, not both');
  const needsBoxes = show !== null && (show.boxes || show.ids || show.names);
  if (needsBoxes && !values.detections && !values.db) {
    throw usage('--overlay boxes/ids/names needs detections: add --detections F.json or --db FILE');
  }

  const log = cliLogger();
  const src = path.resolve(video);
  await refuseNonRegularFile(src, 'video');
  const tools = await createTools({ log })();
  let detections: DetectionFrame[] = [];
  let tracks: Map<number, TrackStyle> | undefined;
  if (needsBoxes && values.detections) detections = await detectionsFromJson(path.resolve(values.detections));
  if (needsBoxes && values.db) ({ frames: detections, tracks } = overlayFromDb(values.db, src, startS, endS));

  const controller = new AbortController();
  const onInt = () => controller.abort();
  process.once('SIGINT', onInt);
  process.once('SIGTERM', onInt);
  const bar = createProgressBar('export');
  try {
    const result = await exportClip({
      tools,
      src,
      startS,
      endS,
      out: path.resolve(values.out),
      overlay: show && {
        detections,
        show,
        ...(tracks ? { tracks } : {}),
        caption: `${path.basename(src)} · ${formatClock(startS)}–${formatClock(endS)}`,
      },
      log,
      signal: controller.signal,
      onProgress: (p) =>
        bar.update(
          Math.round(p.doneS * 10) / 10,
          Math.round(p.totalS * 10) / 10,
          p.etaS === null ? '' : `clip ETA ${p.etaS.toFixed(0)}s`,
        ),
    });
    bar.done();
    for (const warning of result.warnings) process.stderr.write(`rinkside: warning: ${warning}\n`);
    process.stdout.write(
      `${JSON.stringify({
        out: result.path,
        frames: result.frames,
        duration_s: Number(result.durationS.toFixed(6)),
        first_frame_s: result.firstFrameS,
        overlay: show !== null,
        boxes_per_frame: result.maxBoxesPerFrame,
        warnings: result.warnings,
      })}\n`,
    );
    return 0;
  } finally {
    process.off('SIGINT', onInt);
    process.off('SIGTERM', onInt);
  }
}
