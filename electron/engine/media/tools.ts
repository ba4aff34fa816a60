import { execFile } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { keepUntilFailure } from './keep-until-failure.ts';

export interface MediaTools {
  ffmpeg: string;
  ffprobe: string;
}

export type ToolSource = 'setting' | 'env' | 'packaged' | 'path';

export interface ResolvedTool {
  path: string;
  source: ToolSource;
  /** First line of `tool -version`, e.g. "ffmpeg version 5.1.6-0+deb12u1 Copyright …". */
  version: string;
}

export interface ResolvedMediaTools extends MediaTools {
  details: { ffmpeg: ResolvedTool; ffprobe: ResolvedTool };
}

export interface ResolveToolsOptions {
  /** The user's settings; empty strings count as unset. */
  ffmpegSetting?: string | null;
  ffprobeSetting?: string | null;
  /** Defaults to process.env; tests pass their own. */
  env?: Record<string, string | undefined>;
  /** Paths of the bundled binaries; defaults to ffmpeg-static and @ffprobe-installer/ffprobe. */
  packaged?: { ffmpeg: string | null; ffprobe: string | null };
  log?: Logger;
}

export type ToolName = 'ffmpeg' | 'ffprobe';

const ENV_NAME: Record<ToolName, string> = { ffmpeg: 'RINKSIDE_FFMPEG', ffprobe: 'RINKSIDE_FFPROBE' };

/**
 * Packaged apps keep native binaries outside the asar archive (electron-builder asarUnpack), but the
 * packages compute their path from __dirname, which points inside it.
 */
function unpacked(file: string): string {
  return file.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

/** The bundled binaries' paths; the packages may be absent or throw when their binary is missing. */
export function packagedToolPaths(): { ffmpeg: string | null; ffprobe: string | null } {
  const require = createRequire(import.meta.url);
  let ffmpeg: string | null = null;
  let ffprobe: string | null = null;
  try {
    const value: unknown = require('ffmpeg-static');
    if (typeof value === 'string') ffmpeg = unpacked(value);
  } catch {
    ffmpeg = null;
  }
  try {
    const value = require('@ffprobe-installer/ffprobe') as { path?: unknown };
    if (typeof value.path === 'string') ffprobe = unpacked(value.path);
  } catch {
    ffprobe = null;
  }
  return { ffmpeg, ffprobe };
}

async function isExecutableFile(file: string): Promise<boolean> {
  try {
    const info = await stat(file);
    if (!info.isFile()) return false;
    await access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pathCandidates(name: ToolName, env: Record<string, string | undefined>): string[] {
  const dirs = (env['PATH'] ?? env['Path'] ?? '').split(path.delimiter).filter((d) => d !== '');
  const exts = process.platform === 'win32' ? (env['PATHEXT'] ?? '.EXE;.CMD;.BAT').split(';') : [''];
  return dirs.flatMap((dir) => exts.map((ext) => path.join(dir, name + ext.toLowerCase())));
}

/** First line of `tool -version`; rejects when the file cannot be run as the tool. */
export function toolVersion(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, ['-version'], { timeout: 15_000, windowsHide: true }, (error, stdout) => {
      const first = String(stdout).split(/\r?\n/, 1)[0]?.trim() ?? '';
      if (error) reject(error);
      else if (first === '') reject(new Error(`${file} -version printed nothing`));
      else resolve(first);
    });
  });
}

/** Resolves one tool in the documented order; every candidate must also answer `-version`. */
export async function resolveTool(name: ToolName, options: ResolveToolsOptions = {}): Promise<ResolvedTool> {
  const env = options.env ?? process.env;
  const packaged = options.packaged ?? packagedToolPaths();
  const setting = name === 'ffmpeg' ? options.ffmpegSetting : options.ffprobeSetting;
  const tried: string[] = [];

  const candidates: Array<{ source: ToolSource; file: string; mustExist: boolean }> = [];
  if (setting) candidates.push({ source: 'setting', file: setting, mustExist: false });
  const fromEnv = env[ENV_NAME[name]];
  if (fromEnv) candidates.push({ source: 'env', file: fromEnv, mustExist: false });
  const bundled = packaged[name];
  if (bundled) candidates.push({ source: 'packaged', file: bundled, mustExist: true });
  for (const file of pathCandidates(name, env)) candidates.push({ source: 'path', file, mustExist: true });

  for (const candidate of candidates) {
    const label = `${candidate.source}: ${candidate.file}`;
    if (!(await isExecutableFile(candidate.file))) {
      // A setting or env var the user chose is worth reporting; a missing PATH entry is routine.
      if (!candidate.mustExist || candidate.source === 'packaged') tried.push(`${label} (missing or not executable)`);
      continue;
    }
    try {
      const version = await toolVersion(candidate.file);
      options.log?.info(`using ${name}`, { path: candidate.file, source: candidate.source, version });
      return { path: candidate.file, source: candidate.source, version };
    } catch (error) {
      tried.push(`${label} (does not run: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (tried.every((line) => !line.startsWith('path:'))) tried.push(`path: no ${name} on PATH`);
  throw new AppFailure(
    'tool-missing',
    `${name} was not found. Install ffmpeg or choose the ${name} program in Settings.`,
    `Tried, in order:\n${tried.join('\n')}`,
  );
}

/**
 * The one way the app finds ffmpeg and ffprobe (setting → RINKSIDE_FFMPEG/RINKSIDE_FFPROBE →
 * packaged binary → PATH). Call it for both tools, or `.one(name)` for one.
 */
export interface Tools {
  /** Both tools, for work that probes and encodes. */
  (): Promise<ResolvedMediaTools>;
  /** One tool: analysis needs only ffmpeg, and app.info reports each on its own. */
  one(name: ToolName): Promise<ResolvedTool>;
}

/**
 * Each tool is resolved on first use, so a missing ffmpeg is reported on the work that needs it
 * rather than at start-up, and kept once found; a failure is looked up again on the next call.
 */
export function createTools(options: ResolveToolsOptions = {}): Tools {
  const one = keepUntilFailure((name: ToolName) => resolveTool(name, options));
  const both = async (): Promise<ResolvedMediaTools> => {
    const [ffmpeg, ffprobe] = await Promise.all([one('ffmpeg'), one('ffprobe')]);
    return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, details: { ffmpeg, ffprobe } };
  };
  return Object.assign(both, { one });
}

/**
 * The names in one of ffmpeg's own listings (`ffmpeg -filters`, `-encoders`): the first capture
 * group of `entry` on each line that matches it.
 */
export function ffmpegListing(ffmpeg: string, what: 'filters' | 'encoders', entry: RegExp): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      ['-hide_banner', `-${what}`],
      { timeout: 15_000, maxBuffer: 8 * 1024 * 1024, windowsHide: true },
      (error, stdout) => {
        if (error) {
          reject(new AppFailure('tool-missing', `${ffmpeg} could not list its ${what}.`, error.message));
          return;
        }
        const names = new Set<string>();
        for (const line of String(stdout).split(/\r?\n/)) {
          const name = entry.exec(line)?.[1];
          if (name) names.add(name);
        }
        resolve(names);
      },
    );
  });
}

/** Which of `names` this ffmpeg lacks, by the `ffmpeg -filters` listing; empty when all are there. */
export async function missingFilters(ffmpeg: string, names: readonly string[]): Promise<string[]> {
  // Lines look like " T.C drawbox           V->V       Draw a colored box on the input video."
  const available = await ffmpegListing(ffmpeg, 'filters', /^\s*[TSC.|]{2,3}\s+(\S+)\s+\S+->\S+/);
  return names.filter((name) => !available.has(name));
}

/** True when this ffmpeg has every filter in `names`. */
export async function hasFilters(ffmpeg: string, names: readonly string[]): Promise<boolean> {
  return (await missingFilters(ffmpeg, names)).length === 0;
}

/** Throws tool-missing naming the absent filters, so a feature can say what the user's ffmpeg lacks. */
export async function requireFilters(ffmpeg: string, names: readonly string[]): Promise<void> {
  const missing = await missingFilters(ffmpeg, names);
  if (missing.length > 0) {
    throw new AppFailure(
      'tool-missing',
      `The ffmpeg in use (${ffmpeg}) lacks the filter${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. Install a full ffmpeg build or choose another in Settings.`,
    );
  }
}
