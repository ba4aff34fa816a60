/**
 * Scores affiliations against hand (or generator) labels: a labels file names, per frame, boxes
 * and what the person wears (any truth names: "red", "navy", "official", "bench" …). Each analysed
 * track takes the truth most of its matched boxes carry; the jersey clusters are then mapped to
 * truths one to one in the way that agrees most (the analysis cannot know the names), and accuracy
 * is counted per truth over tracks — the unit the analyst corrects.
 */
import { z } from 'zod';
import type { Affiliation, TrackAffiliation } from '../../contract/affiliation.ts';
import type { DetectionFrame } from '../../contract/detection.ts';

export const AffiliationLabels = z.object({
  /** Truth names; "official" and "off-ice" map to those affiliations, the rest to the two teams. */
  truths: z.array(z.string().min(1)).min(1),
  frames: z.array(
    z.object({
      i: z.number().int().min(0),
      boxes: z.array(z.tuple([z.number(), z.number(), z.number(), z.number(), z.string()])),
    }),
  ),
});
export type AffiliationLabels = z.infer<typeof AffiliationLabels>;

export interface TruthScore {
  truth: string;
  /** The affiliation this truth was mapped to. */
  affiliation: Affiliation | null;
  tracks: number;
  correct: number;
  accuracy: number;
}

/** Minimum overlap for an analysed box to take a labelled box's truth. */
const MATCH_IOU = 0.5;
/** A track with fewer matched boxes is a flicker, not a person the analyst would correct. */
export const MIN_TRACK_BOXES = 3;

function iou(a: readonly number[], b: readonly number[]): number {
  const w = Math.min(a[2]!, b[2]!) - Math.max(a[0]!, b[0]!);
  const h = Math.min(a[3]!, b[3]!) - Math.max(a[1]!, b[1]!);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  return inter / ((a[2]! - a[0]!) * (a[3]! - a[1]!) + (b[2]! - b[0]!) * (b[3]! - b[1]!) - inter);
}

/**
 * The truth of each analysed person track (ids as the windows show them), by majority of its
 * boxes; tracks of other classes (a "kite" on the glass) have no affiliation to score.
 */
export function truthOfTracks(
  frames: readonly DetectionFrame[],
  labels: AffiliationLabels,
  personClassIds: ReadonlySet<number>,
): Map<number, string> {
  const byFrame = new Map(labels.frames.map((f) => [f.i, f.boxes]));
  const votes = new Map<number, Map<string, number>>();
  for (const frame of frames) {
    const labelled = byFrame.get(frame.index);
    if (!labelled) continue;
    for (const box of frame.boxes) {
      if (box.trackId < 0 || !personClassIds.has(box.classId)) continue;
      const coords = [box.x1, box.y1, box.x2, box.y2];
      let best: string | null = null;
      let bestIou = MATCH_IOU;
      for (const l of labelled) {
        const o = iou(coords, [l[0], l[1], l[2], l[3]]);
        if (o >= bestIou) {
          bestIou = o;
          best = l[4];
        }
      }
      if (!best) continue;
      const v = votes.get(box.trackId) ?? new Map<string, number>();
      v.set(best, (v.get(best) ?? 0) + 1);
      votes.set(box.trackId, v);
    }
  }
  const out = new Map<number, string>();
  for (const [trackId, v] of votes) {
    const total = [...v.values()].reduce((sum, n) => sum + n, 0);
    if (total >= MIN_TRACK_BOXES) out.set(trackId, [...v].sort((p, q) => q[1] - p[1])[0]![0]);
  }
  return out;
}

export function scoreAffiliations(
  tracks: readonly TrackAffiliation[],
  truths: ReadonlyMap<number, string>,
  truthNames: readonly string[],
): TruthScore[] {
  const fixed: Record<string, Affiliation> = { official: 'official', 'off-ice': 'off-ice' };
  const teamTruths = truthNames.filter((t) => !(t in fixed));
  const affiliationOf = new Map(tracks.map((t) => [t.trackId, t.affiliation]));
  const agree = (mapping: Map<string, Affiliation>) =>
    [...truths].filter(([id, truth]) => affiliationOf.get(id) === mapping.get(truth)).length;
  // The two team truths onto team-a / team-b: both ways, keep the better.
  const candidates = [new Map<string, Affiliation>(), new Map<string, Affiliation>()];
  teamTruths.forEach((t, k) => {
    candidates[0]!.set(t, k === 0 ? 'team-a' : 'team-b');
    candidates[1]!.set(t, k === 0 ? 'team-b' : 'team-a');
  });
  for (const c of candidates) for (const [t, a] of Object.entries(fixed)) c.set(t, a);
  const mapping = agree(candidates[0]!) >= agree(candidates[1]!) ? candidates[0]! : candidates[1]!;
  return truthNames.map((truth) => {
    const ids = [...truths].filter(([, t]) => t === truth).map(([id]) => id);
    const affiliation = mapping.get(truth) ?? null;
    const correct = ids.filter((id) => affiliationOf.get(id) === affiliation).length;
    return { truth, affiliation, tracks: ids.length, correct, accuracy: ids.length ? correct / ids.length : 0 };
  });
}
