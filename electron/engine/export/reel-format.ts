/**
 * The one picture size and frame rate of a highlight reel cut from several videos: the largest
 * picture and the highest frame rate among the sources (nothing is scaled down or dropped), or
 * what the caller asks for. Every segment is scaled to fit and padded, and converted to the rate.
 */
import type { VideoProbe } from '../../contract/domain.ts';

export interface FrameRate {
  num: number;
  den: number;
}

export interface ReelFormat {
  width: number;
  height: number;
  rate: FrameRate;
}

export const rateValue = (r: FrameRate): number => r.num / r.den;
export const rateText = (r: FrameRate): string => `${r.num}/${r.den}`;

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The picture as the filters see it: autorotated sources reach them turned. */
export function pictureSize(probe: Pick<VideoProbe, 'width' | 'height' | 'rotation'>): {
  width: number;
  height: number;
} {
  const turned = Math.abs(probe.rotation) % 180 === 90;
  return { width: turned ? probe.height : probe.width, height: turned ? probe.width : probe.height };
}

/**
 * An average frame rate as the exact rate it stands for: the NTSC family (29.97 = 30000/1001…),
 * whole numbers, else thousandths. Kept between 1 and 120 fps.
 */
export function exactRate(fps: number): FrameRate {
  const f = Number.isFinite(fps) ? Math.min(120, Math.max(1, fps)) : 30;
  for (const base of [24, 30, 48, 60, 120]) {
    if (Math.abs(f - (base * 1000) / 1001) < 0.005) return { num: base * 1000, den: 1001 };
  }
  if (Math.abs(f - Math.round(f)) < 0.005) return { num: Math.round(f), den: 1 };
  return { num: Math.round(f * 1000), den: 1000 };
}

export function reelFormat(
  probes: readonly Pick<VideoProbe, 'width' | 'height' | 'rotation' | 'fps'>[],
  setting: { width?: number; height?: number; fps?: number } = {},
): ReelFormat {
  let best = { width: 2, height: 2 };
  let fps = 0;
  for (const probe of probes) {
    const size = pictureSize(probe);
    if (size.width * size.height > best.width * best.height) best = size;
    fps = Math.max(fps, probe.fps);
  }
  return {
    width: even(setting.width ?? best.width),
    height: even(setting.height ?? best.height),
    rate: exactRate(setting.fps ?? fps),
  };
}

/** Output frames of a segment lasting `durationS` (its frames' span) at the reel's rate; at least one. */
export function segmentFrames(durationS: number, rate: FrameRate): number {
  return Math.max(1, Math.round((durationS * rate.num) / rate.den));
}
