/**
 * Synthetic frames for the affiliation tests: an ice-coloured frame with painted people whose
 * torsos wear a solid jersey or an official's black-and-white stripes, under a chosen light level.
 */
import type { Rect } from '../../contract/detection.ts';
import type { PackedFrame } from './torso.ts';

export type Rgb = [number, number, number];

export const ICE: Rgb = [222, 232, 238];
export const BOARDS: Rgb = [250, 250, 246];
export const RED: Rgb = [196, 28, 42];
export const NAVY: Rgb = [22, 38, 112];
export const WHITE: Rgb = [246, 246, 246];
export const PANTS: Rgb = [30, 30, 30];

export type Jersey = { kind: 'solid'; colour: Rgb } | { kind: 'stripes'; width: number };

export function blankRink(width: number, height: number, order: 'rgb' | 'bgr' = 'bgr'): PackedFrame {
  const frame: PackedFrame = { data: new Uint8Array(width * height * 3), width, height, order };
  fillRect(frame, { x1: 0, y1: 0, x2: width, y2: height }, ICE);
  // Boards along the top sixth of the frame, as a broadcast camera sees them.
  fillRect(frame, { x1: 0, y1: 0, x2: width, y2: Math.round(height / 6) }, BOARDS);
  return frame;
}

function put(frame: PackedFrame, x: number, y: number, [r, g, b]: Rgb, light = 1): void {
  if (x < 0 || y < 0 || x >= frame.width || y >= frame.height) return;
  const i = (y * frame.width + x) * 3;
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v * light)));
  const d = frame.data;
  d[i + 1] = c(g);
  d[i] = c(frame.order === 'rgb' ? r : b);
  d[i + 2] = c(frame.order === 'rgb' ? b : r);
}

export function fillRect(frame: PackedFrame, r: Rect, colour: Rgb, light = 1): void {
  for (let y = Math.round(r.y1); y < Math.round(r.y2); y++) {
    for (let x = Math.round(r.x1); x < Math.round(r.x2); x++) put(frame, x, y, colour, light);
  }
}

/** A person: helmet, jersey (shoulders to hips), dark pants and legs; the box around all of it. */
export function paintPerson(frame: PackedFrame, box: Rect, jersey: Jersey, light = 1): void {
  const w = box.x2 - box.x1;
  const h = box.y2 - box.y1;
  fillRect(frame, { x1: box.x1 + w * 0.35, y1: box.y1, x2: box.x1 + w * 0.65, y2: box.y1 + h * 0.12 }, PANTS, light);
  const body = { x1: box.x1 + w * 0.1, y1: box.y1 + h * 0.12, x2: box.x2 - w * 0.1, y2: box.y1 + h * 0.58 };
  if (jersey.kind === 'solid') fillRect(frame, body, jersey.colour, light);
  else {
    for (let x = Math.round(body.x1); x < Math.round(body.x2); x++) {
      const black = Math.floor((x - Math.round(body.x1)) / jersey.width) % 2 === 0;
      fillRect(frame, { x1: x, y1: body.y1, x2: x + 1, y2: body.y2 }, black ? PANTS : WHITE, light);
    }
  }
  fillRect(frame, { x1: box.x1 + w * 0.2, y1: box.y1 + h * 0.58, x2: box.x2 - w * 0.2, y2: box.y2 }, PANTS, light);
}
