/**
 * Export needs more of ffmpeg than playback does: libx264, AAC and, for overlays, libass. A build
 * without them fails deep inside an encode with a cryptic line; checking first lets the analyst
 * read which part is missing. Answers are kept per ffmpeg path: each check runs ffmpeg.
 */
import { AppFailure } from '../../contract/errors.ts';
import { keepUntilFailure } from '../media/keep-until-failure.ts';
import { ffmpegListing, requireFilters } from '../media/tools.ts';

const CLIP_FILTERS = ['trim', 'atrim', 'setpts', 'asetpts', 'format', 'crop', 'scale', 'pad', 'anullsrc'];
const OVERLAY_FILTERS = ['ass'];
const ENCODERS = ['libx264', 'aac'];

async function check(ffmpeg: string, overlay: boolean): Promise<void> {
  await requireFilters(ffmpeg, overlay ? [...CLIP_FILTERS, ...OVERLAY_FILTERS] : CLIP_FILTERS);
  // Lines look like " V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC …".
  const encoders = await ffmpegListing(ffmpeg, 'encoders', /^\s*[VAS][.A-Z]{5}\s+(\S+)/);
  const missing = ENCODERS.filter((name) => !encoders.has(name));
  if (missing.length > 0) {
    throw new AppFailure(
      'tool-missing',
      `The ffmpeg in use (${ffmpeg}) lacks the encoder${missing.length > 1 ? 's' : ''} ${missing.join(', ')} that clip export needs. Install a full ffmpeg build or choose another in Settings.`,
    );
  }
}

const checkClean = keepUntilFailure((ffmpeg: string) => check(ffmpeg, false));
const checkAnnotated = keepUntilFailure((ffmpeg: string) => check(ffmpeg, true));

/** Throws tool-missing naming what this ffmpeg lacks for a clean (overlay = false) or annotated export. */
export function requireExportTools(ffmpeg: string, overlay: boolean): Promise<void> {
  return (overlay ? checkAnnotated : checkClean)(ffmpeg);
}
