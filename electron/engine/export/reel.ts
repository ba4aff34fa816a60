/**
 * A highlight reel: the selected events, in order, in one mp4. Each segment is cut and encoded
 * exactly like a single clip (frame-accurate, overlay burned in) at one common size and audio
 * layout, then the segments are joined without re-encoding (concat demuxer, stream copy).
 * Segments live in a hidden folder beside the output, which is removed whatever happens; the reel
 * itself is written under a temporary name and renamed when complete.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import type { Logger } from '../log.ts';
import { probeVideo } from '../media/probe.ts';
import { runTool } from '../media/run-ffmpeg.ts';
import type { MediaTools } from '../media/tools.ts';
import { trackBatch, type BatchProgress } from './batch-progress.ts';
import type { EncoderSettings } from './clip-args.ts';
import { exportClip, temporaryName, type ClipOverlay } from './clip.ts';

export interface ReelSegment {
  src: string;
  startS: number;
  endS: number;
  overlay: ClipOverlay | null;
  probe?: VideoProbe;
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
}

export interface ReelResult {
  path: string;
  frames: number;
  durationS: number;
  /** Where each segment starts in the reel (seconds). */
  segmentStartsS: number[];
  warnings: string[];
}

/** A line of the concat demuxer's list: single quotes, each quote written as '\''. */
function concatLine(file: string): string {
  return `file '${file.split(path.sep).join('/').replace(/'/g, `'\\''`)}'`;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

export async function exportReel(options: ExportReelOptions): Promise<ReelResult> {
  const { tools, segments, log, signal } = options;
  if (segments.length === 0) throw new AppFailure('invalid-args', 'A reel needs at least one event.');
  const out = path.resolve(options.out);
  const dirInfo = await stat(path.dirname(out)).catch(() => null);
  if (!dirInfo?.isDirectory())
    throw new AppFailure('not-found', `The folder "${path.dirname(out)}" for the reel does not exist.`);

  const probes = new Map<string, VideoProbe>();
  for (const s of segments) {
    const src = path.resolve(s.src);
    if (s.probe) probes.set(src, s.probe);
    if (!probes.has(src)) {
      await stat(src).catch(() => {
        throw new AppFailure('not-found', `The video "${src}" does not exist. It may have been moved or renamed.`);
      });
      probes.set(src, await probeVideo(tools, src, { log, signal }));
    }
  }
  // Every segment takes the first one's size: stream-copy joining needs identical streams.
  const first = probes.get(path.resolve(segments[0]?.src ?? '')) as VideoProbe;
  const turned = Math.abs(first.rotation) % 180 === 90;
  const uniform = {
    width: even(turned ? first.height : first.width),
    height: even(turned ? first.width : first.height),
  };

  const work = path.join(path.dirname(out), `.${path.basename(out)}.${randomBytes(4).toString('hex')}.segments`);
  const partial = temporaryName(out);
  const tracker = trackBatch(
    segments.map((s) => Math.max(0, s.endS - s.startS)),
    options.onProgress,
  );
  const warnings: string[] = [];
  const starts: number[] = [];
  let frames = 0;
  let durationS = 0;
  try {
    await mkdir(work);
    const files: string[] = [];
    for (const [index, s] of segments.entries()) {
      const file = path.join(work, `${String(index).padStart(5, '0')}.mp4`);
      const src = path.resolve(s.src);
      const result = await exportClip({
        tools,
        src,
        startS: s.startS,
        endS: s.endS,
        out: file,
        overlay: s.overlay,
        log,
        signal,
        probe: probes.get(src),
        uniform,
        onProgress: tracker.forClip(index),
        onSpawn: options.onSpawn,
        ...(options.fontsDir ? { fontsDir: options.fontsDir } : {}),
        ...(options.encoder ? { encoder: options.encoder } : {}),
      });
      tracker.finished(index, result.durationS);
      warnings.push(...result.warnings.map((w) => `Event ${index + 1}: ${w}`));
      starts.push(durationS);
      frames += result.frames;
      durationS += result.durationS;
      files.push(file);
    }
    const list = path.join(work, 'list.txt');
    await writeFile(list, `${files.map(concatLine).join('\n')}\n`, 'utf8');
    await runTool(
      tools.ffmpeg,
      [
        '-nostdin',
        '-hide_banner',
        '-v',
        'error',
        '-y',
        '-f',
        'concat',
        '-safe',
        '0',
        '-i',
        list,
        '-map',
        '0',
        '-c',
        'copy',
        '-movflags',
        '+faststart',
        '-f',
        'mp4',
        partial,
      ],
      { log, signal, subject: out, onSpawn: options.onSpawn },
    );
    if (signal?.aborted) throw new AppFailure('cancelled', 'Cancelled');
    await rename(partial, out);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { path: out, frames, durationS, segmentStartsS: starts, warnings };
}
