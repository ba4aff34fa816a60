/**
 * A track's jersey signature: its torso samples pooled over the frames it was seen in. The median
 * of each component, not the mean, so frames where the player is half hidden behind another (the
 * torso then holds the other's jersey) or crosses a bright board advert do not drag it.
 */
import type { TorsoSample } from './torso.ts';

export interface JerseySignature {
  L: number;
  a: number;
  b: number;
  background: number;
  stripes: number;
  /** How many torso samples were pooled. */
  samples: number;
}

/** Fewer samples than this say too little about a track to cluster it (a flicker, a far face). */
export const MIN_SAMPLES = 3;

function median(values: number[]): number {
  values.sort((p, q) => p - q);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2;
}

/** Pools a track's samples; null when it has fewer than `min` (by default MIN_SAMPLES). */
export function poolSamples(
  samples: readonly Pick<TorsoSample, 'L' | 'a' | 'b' | 'background' | 'stripes'>[],
  min = MIN_SAMPLES,
): JerseySignature | null {
  if (samples.length < Math.max(1, min)) return null;
  // Colour only from samples that saw jersey pixels; an all-background torso has no colour.
  const coloured = samples.filter((s) => s.background < 0.95);
  const pick = (key: 'L' | 'a' | 'b') => (coloured.length ? median(coloured.map((s) => s[key])) : 0);
  return {
    L: pick('L'),
    a: pick('a'),
    b: pick('b'),
    background: median(samples.map((s) => s.background)),
    stripes: median(samples.map((s) => s.stripes)),
    samples: samples.length,
  };
}
