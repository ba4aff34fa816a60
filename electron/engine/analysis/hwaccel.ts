import { spawn } from 'node:child_process';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { shellQuote } from '../media/shell-quote.ts';

/**
 * Which hardware decoder, if any, can decode this video on this machine. ffmpeg lists the
 * hwaccels it was built with, not the ones that work (Debian's lists cuda and vaapi on a laptop
 * without either), so each is proven with a short real decode of the input itself.
 */
export interface HwDecodeAttempt {
  name: string;
  ok: boolean;
  reason: string;
}

export interface HwDecodeProbe {
  /** The hwaccel to pass as `-hwaccel`, or null for software decoding. */
  used: string | null;
  tried: HwDecodeAttempt[];
}

/** In preference order; each only where the platform can have it. */
const CANDIDATES: { name: string; platforms: NodeJS.Platform[]; missing: RegExp; noDevice: string }[] = [
  { name: 'cuda', platforms: ['linux', 'win32'], missing: /libcuda|CUDA|cuInit|cuda/, noDevice: 'no CUDA device' },
  {
    name: 'videotoolbox',
    platforms: ['darwin'],
    missing: /Device creation failed/,
    noDevice: 'no VideoToolbox device',
  },
  { name: 'd3d11va', platforms: ['win32'], missing: /Device creation failed/, noDevice: 'no D3D11 device' },
  {
    name: 'vaapi',
    platforms: ['linux'],
    missing: /Device creation failed|VAAPI|va_open|DRM/,
    noDevice: 'no VA-API device',
  },
  {
    name: 'qsv',
    platforms: ['linux', 'win32'],
    missing: /Device creation failed|MFX/,
    noDevice: 'no Intel Quick Sync device',
  },
];

interface Captured {
  code: number | null;
  stdout: string;
  stderr: string;
}

function capture(ffmpeg: string, args: string[], log: Logger, signal?: AbortSignal): Promise<Captured> {
  log.debug('ffmpeg', { command: shellQuote([ffmpeg, ...args]) });
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg, args, { stdio: ['ignore', 'pipe', 'pipe'], signal, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr = (stderr + text).slice(-8000)));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.name === 'AbortError') reject(new AppFailure('cancelled', 'Cancelled'));
      else if (error.code === 'ENOENT') reject(new AppFailure('tool-missing', `ffmpeg not found at ${ffmpeg}`));
      else reject(error);
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Parses `ffmpeg -hwaccels`: a heading line, then one method per line. */
export function parseHwaccels(stdout: string): string[] {
  const lines = stdout.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('Hardware acceleration methods'));
  return start < 0 ? [] : lines.slice(start + 1).filter((line) => line !== '');
}

function lastLines(text: string, count = 6): string {
  return text.trim().split('\n').slice(-count).join('\n');
}

type Candidate = (typeof CANDIDATES)[number];

async function tryOne(
  candidate: Candidate,
  listed: string[],
  ffmpeg: string,
  input: string,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<HwDecodeAttempt> {
  const { name } = candidate;
  if (!candidate.platforms.includes(process.platform))
    return { name, ok: false, reason: `not available on ${process.platform}` };
  if (!listed.includes(name)) return { name, ok: false, reason: 'this ffmpeg was built without it' };
  // An explicitly named hwaccel makes ffmpeg fail instead of silently decoding in software,
  // so exit code 0 proves the hardware path decoded these frames.
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-hwaccel', name, '-i', input];
  args.push('-map', '0:v:0', '-frames:v', '3', '-f', 'null', '-');
  const result = await capture(ffmpeg, args, log, signal);
  if (result.code === 0) return { name, ok: true, reason: 'decoded 3 frames' };
  const tail = lastLines(result.stderr);
  const reason = candidate.missing.test(result.stderr)
    ? `${candidate.noDevice}: ${tail}`
    : tail || `exit code ${result.code}`;
  return { name, ok: false, reason };
}

export async function probeHwDecode(
  ffmpeg: string,
  input: string,
  log: Logger,
  signal?: AbortSignal,
): Promise<HwDecodeProbe> {
  const listed = parseHwaccels((await capture(ffmpeg, ['-hide_banner', '-hwaccels'], log, signal)).stdout);
  // Each try is a whole ffmpeg start (most of a second on a slow laptop), so all run at once.
  const tried = await Promise.all(CANDIDATES.map((candidate) => tryOne(candidate, listed, ffmpeg, input, log, signal)));
  const used = tried.find((attempt) => attempt.ok)?.name ?? null;
  log.info('hardware decode probe', { input, used, tried });
  return { used, tried };
}
