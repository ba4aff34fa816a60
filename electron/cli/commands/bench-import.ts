/**
 * `rinkside bench import [--small 10000] [--large 40000] [--runs 3] [--labels 2]` — shows that a
 * Sportscode import takes time in proportion to the file: made-up timelines of a small and a large
 * number of instances are parsed (median of --runs) and imported into a fresh library each, and
 * the same number of elements is parsed laid out flat and nested 60 deep. A linear reader gives
 * ratios near large/small (4 by default) and near 1 for deep/flat. A file of 200,000 nested tags,
 * which used to stall the engine, is timed to its refusal.
 * Prints one JSON line; times are CPU milliseconds of this process (on a shared machine wall time
 * swings with other work, CPU time much less).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { VideoProbe } from '../../contract/domain.ts';
import { parseSportscodeXml } from '../../engine/export/sportscode.ts';
import { importSportscode } from '../../engine/export/sportscode-import.ts';
import { syntheticTimeline } from '../../engine/export/synthetic-timeline.ts';
import { openDatabase } from '../../engine/store/db.ts';
import { createGame, type StoreContext } from '../../engine/store/games.ts';
import { addVideo } from '../../engine/store/videos.ts';
import { usage } from '../cli-error.ts';

/** A long enough video for every made-up instance; the import reads only its frame rate and start. */
const PROBE: VideoProbe = {
  container: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationS: 200_000,
  width: 1920,
  height: 1080,
  codec: 'h264',
  profile: null,
  pixelFormat: 'yuv420p',
  fps: 30,
  variableFrameRate: false,
  frameCount: 6_000_000,
  frameCountExact: false,
  firstFrameTimeS: 0,
  rotation: 0,
  audio: null,
  bitRate: null,
};

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/** CPU milliseconds (user + system, all threads of this process) that `work` takes. */
async function cpuMs(work: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await work();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

async function medianCpuMs(runs: number, work: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let k = 0; k < runs; k++) times.push(await cpuMs(work));
  return median(times);
}

function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw usage(`--${flag} must be a whole number 1–${max}, not "${value}"`);
  return n;
}

/** Imports a timeline into a new library of its own, so each size starts from nothing. */
async function importIntoFreshLibrary(xml: string): Promise<number> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'rinkside-bench-import-'));
  const db = openDatabase(path.join(dir, 'library.sqlite'));
  try {
    const store: StoreContext = { db, deviceId: 'bench', now: () => new Date().toISOString() };
    const game = createGame(store, { title: 'Bench', date: '2026-01-01', home: 'Home', away: 'Away' });
    const video = addVideo(store, { gameId: game.id, path: '/bench.mp4', sizeBytes: 1, sha256: 'bench', probe: PROBE });
    return await cpuMs(() => importSportscode(store, game.id, video.id, parseSportscodeXml(xml)));
  } finally {
    db.close();
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (ms: number) => Math.round(ms);
const ratio = (a: number, b: number) => Number((b > 0 ? a / b : 0).toFixed(2));

export async function benchImportCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      small: { type: 'string', default: '10000' },
      large: { type: 'string', default: '40000' },
      runs: { type: 'string', default: '3' },
      labels: { type: 'string', default: '2' },
    },
  });
  const small = positiveInt('small', values.small, 50_000);
  const large = positiveInt('large', values.large, 50_000);
  const runs = positiveInt('runs', values.runs, 20);
  const labels = positiveInt('labels', values.labels, 7);

  const smallXml = syntheticTimeline({ instances: small, labels });
  const largeXml = syntheticTimeline({ instances: large, labels });
  const parseSmall = await medianCpuMs(runs, () => parseSportscodeXml(smallXml));
  const parseLarge = await medianCpuMs(runs, () => parseSportscodeXml(largeXml));
  const importSmall = await importIntoFreshLibrary(smallXml);
  const importLarge = await importIntoFreshLibrary(largeXml);

  // Same instances and element count: 60 extra elements side by side, or each inside the last.
  const shape = { instances: small, extra: { count: 60, layout: 'flat' as const } };
  const flatXml = syntheticTimeline(shape);
  const deepXml = syntheticTimeline({ ...shape, extra: { count: 60, layout: 'deep' } });
  const flat = await medianCpuMs(runs, () => parseSportscodeXml(flatXml));
  const deep = await medianCpuMs(runs, () => parseSportscodeXml(deepXml));

  const nestedXml = syntheticTimeline({ instances: 1, extra: { count: 200_000, layout: 'deep' } });
  const refused = await medianCpuMs(runs, () => {
    try {
      parseSportscodeXml(nestedXml);
    } catch {
      return; // refused at the depth limit, as it should be
    }
    throw new Error('200,000 nested tags were not refused');
  });

  const result = {
    small,
    large,
    labels,
    runs,
    parse_small_ms: round(parseSmall),
    parse_large_ms: round(parseLarge),
    parse_ratio: ratio(parseLarge, parseSmall),
    import_small_ms: round(importSmall),
    import_large_ms: round(importLarge),
    import_ratio: ratio(importLarge, importSmall),
    flat_ms: round(flat),
    deep_ms: round(deep),
    deep_vs_flat: ratio(deep, flat),
    nested_200k_refused_ms: round(refused),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  return 0;
}
