/**
 * `rinkside bench export VIDEO --start S --end S [--detections F.json] [--runs 3] [--boxes 14]` —
 * what the overlay costs: the same cut encoded clean and annotated (libx264 preset veryfast crf 20
 * both), alternately in one process so both see the same machine state, median of each.
 * Measured at the source's size and again on a 360p copy of it (made for the benchmark only), where
 * the overlay's fixed cost weighs most against a cheap encode. Prints one JSON line
 * {"annotated_s","plain_s","ratio","boxes_per_frame" (the source size),"runs","sizes":[…each size]}.
 *
 * Without --detections it draws synthetic moving, labelled boxes: it measures overlay cost, not
 * detection. With --detections only the source size is measured (the boxes are its pixels). A
 * source shorter than --end is first looped (stream copy) to cover the cut.
 */
import { readRegularText, refuseNonRegularFile } from '../../engine/media/regular-file.ts';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DetectionFrame } from '../../contract/detection.ts';
import { fromJson } from '../../engine/detections/json.ts';
import { exportClip } from '../../engine/export/clip.ts';
import { videoPacketTimes } from '../../engine/export/cut.ts';
import { syntheticTracks } from '../../engine/export/synthetic-tracks.ts';
import type { Logger } from '../../engine/log.ts';
import { probeVideo } from '../../engine/media/probe.ts';
import { runTool } from '../../engine/media/run-ffmpeg.ts';
import { createTools, type MediaTools } from '../../engine/media/tools.ts';
import { usage } from '../cli-error.ts';
import { parseFlags } from '../flags.ts';
import { loopedClip } from '../looped-clip.ts';
import { cliLogger, parseSeconds } from './export.ts';

const ALL_OVERLAYS = { boxes: true, ids: true, names: true, caption: true };

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

/**
 * CPU seconds of this process's reaped children (cutime + cstime of /proc/self/stat), i.e. what
 * ffmpeg used: on a loaded machine wall time swings with other work, CPU time much less. Linux
 * only; null elsewhere. Clock ticks are 100 per second on every Linux Node supports.
 */
function childCpuS(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // Fields after the ")" that closes the command name; cutime and cstime are fields 16 and 17.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

function positiveInt(flag: string, value: string, max: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw usage(`--${flag} must be a whole number 1–${max}, not "${value}"`);
  return n;
}

/** The bench's second size: the same footage scaled to this height (even width, aspect kept). */
const SMALL_HEIGHT = 360;

/** A smaller copy of the source for the benchmark only: the 360p case where the overlay is relatively dearest. */
async function scaledCopy(tools: MediaTools, src: string, height: number, dir: string, log: Logger): Promise<string> {
  const out = path.join(dir, `scaled-${height}p.mp4`);
  await runTool(
    tools.ffmpeg,
    [
      '-nostdin',
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-i',
      src,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0?',
      '-vf',
      `scale=-2:${height}`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-c:a',
      'copy',
      out,
    ],
    { log, subject: src },
  );
  return out;
}

interface SizeResult {
  width: number;
  height: number;
  annotated_s: number;
  plain_s: number;
  ratio: number;
  /** ffmpeg CPU seconds (children of this process), medians; null off Linux. */
  annotated_cpu_s: number | null;
  plain_cpu_s: number | null;
  cpu_ratio: number | null;
  frames: number;
}

async function measureSize(
  o: {
    tools: MediaTools;
    src: string;
    dir: string;
    startS: number;
    endS: number;
    runs: number;
    boxes: number;
    log: Logger;
  },
  detectionsFile: string | undefined,
): Promise<SizeResult & { boxesPerFrame: number }> {
  const { tools, src, startS, endS, log } = o;
  const probe = await probeVideo(tools, src, { log });
  let detections: DetectionFrame[];
  if (detectionsFile) {
    detections = fromJson(await readRegularText(path.resolve(detectionsFile), 'detections')).frames;
  } else {
    const times = await videoPacketTimes(tools, src, startS, endS, { log });
    detections = syntheticTracks({ width: probe.width, height: probe.height, times, tracks: o.boxes });
  }
  const tracks = new Map(
    Array.from({ length: o.boxes }, (_, k) => [
      k + 1,
      { name: `${k + 1} Player ${k + 1}`, colour: k % 2 ? '#1E5AFF' : '#E02020' },
    ]),
  );
  const wall = { plain: [] as number[], annotated: [] as number[] };
  const cpu = { plain: [] as number[], annotated: [] as number[] };
  let boxesPerFrame = 0;
  let frames = 0;
  for (let run = 0; run < o.runs; run++) {
    for (const withOverlay of [false, true]) {
      const kind = withOverlay ? 'annotated' : 'plain';
      const out = path.join(o.dir, `${kind}-${probe.height}.mp4`);
      const cpuBefore = childCpuS();
      const result = await exportClip({
        tools,
        src,
        startS,
        endS,
        out,
        probe,
        log,
        overlay: withOverlay ? { detections, show: ALL_OVERLAYS, tracks, caption: 'Shot · P2 · 12:34.5' } : null,
      });
      // The encode alone (overlay script included): the probes before it are the same for both.
      wall[kind].push(result.encodeS);
      const cpuAfter = childCpuS();
      if (cpuBefore !== null && cpuAfter !== null) cpu[kind].push(cpuAfter - cpuBefore);
      if (withOverlay) boxesPerFrame = result.maxBoxesPerFrame;
      frames = result.frames;
      log.info('bench run', { run, height: probe.height, overlay: withOverlay, seconds: result.encodeS });
    }
  }
  const round = (n: number) => Number(n.toFixed(3));
  const hasCpu = cpu.plain.length > 0 && cpu.annotated.length > 0;
  const [a, p] = [median(wall.annotated), median(wall.plain)];
  const [ac, pc] = hasCpu ? [median(cpu.annotated), median(cpu.plain)] : [null, null];
  return {
    width: probe.width,
    height: probe.height,
    annotated_s: round(a),
    plain_s: round(p),
    ratio: round(a / p),
    annotated_cpu_s: ac === null ? null : round(ac),
    plain_cpu_s: pc === null ? null : round(pc),
    cpu_ratio: ac === null || pc === null ? null : round(ac / pc),
    frames,
    boxesPerFrame,
  };
}

export async function benchExportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, {
    start: { type: 'string' },
    end: { type: 'string' },
    detections: { type: 'string' },
    runs: { type: 'string', default: '3' },
    boxes: { type: 'string', default: '14' },
  });
  const [video] = positionals;
  if (!video || positionals.length > 1)
    throw usage('rinkside bench export VIDEO --start S --end S — give exactly one video');
  const startS = parseSeconds('start', values.start);
  const endS = parseSeconds('end', values.end);
  if (!(endS > startS)) throw usage(`--end (${endS}) must be after --start (${startS})`);
  const runs = positiveInt('runs', values.runs, 20);
  const boxes = positiveInt('boxes', values.boxes, 200);
  // Detections are in the source's pixels: they cannot be reused on the scaled copy.
  const sizes = values.detections ? 'source' : 'source and 360p';

  const log = cliLogger();
  const tools = await createTools({ log })();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'rinkside-bench-export-'));
  try {
    await refuseNonRegularFile(path.resolve(video), 'video');
    const src = await loopedClip(tools, path.resolve(video), endS, scratch, log);
    const common = { tools, dir: scratch, startS, endS, runs, boxes, log };
    const results = [await measureSize({ ...common, src }, values.detections)];
    if (sizes !== 'source') {
      const small = await scaledCopy(tools, src, SMALL_HEIGHT, scratch, log);
      results.push(await measureSize({ ...common, src: small }, undefined));
    }
    for (const r of results) {
      // Informational, on stderr: stdout stays the one JSON line of the stable interface.
      process.stderr.write(
        `bench export ${r.width}x${r.height}: annotated ${r.annotated_s} s, plain ${r.plain_s} s, ratio ${r.ratio}` +
          (r.cpu_ratio === null
            ? ''
            : `; ffmpeg CPU ${r.annotated_cpu_s} s vs ${r.plain_cpu_s} s, ratio ${r.cpu_ratio}`) +
          '\n',
      );
    }
    const [first] = results;
    process.stdout.write(
      `${JSON.stringify({
        annotated_s: first?.annotated_s,
        plain_s: first?.plain_s,
        ratio: first?.ratio,
        boxes_per_frame: first?.boxesPerFrame,
        runs,
        sizes: results.map(({ boxesPerFrame, ...r }) => ({ ...r, boxes_per_frame: boxesPerFrame })),
      })}\n`,
    );
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
