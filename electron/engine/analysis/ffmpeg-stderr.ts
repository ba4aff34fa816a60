import { AppFailure } from '../../contract/errors.ts';

/**
 * What the frame source reads from ffmpeg's stderr: the `showinfo` filter's per-frame line
 * (`[Parsed_showinfo_3 @ 0x…] n:  12 pts:  1234 pts_time:0.41 … s:416x416 …`) and its
 * `config in time_base: 1/30000` line. We take the integer pts and the time base, never
 * pts_time: ffmpeg prints that with %.6g, so 1843.26 s into a game loses the milliseconds.
 */
export type ShowinfoLine =
  { kind: 'frame'; n: number; pts: number; size: string | undefined } | { kind: 'time-base'; num: number; den: number };

const FRAME = /\] n:\s*(\d+) pts:\s*(-?\d+) /;
const SIZE = / s:(\d+x\d+) /;
const TIME_BASE = /\] config in time_base: (\d+)\/(\d+)/;

/**
 * Parses one stderr line; undefined when it is not ours. Only the first frame's line is also
 * searched for its size (the caller checks it once), so the per-frame cost is one regex.
 */
export function parseShowinfoLine(line: string, wantSize = false): ShowinfoLine | undefined {
  if (!line.startsWith('[Parsed_showinfo_')) return undefined;
  const frame = FRAME.exec(line);
  if (frame) {
    const size = wantSize ? SIZE.exec(line)?.[1] : undefined;
    return { kind: 'frame', n: Number(frame[1]), pts: Number(frame[2]), size };
  }
  const timeBase = TIME_BASE.exec(line);
  if (timeBase) return { kind: 'time-base', num: Number(timeBase[1]), den: Number(timeBase[2]) };
  return undefined;
}

/**
 * Splits stderr chunks into lines (a chunk can end mid-line) and keeps the last lines that are
 * not showinfo chatter, for the error detail an analyst or a bug report needs.
 */
export class StderrLines {
  readonly #tail: string[] = [];
  readonly #tailLines: number;
  #partial = '';
  /** ffmpeg hit the end of the data before the container's index said it would (exit code stays 0). */
  truncated = false;
  /** Damaged frames ffmpeg decoded past (exit code stays 0); worth a warning, not a failure. */
  decodeErrors = 0;

  constructor(tailLines = 30) {
    this.#tailLines = tailLines;
  }

  /** Calls onLine for every complete line in the chunk. */
  push(chunk: string, onLine: (line: string) => void): void {
    let start = 0;
    let text = chunk;
    if (this.#partial !== '') {
      text = this.#partial + chunk;
      this.#partial = '';
    }
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      this.#line(text.slice(start, end), onLine);
      start = end + 1;
    }
    if (start < text.length) this.#partial = text.slice(start);
  }

  /** Flushes a last line without a newline (ffmpeg killed mid-write). */
  end(onLine: (line: string) => void): void {
    if (this.#partial !== '') this.#line(this.#partial, onLine);
    this.#partial = '';
  }

  get tail(): string {
    return this.#tail.join('\n');
  }

  #line(raw: string, onLine: (line: string) => void): void {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    onLine(line);
    if (line.startsWith('[Parsed_showinfo_')) return;
    if (PARTIAL_FILE.test(line)) this.truncated = true;
    else if (DECODE_ERROR.test(line)) this.decodeErrors += 1;
    this.#tail.push(line);
    if (this.#tail.length > this.#tailLines) this.#tail.shift();
  }
}

const PARTIAL_FILE = /partial file/;
const DECODE_ERROR = /error while decoding|concealing|corrupt|Invalid NAL/i;
const NO_VIDEO = /matches no streams|does not contain any stream|no video stream/i;
const NOT_FOUND = /No such file or directory/;
const UNREADABLE = /Permission denied/;
const FILTER_ERROR =
  /No such filter|Error (?:initializing|reinitializing|configuring) (?:complex )?filters?|Invalid pixel format|Unknown pixel format/i;
const NOT_MEDIA = /Invalid data found when processing input|moov atom not found|could not find codec parameters/i;

/**
 * Turns a non-zero ffmpeg exit into the AppFailure the analyst (or a bug report) needs.
 * Input-side failures are matched first: a missing moov atom also makes later stages complain.
 */
export function failureFromExit(code: number | null, signal: string | null, tail: string, input: string): AppFailure {
  const how = code === null ? `killed by ${signal ?? 'a signal'}` : `exit code ${code}`;
  if (NOT_FOUND.test(tail)) return new AppFailure('not-found', `Video file not found: ${input}`, tail);
  if (UNREADABLE.test(tail)) return new AppFailure('unreadable', `Cannot read video file: ${input}`, tail);
  if (NO_VIDEO.test(tail)) return new AppFailure('no-video-stream', `No video stream in ${input}`, tail);
  if (NOT_MEDIA.test(tail)) {
    return new AppFailure('corrupt-media', `The video is truncated or damaged and cannot be decoded: ${input}`, tail);
  }
  if (FILTER_ERROR.test(tail)) {
    return new AppFailure('internal', `ffmpeg rejected the analysis filter (${how})`, tail);
  }
  return new AppFailure('corrupt-media', `ffmpeg stopped decoding ${input} (${how})`, tail);
}
