import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Test-only helpers: clips made on the fly from ffmpeg's lavfi test sources (no media files in
 * the repository), and ffprobe/ffmpeg as the independent reference for what we decode.
 */
const run = promisify(execFile);

export const FFMPEG = process.env.RINKSIDE_FFMPEG ?? '/usr/bin/ffmpeg';
export const FFPROBE = process.env.RINKSIDE_FFPROBE ?? '/usr/bin/ffprobe';

export interface ClipSpec {
  frames: number;
  rate?: number;
  size?: string;
  /** Seconds added to every pts, so the first frame is not at 0. */
  start?: number;
  /** Uneven frame spacing: pts_n = start + (40n + 13·(n mod 3) + 2·(n mod 7)) ms, always increasing. */
  vfr?: boolean;
  /** Extra encoder arguments (default libx264 with B-frames, yuv420p). */
  codec?: string[];
}

export async function makeClip(path: string, spec: ClipSpec): Promise<string> {
  const rate = spec.rate ?? 25;
  const filters: string[] = [];
  // settb first: in the source time base (1/rate) uneven pts would be rounded back onto the grid.
  if (spec.vfr) filters.push(`settb=1/90000,setpts=(N*0.040+mod(N\\,3)*0.013+mod(N\\,7)*0.002+${spec.start ?? 0})/TB`);
  else if (spec.start) filters.push(`setpts=PTS+${spec.start}/TB`);
  const args = [
    '-hide_banner',
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${spec.size ?? '160x120'}:rate=${rate}`,
  ];
  args.push('-frames:v', String(spec.frames));
  if (filters.length > 0) args.push('-vf', filters.join(','));
  // Keep the uneven timestamps in the file (the default would make it CFR by duplicating frames).
  args.push('-fps_mode', 'passthrough', '-enc_time_base:v', '1/90000', '-video_track_timescale', '90000');
  args.push(...(spec.codec ?? ['-c:v', 'libx264', '-preset', 'ultrafast', '-bf', '2', '-pix_fmt', 'yuv420p']), path);
  await run(FFMPEG, args);
  return path;
}

/** Every decoded frame's pts in seconds, as ffprobe reports it (the reference, decoded independently). */
export async function probeFramePts(path: string): Promise<number[]> {
  const { stdout } = await run(FFPROBE, [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'frame=pts_time',
    '-of',
    'csv=p=0',
    path,
  ]);
  return stdout
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .filter((line) => line !== '')
    .map(Number);
}

/** One frame through ffmpeg's own pipeline: select by decoder frame number, then the same filter. */
export async function extractFrame(path: string, index: number, filter: string, pixFmt: string): Promise<Buffer> {
  const args = ['-hide_banner', '-v', 'error', '-i', path, '-map', '0:v:0', '-fps_mode', 'passthrough'];
  args.push(
    '-vf',
    `select=eq(n\\,${index}),${filter}`,
    '-frames:v',
    '1',
    '-f',
    'rawvideo',
    '-pix_fmt',
    pixFmt,
    'pipe:1',
  );
  const { stdout } = await run(FFMPEG, args, { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** True while a process with this pid exists (a zombie counts: it has not been reaped). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}
