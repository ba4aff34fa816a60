import { describe, expect, it } from 'vitest';
import { Id } from '../../contract/domain.ts';
import {
  affiliationCorrectionId,
  homeJerseyId,
  nameUuid,
  rinkRegionId,
  trackLinkId,
  trackSummaryId,
} from './name-uuid.ts';

describe('name-based UUIDs', () => {
  it('match RFC 9562 version 5 (the DNS namespace example)', () => {
    expect(nameUuid('6ba7b810-9dad-11d1-80b4-00c04fd430c8', 'www.example.com')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });

  it('give every device the same id for the same track, and different ids for different ones', () => {
    const run = '11111111-2222-4333-8444-555555555555';
    expect(trackSummaryId(run, 7)).toBe(trackSummaryId(run, 7));
    expect(trackSummaryId(run, 7)).not.toBe(trackSummaryId(run, 8));
    expect(trackLinkId(run, 7)).not.toBe(trackSummaryId(run, 7));
    expect(Id.safeParse(trackSummaryId(run, 7)).success).toBe(true);
  });

  it('give the jersey-team rows one id per key on every device, distinct across tables', () => {
    const run = '11111111-2222-4333-8444-555555555555';
    const ids = [
      affiliationCorrectionId(run, 7),
      trackSummaryId(run, 7),
      trackLinkId(run, 7),
      homeJerseyId(run),
      rinkRegionId(run),
    ];
    expect(new Set(ids).size).toBe(ids.length);
    expect(affiliationCorrectionId(run, 7)).toBe(affiliationCorrectionId(run, 7));
    expect(affiliationCorrectionId(run, 7)).not.toBe(affiliationCorrectionId(run, 8));
    expect(homeJerseyId(run)).toBe(homeJerseyId(run));
    for (const id of ids) expect(Id.safeParse(id).success).toBe(true);
  });
});
