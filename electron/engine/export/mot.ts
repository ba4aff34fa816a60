/**
 * Tracks as MOTChallenge text, the format tracking tools (TrackEval, py-motmetrics) read:
 * `frame,id,bb_left,bb_top,bb_width,bb_height,conf,-1,-1,-1`, one box per line, frames 1-based
 * (frame = the video's 0-based frame index + 1), boxes in source pixels. Track ids are the ids the
 * analyst sees (after merges and splits, through `resolveTrackId`); untracked boxes are left out,
 * as a tracking result has no row without an id.
 */
import type { DetectionFrame } from '../../contract/detection.ts';

export interface MotOptions {
  /** Maps a stored track id at a frame to the analyst's id (track edits); identity by default. */
  resolveTrackId?: (trackId: number, frameIndex: number) => number;
}

export interface MotRow {
  frame: number;
  id: number;
  left: number;
  top: number;
  width: number;
  height: number;
  conf: number;
}

const num = (v: number, digits: number) => String(Number(v.toFixed(digits)));

export function motLine(r: MotRow): string {
  return [
    r.frame,
    r.id,
    num(r.left, 2),
    num(r.top, 2),
    num(r.width, 2),
    num(r.height, 2),
    num(r.conf, 4),
    -1,
    -1,
    -1,
  ].join(',');
}

/** Rows in frame order, by id within a frame. Streams: `frames` may be a generator over a whole game. */
export function* motRows(frames: Iterable<DetectionFrame>, options: MotOptions = {}): Generator<MotRow> {
  const resolve = options.resolveTrackId ?? ((id: number) => id);
  for (const f of frames) {
    const rows: MotRow[] = [];
    for (const b of f.boxes) {
      if (b.trackId < 0) continue;
      const id = resolve(b.trackId, f.index);
      if (id < 0) continue;
      rows.push({
        frame: f.index + 1,
        id,
        left: b.x1,
        top: b.y1,
        width: b.x2 - b.x1,
        height: b.y2 - b.y1,
        conf: b.score,
      });
    }
    rows.sort((a, b) => a.id - b.id);
    yield* rows;
  }
}

export function toMot(frames: Iterable<DetectionFrame>, options: MotOptions = {}): { text: string; rows: number } {
  const lines: string[] = [];
  for (const row of motRows(frames, options)) lines.push(motLine(row));
  return { text: lines.length ? `${lines.join('\n')}\n` : '', rows: lines.length };
}

/** Reads MOT text back (tests, and a check of files from other tools); blank lines are ignored. */
export function parseMot(text: string): MotRow[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line, k) => {
      const v = line.split(',').map((x) => Number(x.trim()));
      if (v.length < 7 || v.slice(0, 7).some((x) => !Number.isFinite(x))) {
        throw new Error(`MOT line ${k + 1} is not frame,id,left,top,width,height,conf,…: "${line}"`);
      }
      const [frame = 0, id = 0, left = 0, top = 0, width = 0, height = 0, conf = 0] = v;
      return { frame, id, left, top, width, height, conf };
    });
}
