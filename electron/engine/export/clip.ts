/**
 * Exports one clip: a frame-accurate re-encoded cut of a video, clean or with the analysis overlay
 * burned in, in one ffmpeg run. The file appears under its name only when complete: ffmpeg writes
 * a temporary name in the same folder, renamed on success and removed on failure or cancel.
 */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { DetectionFrame } from '../../contract/detection.ts';
import type { Overlays } from '../../contract/export.ts';
import type { Logger } from '../log.ts';
import { probeVideo } from '../media/probe.ts';
import { createProgressParser, createRateEstimator } from '../media/progress.ts';
import { runTool } from '../media/run-ffmpeg.ts';
import type { MediaTools } from '../media/tools.ts';
import { buildAssOverlay, type TrackStyle } from './ass-overlay.ts';
import { clipArgs, DEFAULT_ENCODER, type EncoderSettings } from './clip-args.ts';
import { selectCut, videoPacketTimes } from './cut.ts';
import { pictureSize } from './reel-format.ts';
import { checkOutputFile, commitFile, discardTemporary, reserveTemporary } from './output-file.ts';
import { requireExportTools } from './tool-check.ts';

export interface ClipOverlay {
  detections: readonly DetectionFrame[];
  show: Overlays;
  tracks?: ReadonlyMap<number, TrackStyle>;
  caption?: string | null;
  defaultColour?: string;
  maxGapS?: number;
}

export interface ClipProgress {
  /** Seconds of the clip encoded so far, of totalS. */
  doneS: number;
  totalS: number;
  /** Smoothed seconds of clip per second and seconds left (null while unknown). */
  rate: number;
  etaS: number | null;
}

export interface ExportClipOptions {
  tools: MediaTools;
  src: string;
  /** Source times in seconds (presentation timestamps): the clip holds frames with start ≤ pts < end. */
  startS: number;
  endS: number;
  out: string;
  /** null: a clean clip. */
  overlay: ClipOverlay | null;
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: ClipProgress) => void;
  /** The ffmpeg process id, once started (tests check that cancel leaves none behind). */
  onSpawn?: (pid: number) => void;
  /** Folder of the overlay fonts; defaults to the repository's resources/fonts. */
  fontsDir?: string;
  encoder?: EncoderSettings;
  /** The source's probe when the caller has it. */
  probe?: VideoProbe;
}

export interface ClipResult {
  path: string;
  frames: number;
  durationS: number;
  /** Source pts of the clip's first and last frames. */
  firstFrameS: number;
  lastFrameS: number;
  warnings: string[];
  /** Boxes drawn on the busiest frame (0 for a clean clip). */
  maxBoxesPerFrame: number;
  /** Seconds spent making the file: overlay script and encode, without the probes before. */
  encodeS: number;
}

/** resources/fonts of this checkout; a packaged app passes its own (process.resourcesPath). */
export function defaultFontsDir(): string {
  return fileURLToPath(new URL('../../../resources/fonts/', import.meta.url));
}

export async function checkSource(src: string): Promise<void> {
  try {
    const info = await stat(src);
    if (!info.isFile()) throw new AppFailure('not-found', `The video "${src}" is not a file.`);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new AppFailure('not-found', `The video "${src}" does not exist. It may have been moved or renamed.`);
    }
    throw new AppFailure('unreadable', `Rinkside cannot read "${src}".`, String(error));
  }
}

/** Writes a clip's overlay as an ASS script (drawing coordinates = the picture's pixels). */
export async function writeOverlayScript(
  file: string,
  overlay: ClipOverlay,
  o: { width: number; height: number; frameTimes: readonly number[]; fontsDir: string | undefined },
): Promise<{ ass: { file: string; fontsDir: string }; maxBoxesPerFrame: number }> {
  const built = buildAssOverlay({ width: o.width, height: o.height, frameTimes: o.frameTimes, ...overlay });
  await writeFile(file, built.text, 'utf8');
  return { ass: { file, fontsDir: o.fontsDir ?? defaultFontsDir() }, maxBoxesPerFrame: built.maxBoxesPerFrame };
}

export async function exportClip(options: ExportClipOptions): Promise<ClipResult> {
  const { tools, src, log, signal } = options;
  await checkSource(src);
  const out = await checkOutputFile(options.out, 'clip');
  await requireExportTools(tools.ffmpeg, options.overlay !== null);
  const probe = options.probe ?? (await probeVideo(tools, src, { log, signal }));
  const packets = await videoPacketTimes(tools, src, options.startS, options.endS, { log, signal });
  const cut = selectCut(packets, options.startS, options.endS);
  for (const warning of cut.warnings) log.warn(warning, { src });

  // Autorotated pictures reach the filters turned; the overlay is drawn on what the filter sees.
  const { width, height } = pictureSize(probe);

  let partial: string | null = null;
  let scratch: string | null = null;
  let maxBoxes = 0;
  const encodeStarted = performance.now();
  try {
    partial = await reserveTemporary(out);
    let ass: { file: string; fontsDir: string } | null = null;
    if (options.overlay) {
      scratch = await mkdtemp(path.join(os.tmpdir(), 'rinkside-overlay-'));
      const script = await writeOverlayScript(path.join(scratch, 'overlay.ass'), options.overlay, {
        width,
        height,
        frameTimes: cut.frames,
        fontsDir: options.fontsDir,
      });
      maxBoxes = script.maxBoxesPerFrame;
      ass = script.ass;
    }
    const args = clipArgs({
      src,
      out: partial,
      cut,
      hasAudio: probe.audio !== null,
      width,
      height,
      ass,
      encoder: options.encoder ?? DEFAULT_ENCODER,
    });
    const parser = createProgressParser();
    const estimator = createRateEstimator();
    const totalS = cut.durationS;
    options.onProgress?.({ doneS: 0, totalS, rate: 0, etaS: null });
    await runTool(tools.ffmpeg, args, {
      log,
      signal,
      subject: src,
      collectStdout: false,
      onSpawn: options.onSpawn,
      onStdout: (chunk) => {
        for (const block of parser.push(chunk)) {
          if (block.doneS === null || !options.onProgress) continue;
          const doneS = Math.min(block.doneS, totalS);
          const { rate, etaS } = estimator.update(doneS, totalS, performance.now());
          options.onProgress({ doneS, totalS, rate, etaS });
        }
      },
    });
    if (signal?.aborted) throw new AppFailure('cancelled', 'Cancelled');
    await commitFile(partial, out);
  } catch (error) {
    await discardTemporary(partial);
    throw error;
  } finally {
    if (scratch) await rm(scratch, { recursive: true, force: true });
  }
  return {
    path: out,
    frames: cut.frames.length,
    durationS: cut.durationS,
    firstFrameS: cut.frames[0] ?? 0,
    lastFrameS: cut.frames.at(-1) ?? 0,
    warnings: cut.warnings,
    maxBoxesPerFrame: maxBoxes,
    encodeS: (performance.now() - encodeStarted) / 1000,
  };
}
