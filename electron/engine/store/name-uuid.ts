import { createHash } from 'node:crypto';

/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name). A row that two devices
 * can each make on their own — the summary of track 7 of a run — must get the same id on both, or
 * the team's database ends up with two rows for one thing (docs/cloud.md, "No uniqueness on
 * natural keys").
 */
export function nameUuid(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`not a UUID namespace: ${namespace}`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fixed for ever: changing it would give every summary a new id on the next analysis. */
const TRACK_SUMMARY_NAMESPACE = '5e7d0c1a-93b4-4f2e-8a61-2c4b9d7e0f13';

/** The id of a run's summary of one track, the same on every device. */
export function trackSummaryId(runId: string, trackId: number): string {
  return nameUuid(TRACK_SUMMARY_NAMESPACE, `${runId}/${trackId}`);
}

const TRACK_LINK_NAMESPACE = '0b9f6a3e-2d7c-4e18-b5a4-7c31e8d2f960';

/** The id of the link of one track of a run to a player, the same on every device. */
export function trackLinkId(runId: string, trackId: number): string {
  return nameUuid(TRACK_LINK_NAMESPACE, `${runId}/${trackId}`);
}

const AFFILIATION_CORRECTION_NAMESPACE = 'a7c2e9d4-5b13-4f8a-9e60-3d1b7f24c85e';

/** The id of the analyst's correction of one track of a run, the same on every device. */
export function affiliationCorrectionId(runId: string, trackId: number): string {
  return nameUuid(AFFILIATION_CORRECTION_NAMESPACE, `${runId}/${trackId}`);
}

const HOME_JERSEY_NAMESPACE = '3f8e1b6c-2a94-4d07-b1c5-8e6a0d9f7b42';

/** The id of a game's home-jersey choice (one per game), the same on every device. */
export function homeJerseyId(gameId: string): string {
  return nameUuid(HOME_JERSEY_NAMESPACE, gameId);
}

const RINK_REGION_NAMESPACE = 'c51d0a7e-8f36-4b29-a4e8-6b2f9c03d15a';

/** The id of a video's drawn ice surface (one per video), the same on every device. */
export function rinkRegionId(videoId: string): string {
  return nameUuid(RINK_REGION_NAMESPACE, videoId);
}
