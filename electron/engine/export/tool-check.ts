/**
 * Export needs more of ffmpeg than playback does: libx264, AAC and, for overlays, libass. A build
 * without them fails deep inside an encode with a cryptic line; checking first lets the analyst
 * read which part is missing. Answers are cached per ffmpeg path: each check runs ffmpeg.
 */
import { execFile } from 'node:child_process';
import { AppFailure } from '../../contract/errors.ts';
import { requireFilters } from '../media/tools.ts';

const CLIP_FILTERS = ['trim', 'atrim', 'setpts', 'asetpts', 'format', 'crop', 'scale', 'pad', 'anullsrc'];
const OVERLAY_FILTERS = ['ass'];
const ENCODERS = ['libx264', 'aac'];

const checked = new Map<string, Promise<void>>();

function listEncoders(ffmpeg: string): Promise<Set<string>> {
  return new Promise((resolve, reject) => {
    execFile(
      ffmpeg,
      ['-hide_banner', '-encoders'],
      { timeout: 15_000, maxBuffer: 8 << 20, windowsHide: true },
      (error, stdout) => {
        if (error) {
          reject(new AppFailure('tool-missing', `${ffmpeg} could not list its encoders.`, error.message));
          return;
        }
        const names = new Set<string>();
        // Lines look like " V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC …".
        for (const line of String(stdout).split(/\r?\n/)) {
          const match = /^\s*[VAS][.A-Z]{5}\s+(\S+)/.exec(line);
          if (match?.[1]) names.add(match[1]);
        }
        resolve(names);
      },
    );
  });
}

async function check(ffmpeg: string, overlay: boolean): Promise<void> {
  await requireFilters(ffmpeg, overlay ? [...CLIP_FILTERS, ...OVERLAY_FILTERS] : CLIP_FILTERS);
  const encoders = await listEncoders(ffmpeg);
  const missing = ENCODERS.filter((name) => !encoders.has(name));
  if (missing.length > 0) {
    throw new AppFailure(
      'tool-missing',
      `The ffmpeg in use (${ffmpeg}) lacks the encoder${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that clip export needs. Install a full ffmpeg build or choose another in Settings.`,
    );
  }
}

/** Throws tool-missing naming what this ffmpeg lacks for a clean (overlay = false) or annotated export. */
export function requireExportTools(ffmpeg: string, overlay: boolean): Promise<void> {
  const key = `${overlay ? 'overlay' : 'clean'}\u0000${ffmpeg}`;
  let pending = checked.get(key);
  if (!pending) {
    pending = check(ffmpeg, overlay);
    checked.set(key, pending);
    // A failed check is not cached: the user may install a better ffmpeg and retry.
    pending.catch(() => checked.delete(key));
  }
  return pending;
}
