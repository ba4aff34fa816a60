/**
 * A highlight reel: the selected events, in order, in one mp4, from any mix of videos (frame
 * rates, sizes, pixel formats, with or without audio). Every clip is cut frame-accurately exactly
 * like a single clip (same frames, same overlay), then brought to the reel's one size and frame
 * rate and 48 kHz stereo audio, and the whole reel is encoded in one ffmpeg run (reel-args.ts).
 * Each clip is a chapter titled with its caption. The reel is written under a temporary name in
 * its folder and renamed when complete; the overlay scripts live in a temp folder removed after.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { Logger } from '../log.ts';
import { probeVideo } from '../media/probe.ts';
import { createProgressParser, createRateEstimator } from '../media/progress.ts';
import { runTool } from '../media/run-ffmpeg.ts';
import type { MediaTools } from '../media/tools.ts';
import { trackBatch, type BatchProgress } from './batch-progress.ts';
import { chaptersMetadata } from './chapters.ts';
import { DEFAULT_ENCODER, type EncoderSettings } from './clip-args.ts';
import { checkSource, writeOverlayScript, type ClipOverlay } from './clip.ts';
import { selectCut, videoPacketTimes, type Cut } from './cut.ts';
import { checkOutputFile, commitFile, discardTemporary, reserveTemporary } from './output-file.ts';
import { reelArgs, type ReelPart } from './reel-args.ts';
import { pictureSize, rateValue, reelFormat, segmentFrames, type ReelFormat } from './reel-format.ts';
import { requireExportTools } from './tool-check.ts';

export interface ReelSegment {
  src: string;
  startS: number;
  endS: number;
  overlay: ClipOverlay | null;
  probe?: VideoProbe;
  /** The chapter's title, e.g. "Shot · P2 · 12:34.5"; "Clip n" when absent. */
  title?: string;
}

export interface ExportReelOptions {
  tools: MediaTools;
  segments: readonly ReelSegment[];
  out: string;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  onSpawn?: (pid: number) => void;
  fontsDir?: string;
  encoder?: EncoderSettings;
  /** The reel's size and frame rate; by default the largest picture and highest rate of the sources. */
  format?: { width?: number; height?: number; fps?: number };
}

export interface ReelResult {
  path: string;
  /** Video frames of the reel, at its frame rate. */
  frames: number;
  durationS: number;
  format: ReelFormat;
  /** Where each segment starts in the reel (seconds). */
  segmentStartsS: number[];
  /** Source pts of each segment's first and last frames. */
  segmentFrames: { firstS: number; lastS: number; sourceFrames: number; reelFrames: number }[];
  warnings: string[];
}

async function probeSources(
  tools: MediaTools,
  segments: readonly ReelSegment[],
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<Map<string, VideoProbe>> {
  const probes = new Map<string, VideoProbe>();
  for (const s of segments) {
    const src = path.resolve(s.src);
    if (probes.has(src)) continue;
    await checkSource(src);
    probes.set(src, s.probe ?? (await probeVideo(tools, src, { log, signal })));
  }
  return probes;
}

export async function exportReel(options: ExportReelOptions): Promise<ReelResult> {
  const { tools, segments, log, signal } = options;
  if (segments.length === 0) throw new AppFailure('invalid-args', 'A reel needs at least one event.');
  const out = await checkOutputFile(options.out, 'reel');
  await requireExportTools(
    tools.ffmpeg,
    segments.some((s) => s.overlay !== null),
  );
  const probes = await probeSources(tools, segments, log, signal);
  const cuts: Cut[] = [];
  const warnings: string[] = [];
  for (const [index, s] of segments.entries()) {
    const src = path.resolve(s.src);
    const packets = await videoPacketTimes(tools, src, s.startS, s.endS, { log, signal });
    const cut = selectCut(packets, s.startS, s.endS);
    for (const warning of cut.warnings) log.warn(warning, { src });
    warnings.push(...cut.warnings.map((w) => `Event ${index + 1}: ${w}`));
    cuts.push(cut);
  }
  const format = reelFormat([...probes.values()], options.format);
  const fps = rateValue(format.rate);
  const frames = cuts.map((cut) => segmentFrames(cut.durationS, format.rate));
  const starts = frames.map((_, k) => frames.slice(0, k).reduce((a, b) => a + b, 0) / fps);
  const lengths = frames.map((n) => n / fps);
  const totalFrames = frames.reduce((a, b) => a + b, 0);

  const scratch = await mkdtemp(path.join(os.tmpdir(), 'rinkside-reel-'));
  let partial: string | null = null;
  try {
    const parts: ReelPart[] = [];
    for (const [k, s] of segments.entries()) {
      const src = path.resolve(s.src);
      const probe = probes.get(src) as VideoProbe;
      const cut = cuts[k] as Cut;
      const script = s.overlay
        ? await writeOverlayScript(path.join(scratch, `overlay-${k}.ass`), s.overlay, {
            ...pictureSize(probe),
            frameTimes: cut.frames,
            fontsDir: options.fontsDir,
          })
        : null;
      parts.push({ src, cut, hasAudio: probe.audio !== null, ass: script?.ass ?? null, frames: frames[k] ?? 1 });
    }
    const chapters = path.join(scratch, 'chapters.txt');
    const titles = segments.map((s, k) => s.title ?? `Clip ${k + 1}`);
    await writeFile(
      chapters,
      chaptersMetadata(
        titles.map((title, k) => ({ title, startS: starts[k] ?? 0, endS: (starts[k] ?? 0) + (lengths[k] ?? 0) })),
      ),
      'utf8',
    );
    partial = await reserveTemporary(out);
    await runReel(
      tools,
      reelArgs({ parts, format, chapters, out: partial, encoder: options.encoder ?? DEFAULT_ENCODER }),
      {
        ...options,
        starts,
        lengths,
      },
    );
    if (signal?.aborted) throw new AppFailure('cancelled', 'Cancelled');
    await commitFile(partial, out);
  } catch (error) {
    await discardTemporary(partial);
    throw error;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return {
    path: out,
    frames: totalFrames,
    durationS: totalFrames / fps,
    format,
    segmentStartsS: starts,
    segmentFrames: cuts.map((cut, k) => ({
      firstS: cut.frames[0] ?? 0,
      lastS: cut.frames.at(-1) ?? 0,
      sourceFrames: cut.frames.length,
      reelFrames: frames[k] ?? 0,
    })),
    warnings,
  };
}

/** One ffmpeg run; its output time is mapped to the clip being encoded for the progress bars. */
async function runReel(
  tools: MediaTools,
  args: string[],
  o: ExportReelOptions & { starts: number[]; lengths: number[] },
): Promise<void> {
  const tracker = trackBatch(o.lengths, o.onProgress);
  const parser = createProgressParser();
  let clipIndex = 0;
  let estimator = createRateEstimator();
  const report = (reelS: number) => {
    while (clipIndex < o.lengths.length - 1 && reelS >= (o.starts[clipIndex + 1] ?? Infinity)) {
      // Every clip reports its end, even one ffmpeg passed between two progress reports.
      const length = o.lengths[clipIndex] ?? 0;
      tracker.forClip(clipIndex)({
        doneS: length,
        totalS: length,
        rate: estimator.update(length, length, performance.now()).rate,
        etaS: 0,
      });
      tracker.finished(clipIndex, length);
      clipIndex++;
      estimator = createRateEstimator();
    }
    const totalS = o.lengths[clipIndex] ?? 0;
    const doneS = Math.min(totalS, Math.max(0, reelS - (o.starts[clipIndex] ?? 0)));
    const { rate, etaS } = estimator.update(doneS, totalS, performance.now());
    tracker.forClip(clipIndex)({ doneS, totalS, rate, etaS });
  };
  report(0);
  await runTool(tools.ffmpeg, args, {
    log: o.log,
    signal: o.signal,
    subject: o.out,
    collectStdout: false,
    onSpawn: o.onSpawn,
    onStdout: (chunk) => {
      for (const block of parser.push(chunk)) if (block.doneS !== null) report(block.doneS);
    },
  });
}
