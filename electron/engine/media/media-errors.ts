import { closeSync, openSync, readSync } from 'node:fs';
import type { AppErrorKind } from '../../contract/errors.ts';
import { AppFailure } from '../../contract/errors.ts';

/**
 * ffmpeg and ffprobe report every failure as free text on stderr and exit 1, so the kind comes
 * from the text. Order matters: a truncated mp4 also says "Invalid data found", and a missing
 * file can be reported both by errno and by text.
 */
const RULES: Array<{ kind: AppErrorKind; pattern: RegExp }> = [
  { kind: 'unreadable', pattern: /permission denied|operation not permitted/i },
  { kind: 'not-found', pattern: /no such file or directory/i },
  {
    kind: 'corrupt-media',
    pattern:
      /moov atom not found|partial file|truncat|corrupt|EBML header parsing failed|invalid (atom|box) size|unexpected end of file/i,
  },
  { kind: 'no-video-stream', pattern: /matches no streams|does not contain any stream|no video stream/i },
  { kind: 'not-video', pattern: /invalid data found when processing input|could not find codec parameters/i },
  { kind: 'tool-missing', pattern: /unknown encoder|encoder \S+ not found|no such filter|unrecognized option/i },
];

/** Maps ffmpeg/ffprobe stderr (and an errno code from the OS, when there is one) to an error kind. */
export function classifyMediaError(stderr: string, errno?: string | null): AppErrorKind {
  if (errno === 'ENOENT') return 'not-found';
  if (errno === 'EACCES' || errno === 'EPERM') return 'unreadable';
  for (const rule of RULES) if (rule.pattern.test(stderr)) return rule.kind;
  return 'internal';
}

/** The analyst-facing sentence for each kind, naming the file. */
export function mediaErrorMessage(kind: AppErrorKind, file: string): string {
  const name = `"${file}"`;
  switch (kind) {
    case 'not-found':
      return `The file ${name} does not exist. It may have been moved, renamed, or be on a drive that is not connected.`;
    case 'unreadable':
      return `Rinkside is not allowed to read ${name}. Check the file's permissions or copy it to a folder you own.`;
    case 'not-video':
      return `${name} is not a video file Rinkside can read.`;
    case 'corrupt-media':
      return `${name} is damaged or incomplete. It may not have finished copying or recording; try copying it again.`;
    case 'no-video-stream':
      return `${name} has no video in it (only audio or other data).`;
    case 'tool-missing':
      return `The installed ffmpeg lacks a feature needed to process ${name}. Install a full ffmpeg build.`;
    case 'cancelled':
      return 'Cancelled';
    default:
      return `ffmpeg could not process ${name}.`;
  }
}

/** An AppFailure for a failed ffmpeg/ffprobe run on `file`, with stderr as detail. */
/**
 * ffmpeg picks the mp4 demuxer from a .mp4 name and then says "moov atom not found" for any
 * bytes at all; only a file that starts like an MP4 (a box type at bytes 4–7) is a damaged one.
 */
function startsLikeMp4(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(8);
      const read = readSync(fd, head, 0, 8, 0);
      return read === 8 && /^(ftyp|moov|mdat|free|skip|wide|pnot|styp)$/.test(head.toString('latin1', 4, 8));
    } finally {
      closeSync(fd);
    }
  } catch {
    return true; // cannot look: keep ffmpeg's word for it
  }
}

export function mediaFailure(file: string, stderr: string, errno?: string | null): AppFailure {
  let kind = classifyMediaError(stderr, errno);
  if (kind === 'corrupt-media' && /moov atom not found/i.test(stderr) && !startsLikeMp4(file)) kind = 'not-video';
  const detail = stderr.trim();
  return new AppFailure(kind, mediaErrorMessage(kind, file), detail === '' ? undefined : detail);
}
