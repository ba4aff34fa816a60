/**
 * `rinkside bench teams VIDEO --labels FILE [--runs 3] [--ep cpu] [--threads 1] [--model F]`:
 * how well and at what cost the analysis tells teams, officials and off-ice people apart.
 *   - accuracy: the affiliations of a full analysis scored per truth against the labels
 *     (affiliation/score.ts), with how many tracks each figure rests on;
 *   - cost: the same pipeline with and without jersey sampling, alternately (A B B A …) in one
 *     process on one ORT session, so machine drift hits both; overhead = median(with / without) − 1.
 * One JSON line on stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { samplerFor } from '../../engine/affiliation/resample.ts';
import { runAffiliations } from '../../engine/affiliation/run-affiliations.ts';
import { AffiliationLabels, scoreAffiliations, truthOfTracks } from '../../engine/affiliation/score.ts';
import { openInferenceThread } from '../../engine/detect/inference-thread.ts';
import { roleOf } from '../../engine/detect/manifest.ts';
import { DEFAULT_MODEL_FILE, sourceModelsDir } from '../../engine/detect/model-catalog.ts';
import { createLogger, stderrSink } from '../../engine/log.ts';
import { readRegularText } from '../../engine/media/regular-file.ts';
import { createTools } from '../../engine/media/tools.ts';
import { allDetections } from '../../engine/store/detections.ts';
import { usage } from '../cli-error.ts';
import { parseFlags } from '../flags.ts';
import { benchPipelineRun } from './bench-pipeline.ts';
import { ensureVideo, openCliLibrary, type CliLibrary } from '../library.ts';
import { stopSignal } from '../stop-signals.ts';

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

export async function benchTeamsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    labels: { type: 'string' },
    runs: { type: 'string', default: '3' },
    ep: { type: 'string', default: 'cpu' },
    threads: { type: 'string', default: '1' },
    model: { type: 'string' },
  });
  const [input] = positionals;
  if (!input || !values.labels) {
    throw usage('rinkside bench teams VIDEO --labels FILE [--runs 3] [--ep cpu] [--threads 1] [--model F]');
  }
  const runs = Number(values.runs);
  const threads = Number(values.threads);
  if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(threads) || threads < 1) {
    throw usage('--runs and --threads must be positive whole numbers');
  }
  let labels: AffiliationLabels;
  try {
    labels = AffiliationLabels.parse(JSON.parse(await readRegularText(resolve(values.labels), 'labels')));
  } catch (error) {
    throw usage(`--labels ${values.labels} is not a labels file: ${(error as Error).message.split('\n')[0]}`);
  }
  const log = createLogger(stderrSink('warn'), 'bench');
  const tools = await createTools({ log })();
  const work = mkdtempSync(join(tmpdir(), 'rinkside-bench-teams-'));
  const detector = await openInferenceThread({
    modelPath: resolve(values.model ?? join(sourceModelsDir, DEFAULT_MODEL_FILE)),
    ep: values.ep as 'cpu',
    threads,
    log,
  });
  let library: CliLibrary | null = null;
  try {
    library = openCliLibrary(join(work, 'bench.sqlite'));
    const { store } = library;
    const video = await ensureVideo(store, tools, resolve(input), log, stopSignal);
    const manifest = detector.manifest;
    const once = (sampling: boolean) =>
      benchPipelineRun({
        store,
        ffmpeg: tools.ffmpeg,
        video,
        detector,
        threads,
        log,
        ...(sampling ? { jerseys: samplerFor(manifest, video.probe) } : {}),
      });
    // Warm-up (page cache, ORT's first runs), then pairs in alternating order.
    await once(true);
    const ratios: number[] = [];
    const withS: number[] = [];
    const withoutS: number[] = [];
    let scoredRun = '';
    let frames = 0;
    for (let r = 0; r < runs; r++) {
      const order = r % 2 === 0 ? [true, false] : [false, true];
      const pair: Record<string, number> = {};
      for (const sampling of order) {
        const result = await once(sampling);
        pair[String(sampling)] = result.seconds;
        if (sampling) scoredRun = result.runId;
        frames = result.frames;
      }
      withS.push(pair['true']!);
      withoutS.push(pair['false']!);
      ratios.push(pair['true']! / pair['false']!);
    }
    const people = new Set(manifest.classes.map((_, id) => id).filter((id) => roleOf(manifest, id) === 'skater'));
    const stored = [...allDetections(store.db, scoredRun)];
    // Exactly what the app shows for the run (no edits or corrections in the bench library).
    const { tracks } = runAffiliations(store, scoredRun);
    const scores = scoreAffiliations(tracks, truthOfTracks(stored, labels, people), labels.truths);
    const line = {
      video: resolve(input),
      frames,
      runs,
      ep: detector.provider,
      threads,
      accuracy: Object.fromEntries(
        scores.map((s) => [
          s.truth,
          { as: s.affiliation, correct: s.correct, tracks: s.tracks, accuracy: round(s.accuracy) },
        ]),
      ),
      with_sampling_s: round(median(withS)),
      without_sampling_s: round(median(withoutS)),
      overhead: round(median(ratios) - 1),
      ratios: ratios.map((r) => round(r)),
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return 0;
  } finally {
    await detector.release();
    library?.close();
    rmSync(work, { recursive: true, force: true });
  }
}
