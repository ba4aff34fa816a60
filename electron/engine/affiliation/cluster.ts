/**
 * Tracks — not frames — into two teams and the officials. Clustering whole tracks uses everything
 * a track saw at once (one noisy frame cannot flip a player's team) and is cheap: a game has a few
 * hundred tracks, not millions of boxes.
 *   1. Officials first: striped and nearly colourless torsos (black and white stripes).
 *   2. The rest into two teams by 2-means on (a*, b*, L*, background share × 25): hue and chroma
 *      tell coloured jerseys apart, lightness tells white from black and dark green (arena light is
 *      even, so it is as telling as colour), and the background share — how much of the torso looks
 *      like the ice and boards — helps a white jersey on white ice, but only a little: it swings
 *      with how much ice shows between arms and body. Weights from `rinkside bench teams` on the
 *      hand-labelled hockey samples (docs/affiliation.md): with L* halved and the share × 60, dark
 *      and white jerseys of one game were split across both clusters.
 * Seeds are the two signatures farthest apart, so the result does not depend on track order.
 */
import { labToHex } from './lab.ts';
import type { JerseySignature } from './signature.ts';

export type JerseyGroup = 'team-a' | 'team-b' | 'official';

export interface TrackJersey {
  trackId: number;
  signature: JerseySignature;
}

export interface GroupedTrack {
  trackId: number;
  group: JerseyGroup;
  /** 0…1: how clearly the track belongs to its group rather than the nearest other one. */
  confidence: number;
}

export interface JerseyClusters {
  tracks: GroupedTrack[];
  /** The measured jersey colour of each group that has tracks, as #rrggbb. */
  colours: Partial<Record<JerseyGroup, string>>;
}

/** Striped rows (median share) above which, with little colour, a torso is an official's shirt. */
export const OFFICIAL_STRIPES = 0.35;
export const OFFICIAL_MAX_CHROMA = 18;

type Vec = [number, number, number, number];

function features(s: JerseySignature): Vec {
  return [s.a, s.b, s.L, s.background * 25];
}

function dist(p: Vec, q: Vec): number {
  return Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2], p[3] - q[3]);
}

export function isOfficialShirt(s: JerseySignature): boolean {
  return s.stripes >= OFFICIAL_STRIPES && Math.hypot(s.a, s.b) <= OFFICIAL_MAX_CHROMA;
}

function farthestPair(points: Vec[]): [number, number] {
  let best: [number, number] = [0, 0];
  let bestD = -1;
  for (let i = 0; i < points.length; i++) {
    for (let j = i + 1; j < points.length; j++) {
      const d = dist(points[i]!, points[j]!);
      if (d > bestD) {
        bestD = d;
        best = [i, j];
      }
    }
  }
  return best;
}

function mean(points: Vec[], weights: number[]): Vec {
  const out: Vec = [0, 0, 0, 0];
  let total = 0;
  points.forEach((p, i) => {
    const w = weights[i]!;
    total += w;
    for (let k = 0; k < 4; k++) out[k] = out[k]! + p[k]! * w;
  });
  return total > 0 ? (out.map((v) => v / total) as Vec) : out;
}

function confidenceOf(own: number, other: number): number {
  return other + own > 0 ? Math.max(0, Math.min(1, (other - own) / (other + own))) : 0;
}

export function clusterJerseys(tracks: readonly TrackJersey[]): JerseyClusters {
  const officials = tracks.filter((t) => isOfficialShirt(t.signature));
  const players = tracks.filter((t) => !isOfficialShirt(t.signature));
  const points = players.map((t) => features(t.signature));
  // Long tracks weigh more in the centres, but sub-linearly: one long track must not own a team.
  const weights = players.map((t) => Math.sqrt(t.signature.samples));
  const assignment = new Array<number>(players.length).fill(0);
  let centres: [Vec, Vec] = [points[0] ?? [0, 0, 0, 0], points[0] ?? [0, 0, 0, 0]];
  if (players.length >= 2) {
    const [i, j] = farthestPair(points);
    centres = [points[i]!, points[j]!];
    for (let it = 0; it < 20; it++) {
      let changed = it === 0;
      points.forEach((p, k) => {
        const c = dist(p, centres[0]) <= dist(p, centres[1]) ? 0 : 1;
        if (c !== assignment[k]) changed = true;
        assignment[k] = c;
      });
      if (!changed) break;
      const next = [0, 1].map((c) => {
        const members = points.filter((_, k) => assignment[k] === c);
        return members.length
          ? mean(
              members,
              weights.filter((_, k) => assignment[k] === c),
            )
          : centres[c as 0 | 1];
      });
      centres = [next[0]!, next[1]!];
    }
  }
  // Team A is the darker jersey, so the same game gives the same letters on every run.
  const swap = centres[0][2] > centres[1][2];
  const groupOf = (c: number): JerseyGroup => ((c === 0) !== swap ? 'team-a' : 'team-b');
  const grouped: GroupedTrack[] = players.map((t, k) => {
    const own = dist(points[k]!, centres[assignment[k] as 0 | 1]);
    const other = dist(points[k]!, centres[assignment[k] === 0 ? 1 : 0]);
    return {
      trackId: t.trackId,
      group: groupOf(assignment[k]!),
      confidence: players.length >= 2 ? confidenceOf(own, other) : 0,
    };
  });
  for (const t of officials) {
    grouped.push({
      trackId: t.trackId,
      group: 'official',
      confidence: Math.min(1, t.signature.stripes / OFFICIAL_STRIPES / 2 + 0.5),
    });
  }
  grouped.sort((p, q) => p.trackId - q.trackId);
  const colours: JerseyClusters['colours'] = {};
  for (const group of ['team-a', 'team-b', 'official'] as const) {
    const members = tracks.filter((t) => grouped.find((g) => g.trackId === t.trackId)?.group === group);
    if (!members.length) continue;
    const sigs = members.map((m) => m.signature);
    const med = (key: 'L' | 'a' | 'b') => {
      const v = sigs.map((s) => s[key]).sort((p, q) => p - q);
      return v[v.length >> 1]!;
    };
    colours[group] = labToHex({ L: med('L'), a: med('a'), b: med('b') });
  }
  return { tracks: grouped, colours };
}
