/**
 * One file per selected event, one after another, with progress per clip and overall. A cancel
 * stops at the clip in progress (its temporary file is removed); the clips already finished are
 * complete files and stay.
 */
import type { Logger } from '../log.ts';
import type { MediaTools } from '../media/tools.ts';
import { trackBatch, type BatchProgress } from './batch-progress.ts';
import type { EncoderSettings } from './clip-args.ts';
import { exportClip, type ClipResult } from './clip.ts';
import type { ReelSegment } from './reel.ts';

export interface ClipItem extends ReelSegment {
  out: string;
}

export interface ExportClipsOptions {
  tools: MediaTools;
  items: readonly ClipItem[];
  log: Logger;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  fontsDir?: string;
  encoder?: EncoderSettings;
}

export async function exportClips(options: ExportClipsOptions): Promise<{ clips: ClipResult[]; warnings: string[] }> {
  const tracker = trackBatch(
    options.items.map((i) => Math.max(0, i.endS - i.startS)),
    options.onProgress,
  );
  const clips: ClipResult[] = [];
  const warnings: string[] = [];
  for (const [index, item] of options.items.entries()) {
    const result = await exportClip({
      tools: options.tools,
      src: item.src,
      startS: item.startS,
      endS: item.endS,
      out: item.out,
      overlay: item.overlay,
      log: options.log,
      signal: options.signal,
      onProgress: tracker.forClip(index),
      ...(item.probe ? { probe: item.probe } : {}),
      ...(options.fontsDir ? { fontsDir: options.fontsDir } : {}),
      ...(options.encoder ? { encoder: options.encoder } : {}),
    });
    tracker.finished(index, result.durationS);
    clips.push(result);
    warnings.push(...result.warnings.map((w) => `${item.out}: ${w}`));
  }
  return { clips, warnings };
}
