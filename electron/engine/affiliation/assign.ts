/**
 * Every track's affiliation from the stored samples, at read time: samples are pooled by the track
 * ids the analyst sees (after merges and splits), so an edit re-pools without re-sampling; people
 * standing off the rink region, or standing still and small (off-ice-cues.ts), are off the ice;
 * the analyst's corrections win over everything.
 */
import type { Affiliation, RinkPolygon, RunAffiliations, TrackAffiliation } from '../../contract/affiliation.ts';
import type { TrackedDetection } from '../../contract/detection.ts';
import { clusterJerseys } from './cluster.ts';
import { isStill, offIceByCues, relativeSize, SMALL_SIZE, type PersonBox } from './off-ice-cues.ts';
import { insidePolygon, OFF_ICE_SHARE } from './rink-region.ts';
import type { JerseySampleRow } from './sampler.ts';
import { MIN_SAMPLES, poolSamples } from './signature.ts';

export interface AssignInput {
  samples: readonly JerseySampleRow[];
  /** Stored tracker id at a frame → the id the analyst sees. */
  resolveId: (trackId: number, frameIndex: number) => number;
  corrections: ReadonlyMap<number, Affiliation>;
  rink: RinkPolygon | null;
  /**
   * The stored boxes of one analysed frame (stored tracker ids), for the size cue; without it (or
   * the frame size) only the rink region tells who is off the ice.
   */
  boxesAt?: (frameIndex: number, pts: number) => readonly TrackedDetection[];
  frameSize?: { width: number; height: number };
}

/** Frames of a still track looked at for its size: a few, spread over its samples. */
const SIZE_FRAMES = 5;

function pickEvenly<T>(items: readonly T[], n: number): T[] {
  if (items.length <= n) return [...items];
  return Array.from({ length: n }, (_, k) => items[Math.floor(((k + 0.5) * items.length) / n)]!);
}

/** A still track's size against the moving people on the same frames (null when it cannot tell). */
function sizeOfStill(
  input: AssignInput,
  trackId: number,
  samples: readonly JerseySampleRow[],
  moving: ReadonlySet<number>,
): number | null {
  const { boxesAt, frameSize } = input;
  if (!boxesAt || !frameSize) return null;
  const own: PersonBox[] = [];
  const others: PersonBox[] = [];
  for (const s of pickEvenly(samples, SIZE_FRAMES)) {
    for (const box of boxesAt(s.frameIndex, s.pts)) {
      if (box.trackId < 0) continue;
      const id = input.resolveId(box.trackId, s.frameIndex);
      const person = { footY: box.y2 / frameSize.height, height: (box.y2 - box.y1) / frameSize.height };
      if (id === trackId) own.push(person);
      else if (moving.has(id)) others.push(person);
    }
  }
  return relativeSize(own, others);
}

export function assignAffiliations(input: AssignInput): Pick<RunAffiliations, 'tracks' | 'colours'> {
  const byTrack = new Map<number, JerseySampleRow[]>();
  for (const s of input.samples) {
    const id = input.resolveId(s.trackId, s.frameIndex);
    let list = byTrack.get(id);
    if (!list) byTrack.set(id, (list = []));
    list.push(s);
  }
  const result = new Map<number, TrackAffiliation>();
  const onIce: { trackId: number; signature: NonNullable<ReturnType<typeof poolSamples>> }[] = [];
  const still = new Set([...byTrack].filter(([, samples]) => isStill(samples)).map(([id]) => id));
  const moving = new Set([...byTrack.keys()].filter((id) => !still.has(id)));
  for (const [trackId, samples] of byTrack) {
    const rink = input.rink;
    const outside = rink ? samples.filter((s) => !insidePolygon(rink, s.footX, s.footY)).length / samples.length : 0;
    if (outside >= OFF_ICE_SHARE) {
      result.set(trackId, { trackId, affiliation: 'off-ice', confidence: outside, corrected: false });
      continue;
    }
    const size = still.has(trackId) ? sizeOfStill(input, trackId, samples, moving) : null;
    if (offIceByCues(still.has(trackId), size)) {
      const confidence = Math.min(1, 0.5 + (SMALL_SIZE - size!) / SMALL_SIZE);
      result.set(trackId, { trackId, affiliation: 'off-ice', confidence, corrected: false });
      continue;
    }
    // Short tracks take part too (a shift change is seconds long), with their confidence scaled
    // down by how little of the jersey was seen.
    const signature = poolSamples(samples, 1);
    if (signature) onIce.push({ trackId, signature });
  }
  const clusters = clusterJerseys(onIce);
  for (const t of clusters.tracks) {
    const seen = onIce.find((o) => o.trackId === t.trackId)!.signature.samples;
    result.set(t.trackId, {
      trackId: t.trackId,
      affiliation: t.group,
      confidence: t.confidence * Math.min(1, seen / MIN_SAMPLES),
      corrected: false,
    });
  }
  for (const [trackId, affiliation] of input.corrections) {
    result.set(trackId, { trackId, affiliation, confidence: 1, corrected: true });
  }
  return { tracks: [...result.values()].sort((a, b) => a.trackId - b.trackId), colours: clusters.colours };
}
