/**
 * Every track's affiliation from the stored samples, at read time: samples are pooled by the track
 * ids the analyst sees (after merges and splits), so an edit re-pools without re-sampling; people
 * standing off the rink region are off the ice; the analyst's corrections win over everything.
 */
import type { Affiliation, RinkPolygon, RunAffiliations, TrackAffiliation } from '../../contract/affiliation.ts';
import { clusterJerseys } from './cluster.ts';
import { insidePolygon, OFF_ICE_SHARE } from './rink-region.ts';
import type { JerseySampleRow } from './sampler.ts';
import { MIN_SAMPLES, poolSamples } from './signature.ts';

export interface AssignInput {
  samples: readonly JerseySampleRow[];
  /** Stored tracker id at a frame → the id the analyst sees. */
  resolveId: (trackId: number, frameIndex: number) => number;
  corrections: ReadonlyMap<number, Affiliation>;
  rink: RinkPolygon | null;
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
  for (const [trackId, samples] of byTrack) {
    const rink = input.rink;
    const outside = rink ? samples.filter((s) => !insidePolygon(rink, s.footX, s.footY)).length / samples.length : 0;
    if (outside >= OFF_ICE_SHARE) {
      result.set(trackId, { trackId, affiliation: 'off-ice', confidence: outside, corrected: false });
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
