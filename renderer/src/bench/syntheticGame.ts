import type { DetectionFrame } from '../../../electron/contract/detection.ts';
import { encodeDetectionsWindow } from '../../../electron/contract/detections-window.ts';

/**
 * A made-up game for the UI benchmark: `boxesPerFrame` tracked skaters gliding over a 1920×1080
 * picture, analysed at `analysedFps`. Deterministic in time, so any window can be made on demand
 * through the same binary format the engine sends.
 */
export function syntheticFrames(
  fromS: number,
  toS: number,
  analysedFps: number,
  boxesPerFrame: number,
): DetectionFrame[] {
  const frames: DetectionFrame[] = [];
  const first = Math.ceil(fromS * analysedFps);
  const last = Math.floor(toS * analysedFps);
  for (let i = first; i <= last; i++) {
    const t = i / analysedFps;
    const boxes = [];
    for (let k = 0; k < boxesPerFrame; k++) {
      const x = 960 + Math.sin(t * 0.3 + k) * 800;
      const y = 540 + Math.cos(t * 0.2 + k * 1.7) * 420;
      boxes.push({
        x1: x - 30,
        y1: y - 80,
        x2: x + 30,
        y2: y + 80,
        score: 0.8,
        classId: k === 0 ? 32 : 0,
        trackId: k + 1,
      });
    }
    frames.push({ index: i, pts: t, boxes });
  }
  return frames;
}

export function syntheticWindow(fromS: number, toS: number, analysedFps: number, boxesPerFrame: number): ArrayBuffer {
  return encodeDetectionsWindow(syntheticFrames(fromS, toS, analysedFps, boxesPerFrame), fromS, toS);
}
