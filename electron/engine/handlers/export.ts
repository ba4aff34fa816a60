import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ClipExportResult } from '../../contract/export.ts';
import type { BatchProgress } from '../export/batch-progress.ts';
import { defaultFontsDir } from '../export/clip.ts';
import { exportClips } from '../export/clips.ts';
import { eventClips, freePath, reelBaseName } from '../export/event-clips.ts';
import { eventsToCsv, eventsToJson, toEventRecords } from '../export/event-data.ts';
import { motLine, motRows } from '../export/mot.ts';
import { checkOutputFolder, requireAbsolute } from '../export/output-file.ts';
import { exportReel } from '../export/reel.ts';
import { toSportscodeXml } from '../export/sportscode.ts';
import { importSportscode } from '../export/sportscode-import.ts';
import { parseSportscodeOffThread } from '../export/sportscode-thread.ts';
import { checkXmlSize } from '../export/xml-reader.ts';
import { readRegularText } from '../media/regular-file.ts';
import { writeFileAtomic } from '../export/write-file-atomic.ts';
import { getRun } from '../store/analysis-runs.ts';
import { listCodes } from '../store/codes.ts';
import { allDetections } from '../store/detections.ts';
import { getEvent, listEvents } from '../store/events.ts';
import { getGame } from '../store/games.ts';
import { getRoster } from '../store/roster.ts';
import { createTrackIdResolver } from '../store/track-edits.ts';
import { getVideo, listVideos } from '../store/videos.ts';
import { importedVideoPath } from '../media-server/library-media.ts';
import type { EngineContext, HandlerGroup } from '../context.ts';

/**
 * The overlay fonts: the checkout's resources/fonts, or beside the models folder in a packaged
 * app (both are shipped unpacked from the asar: libass opens the files itself).
 */
function fontsDir(modelsDir: string): string {
  const candidates = [
    defaultFontsDir(),
    path.join(path.dirname(modelsDir), 'resources', 'fonts'),
    path.join(path.dirname(modelsDir), 'fonts'),
  ];
  return candidates.find((dir) => existsSync(path.join(dir, 'DejaVuSans.ttf'))) ?? defaultFontsDir();
}

/** Clips, reels, event data (CSV, JSON, Sportscode XML) and tracks (MOT): the export window's commands. */
export function exportHandlers(ctx: EngineContext) {
  const { store, jobs, config } = ctx;

  return {
    'export.clips': async (args) => {
      const outDir = await checkOutputFolder(args.outDir);
      // Checked now, so a wrong selection fails the command rather than a job later.
      const events = args.eventIds.map((id) => getEvent(store, id));
      // null is a clean clip; otherwise the schema has filled in every overlay left unsaid.
      const { clips, warnings } = eventClips(store, events, args.overlays);
      // Every source must still be the file imported: refused now, and again when the job starts.
      const sourcesUnchanged = () =>
        Promise.all(
          [...new Set(events.map((e) => e.videoId))].map((id) => importedVideoPath(store, getVideo(store, id))),
        );
      await sourcesUnchanged();
      const subject = events[0]?.gameId ?? null;
      const jobId = jobs.start('export', subject, async (job): Promise<ClipExportResult> => {
        await sourcesUnchanged();
        const resolved = await ctx.tools();
        // The bar carries the overall progress and ETA; the stage names the clip and its own ETA.
        const report = (p: BatchProgress) =>
          job.progress({ done: p.doneS, total: p.totalS, stage: batchStage(args.mode, p) });
        const common = {
          tools: resolved,
          log: job.log,
          signal: job.signal,
          onProgress: report,
          fontsDir: fontsDir(config.modelsDir),
        };
        if (args.mode === 'reel') {
          const out = freePath(outDir, reelBaseName(clips.length, clips[0]?.startS ?? 0), '.mp4');
          const reel = await exportReel({ ...common, segments: clips, out });
          return { files: [reel.path], warnings: [...warnings, ...reel.warnings] };
        }
        const taken = new Set<string>();
        const items = clips.map((c) => ({ ...c, out: freePath(outDir, c.fileName, '.mp4', taken) }));
        const done = await exportClips({ ...common, items });
        return { files: done.clips.map((c) => c.path), warnings: [...warnings, ...done.warnings] };
      });
      return { jobId };
    },

    'export.events': async (args) => {
      const game = getGame(store, args.gameId);
      const events = listEvents(store, args.gameId);
      const roster = getRoster(store, args.gameId);
      let text: string;
      let count: number;
      if (args.format === 'sportscode') {
        // The Sportscode file stays as it always was: its Team label is the roster's name or the side.
        const records = toEventRecords(events, roster);
        text = toSportscodeXml(records, new Map(listCodes(store).map((c) => [c.name, c.colour])));
        count = records.length;
      } else {
        const videos = new Map(listVideos(store, args.gameId).map((v) => [v.id, v.fileName]));
        const records = toEventRecords(events, roster, { home: game.home, away: game.away, videos });
        const meta = { id: game.id, title: game.title, date: game.date, home: game.home, away: game.away };
        text =
          args.format === 'csv'
            ? eventsToCsv(records)
            : eventsToJson(records, { game: meta, exportedAt: new Date().toISOString() });
        count = records.length;
      }
      const file = await writeFileAtomic(args.path, [text]);
      return { path: file, count };
    },

    'import.sportscode': async (args) => {
      // A relative path would resolve against the engine's working directory: refused.
      const file = requireAbsolute(args.path, 'Sportscode XML');
      // Only a regular file, and refused by its size before reading: a huge file must not be loaded
      // into memory first, a named pipe would block the read forever.
      const text = await readRegularText(file, 'Sportscode XML', checkXmlSize);
      const parsed = await parseSportscodeOffThread(text, config.sportscodeWorkerEntry);
      const result = await importSportscode(store, args.gameId, args.videoId, parsed);
      ctx.changed(args.gameId);
      return result;
    },

    'export.tracks': async (args) => {
      getRun(store, args.runId);
      const resolveTrackId = createTrackIdResolver(store, args.runId);
      let rows = 0;
      function* lines(): Generator<string> {
        for (const row of motRows(allDetections(store.db, args.runId), { resolveTrackId })) {
          rows++;
          yield `${motLine(row)}\n`;
        }
      }
      const file = await writeFileAtomic(args.path, lines());
      return { path: file, rows };
    },
  } satisfies HandlerGroup;
}

/** "clip 2 of 5 · 0:12 left in this clip" — whole seconds, so the text changes about once a second. */
export function batchStage(mode: 'clips' | 'reel', p: Pick<BatchProgress, 'clipIndex' | 'clipCount' | 'clip'>): string {
  const base = `${mode === 'reel' ? 'reel part' : 'clip'} ${p.clipIndex + 1} of ${p.clipCount}`;
  if (p.clip.etaS === null) return base;
  const left = Math.max(0, Math.round(p.clip.etaS));
  return `${base} · ${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')} left in this ${mode === 'reel' ? 'part' : 'clip'}`;
}
