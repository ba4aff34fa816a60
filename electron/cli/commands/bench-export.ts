/**
 * `rinkside bench export VIDEO --start S --end S [--detections F.json] [--runs 3] [--boxes 14]` —
 * what the overlay costs: the same cut encoded clean and annotated (libx264 preset veryfast crf 20
 * both), alternately in one process so both see the same machine state, median of each.
 * Prints one JSON line {"annotated_s","plain_s","ratio","boxes_per_frame"}.
 *
 * Without --detections it draws synthetic moving, labelled boxes: it measures overlay cost, not
 * detection. A source shorter than --end is first looped (stream copy) to cover the cut.
 */
import { refuseNonRegularFile } from '../../engine/media/regular-file.ts';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { DetectionFrame } from '../../contract/detections-window.ts';
import { fromJson } from '../../engine/detections/json.ts';
import { exportClip } from '../../engine/export/clip.ts';
import { videoPacketTimes } from '../../engine/export/cut.ts';
import { syntheticTracks } from '../../engine/export/synthetic-tracks.ts';
import { probeVideo } from '../../engine/media/probe.ts';
import { createTools } from '../../engine/media/tools.ts';
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

  const log = cliLogger();
  const tools = await createTools({ log })();
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'rinkside-bench-export-'));
  try {
    await refuseNonRegularFile(path.resolve(video), 'video');
    const src = await loopedClip(tools, path.resolve(video), endS, scratch, log);
    const probe = await probeVideo(tools, src, { log });
    let detections: DetectionFrame[];
    if (values.detections) {
      detections = fromJson(await readFile(path.resolve(values.detections), 'utf8')).frames;
    } else {
      const times = await videoPacketTimes(tools, src, startS, endS, { log });
      detections = syntheticTracks({ width: probe.width, height: probe.height, times, tracks: boxes });
    }
    const tracks = new Map(
      Array.from({ length: boxes }, (_, k) => [
        k + 1,
        { name: `${k + 1} Player ${k + 1}`, colour: k % 2 ? '#1E5AFF' : '#E02020' },
      ]),
    );
    const plain: number[] = [];
    const annotated: number[] = [];
    const cpu: { plain: number[]; annotated: number[] } = { plain: [], annotated: [] };
    let boxesPerFrame = 0;
    for (let run = 0; run < runs; run++) {
      for (const withOverlay of [false, true]) {
        const out = path.join(scratch, `${withOverlay ? 'annotated' : 'plain'}.mp4`);
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
        const seconds = result.encodeS;
        (withOverlay ? annotated : plain).push(seconds);
        const cpuAfter = childCpuS();
        if (cpuBefore !== null && cpuAfter !== null)
          cpu[withOverlay ? 'annotated' : 'plain'].push(cpuAfter - cpuBefore);
        if (withOverlay) boxesPerFrame = result.maxBoxesPerFrame;
        log.info('bench run', { run, overlay: withOverlay, seconds, frames: result.frames });
      }
    }
    const annotatedS = median(annotated);
    const plainS = median(plain);
    const round = (n: number) => Number(n.toFixed(3));
    if (cpu.plain.length > 0 && cpu.annotated.length > 0) {
      // Informational, on stderr: stdout stays the one JSON line of the stable interface.
      const [a, p] = [median(cpu.annotated), median(cpu.plain)];
      process.stderr.write(
        `bench export: ffmpeg CPU median annotated ${a.toFixed(2)} s, plain ${p.toFixed(2)} s, ratio ${(a / p).toFixed(3)}\n`,
      );
    }
    process.stdout.write(
      `${JSON.stringify({ annotated_s: round(annotatedS), plain_s: round(plainS), ratio: round(annotatedS / plainS), boxes_per_frame: boxesPerFrame })}\n`,
    );
    return 0;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
