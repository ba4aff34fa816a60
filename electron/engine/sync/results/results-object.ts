import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DetectionFrame } from '../../../contract/detection.ts';
import { AppFailure } from '../../../contract/errors.ts';
import type { ChunkEntry } from '../../detections/layout.ts';
import { decodeFrameRecords, encodeFrameRecords } from '../../../contract/detections-window.ts';
import { openDetections, fileSource } from '../../detections/reader.ts';
import { createDetectionsWriter } from '../../detections/writer.ts';
import { transaction } from '../../store/db.ts';
import { getRun } from '../../store/analysis-runs.ts';
import type { StoreContext } from '../../store/games.ts';
import { getVideo } from '../../store/videos.ts';

/**
 * The results object: a finished analysis run's detections as one self-contained file in the
 * detections binary format (docs/formats.md), which is what goes to the team's storage. One
 * chunk of the file per chunk row of the library, holding the same frame records, so a library
 * that imports it has the same rows and serves byte-equal detection windows.
 */

export interface ResultsFile {
  path: string;
  sha256: string;
  sizeBytes: number;
}

interface ChunkRow {
  data: Uint8Array;
}

/** Analysed frames per second, for readers that want a rate (timing is always each frame's pts). */
function analysedFps(fps: number | null, stride: number | undefined, targetFps: number | undefined): number {
  if (targetFps) return targetFps;
  if (!fps || !Number.isFinite(fps) || fps <= 0) return 0;
  return fps / (stride ?? 1);
}

/**
 * Writes the run's results object to `path` (through a temporary file, so a crash never leaves a
 * half file under the name) and returns its SHA-256, computed as it is written.
 */
export async function writeResultsObject(store: StoreContext, runId: string, path: string): Promise<ResultsFile> {
  const run = getRun(store, runId);
  if (run.status !== 'done') {
    throw new AppFailure(
      'conflict',
      'Only a finished analysis can be shared with the team: finish or resume it first.',
    );
  }
  const video = getVideo(store, run.videoId);
  const writer = createDetectionsWriter({
    width: video.probe.width,
    height: video.probe.height,
    fpsHint: analysedFps(video.probe.fps, run.options.stride, run.options.targetFps),
    // The run does not keep the model's class count; 0 tells readers it is not checked.
    classCount: 0,
  });
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial`;
  const hash = createHash('sha256');
  const handle = await open(partial, 'w');
  let sizeBytes = 0;
  const put = async (bytes: Uint8Array) => {
    hash.update(bytes);
    sizeBytes += bytes.length;
    await handle.write(bytes);
  };
  try {
    await put(writer.start());
    // One chunk's BLOB in memory at a time: a 2.5 h game's detections are tens of megabytes.
    const numbers = store.db
      .prepare('SELECT chunk_no FROM detection_chunks WHERE run_id = ? ORDER BY chunk_no')
      .all(runId) as { chunk_no: number }[];
    const read = store.db.prepare('SELECT data FROM detection_chunks WHERE run_id = ? AND chunk_no = ?');
    for (const { chunk_no } of numbers) {
      const row = read.get(runId, chunk_no) as unknown as ChunkRow;
      await put(writer.appendChunk(decodeFrameRecords(row.data)));
    }
    await put(writer.finish());
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
  await handle.close();
  await rename(partial, path);
  return { path, sha256: hash.digest('hex'), sizeBytes };
}

/**
 * Stores a downloaded results object as the detections of `runId` (a run row that came with the
 * team's data), replacing any detections the run had here. The file must be whole: a results
 * object that needs recovery (no valid index) is refused, never half-imported.
 */
export async function importResultsObject(
  store: StoreContext,
  runId: string,
  path: string,
): Promise<{ frames: number; chunks: number }> {
  const run = getRun(store, runId);
  const video = getVideo(store, run.videoId);
  const handle = await open(path, 'r');
  try {
    const reader = await openDetections(await fileSource(handle));
    if (reader.recovered) {
      throw new AppFailure('corrupt-media', 'The results object is incomplete (its index is missing or damaged).');
    }
    if (reader.header.width !== video.probe.width || reader.header.height !== video.probe.height) {
      throw new AppFailure(
        'corrupt-media',
        `The results object is for a ${reader.header.width}×${reader.header.height} video, not this ${video.probe.width}×${video.probe.height} one.`,
      );
    }
    // Decoded (and checksum-checked) before the transaction: a bad chunk leaves the library as it was.
    const chunks: { entry: ChunkEntry; frames: DetectionFrame[] }[] = [];
    for (const entry of reader.chunks) chunks.push({ entry, frames: await reader.chunk(entry) });
    let frames = 0;
    transaction(store.db, () => {
      store.db.prepare('DELETE FROM detection_chunks WHERE run_id = ?').run(runId);
      const insert = store.db.prepare(
        `INSERT INTO detection_chunks (run_id, chunk_no, first_frame, last_frame, first_pts, last_pts, frame_count, box_count, data)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      chunks.forEach(({ entry, frames: chunkFrames }, chunkNo) => {
        const boxes = chunkFrames.reduce((n, f) => n + f.boxes.length, 0);
        insert.run(
          runId,
          chunkNo,
          entry.firstFrame,
          entry.lastFrame,
          entry.firstPts,
          entry.lastPts,
          entry.frameCount,
          boxes,
          encodeFrameRecords(chunkFrames),
        );
        frames += entry.frameCount;
      });
    });
    return { frames, chunks: chunks.length };
  } finally {
    await handle.close();
  }
}
