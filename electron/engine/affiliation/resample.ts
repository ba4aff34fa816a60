/**
 * Jersey samples for a run analysed before sampling existed: decode the video once more through
 * the same letterbox and stills the analysis uses, and sample the stored boxes on the same
 * stills an analysis would have (the same pts rule), so both paths give the same samples.
 */
import type { DetectionFrame } from '../../contract/detection.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import { openFrameSource } from '../analysis/frame-source.ts';
import { ffmpegLetterboxFilter, letterboxGeometry } from '../detect/letterbox.ts';
import { roleOf, type ModelManifest } from '../detect/manifest.ts';
import type { Logger } from '../log.ts';
import { createJerseySampler, type JerseySampleRow } from './sampler.ts';

export interface ResampleInput {
  ffmpeg: string;
  videoPath: string;
  probe: VideoProbe;
  manifest: ModelManifest;
  stride: number;
  /** The run's stored frames in frame order (ids as stored: samples keep the tracker's ids). */
  frames: Iterable<DetectionFrame>;
  signal: AbortSignal;
  log: Logger;
  onProgress?(framesDone: number): void;
}

/** The jersey sampler for a model's people on a video; on a resume, the last stored frame's pts and the tracks sampled. */
export function samplerFor(
  manifest: ModelManifest,
  probe: Pick<VideoProbe, 'width' | 'height'>,
  resume?: { afterPts?: number | undefined; sampled: Iterable<number> },
) {
  const { width, height, placement } = { ...manifest.input, placement: manifest.letterbox.placement };
  return createJerseySampler({
    source: probe,
    geometry: letterboxGeometry(probe.width, probe.height, width, height, placement),
    personClassIds: new Set(manifest.classes.map((_, id) => id).filter((id) => roleOf(manifest, id) === 'skater')),
    ...(resume?.afterPts !== undefined ? { afterPts: resume.afterPts } : {}),
    ...(resume ? { sampled: resume.sampled } : {}),
  });
}

export async function resampleJerseys(input: ResampleInput): Promise<JerseySampleRow[]> {
  const { manifest, probe } = input;
  const geometry = letterboxGeometry(
    probe.width,
    probe.height,
    manifest.input.width,
    manifest.input.height,
    manifest.letterbox.placement,
  );
  const letterbox = ffmpegLetterboxFilter(geometry, manifest);
  const sampler = samplerFor(manifest, probe);
  const stored = input.frames[Symbol.iterator]();
  let next = stored.next();
  const rows: JerseySampleRow[] = [];
  const source = await openFrameSource({
    ffmpeg: input.ffmpeg,
    input: input.videoPath,
    filter: letterbox.filter,
    pixFmt: letterbox.pixFmt,
    width: manifest.input.width,
    height: manifest.input.height,
    stride: input.stride,
    hwaccel: 'none',
    stills: sampler.stills,
    signal: input.signal,
    log: input.log.child('decode'),
  });
  let done = 0;
  try {
    for await (const frame of source) {
      if (input.signal.aborted) throw new AppFailure('cancelled', 'Cancelled');
      // Both sides are in frame order: skip stored frames the decoder has passed (none normally).
      while (!next.done && next.value.index < frame.index) next = stored.next();
      if (next.done) break;
      if (next.value.index === frame.index) {
        const { pts, boxes } = next.value;
        if (frame.still) {
          const still = { data: frame.still, width: sampler.stills.width, height: sampler.stills.height };
          rows.push(...sampler.sample({ ...still, order: 'yuv420p' }, frame.index, pts, boxes));
        } else if (sampler.hasNew(boxes)) {
          const model = { data: frame.data, width: manifest.input.width, height: manifest.input.height };
          rows.push(...sampler.sampleNew({ ...model, order: manifest.colorOrder }, frame.index, pts, boxes));
        }
      }
      done += 1;
      input.onProgress?.(done);
    }
  } finally {
    await source.close();
  }
  return rows;
}
