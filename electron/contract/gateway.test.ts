import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CreateUploadRequest,
  GATEWAY_ERROR_STATUS,
  GatewayErrorKind,
  MAX_PART_COUNT,
  MAX_PART_SIZE,
  MIN_PART_SIZE,
  objectKey,
  partLength,
  planParts,
  planProblem,
} from './gateway.ts';

const MiB = 1024 * 1024;

describe('the part plan', () => {
  it('gives every part the fixed size but the last, which holds the rest', () => {
    const plan = planParts(20 * MiB + 5, 8 * MiB);
    expect(plan.partCount).toBe(3);
    expect([1, 2, 3].map((n) => partLength(plan, n))).toEqual([8 * MiB, 8 * MiB, 4 * MiB + 5]);
    expect(planProblem(plan)).toBeNull();
  });

  it('accepts a single small part and an exact multiple', () => {
    expect(planProblem(planParts(1000, 1000))).toBeNull();
    expect(planProblem(planParts(1000, 8 * MiB))).toBeNull();
    const exact = planParts(16 * MiB, 8 * MiB);
    expect(exact.partCount).toBe(2);
    expect(partLength(exact, 2)).toBe(8 * MiB);
  });

  it('refuses parts under 8 MiB when there is more than one', () => {
    expect(planProblem(planParts(10 * MiB, 5 * MiB))).toMatch(/at least 8388608 bytes/);
    expect(planProblem(planParts(MIN_PART_SIZE + 1, MIN_PART_SIZE))).toBeNull();
  });

  it('refuses a part count that does not cover the size', () => {
    expect(planProblem({ size: 20 * MiB, partSize: 8 * MiB, partCount: 2 })).toMatch(/make 3 parts, not 2/);
    expect(planProblem({ size: 16 * MiB, partSize: 8 * MiB, partCount: 3 })).toMatch(/make 2 parts, not 3/);
  });

  it('refuses more parts than S3 allows and parts over 5 GiB', () => {
    expect(planProblem(planParts((MAX_PART_COUNT + 1) * MIN_PART_SIZE, MIN_PART_SIZE))).toMatch(/at most 10000/);
    expect(planProblem(planParts(6 * 1024 * MiB, 6 * 1024 * MiB))).toMatch(/at most 5368709120 bytes/);
  });
});

describe('every plan', () => {
  it('covers the size with equal parts but a non-empty last one, and is refused exactly when R2 would', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: MAX_PART_SIZE }),
        fc.integer({ min: 1, max: MAX_PART_COUNT }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (partSize, count, lastShare) => {
          const last = Math.max(1, Math.ceil(partSize * lastShare));
          const size = (count - 1) * partSize + last;
          const plan = planParts(size, partSize);
          expect(plan.partCount).toBe(count);
          expect(partLength(plan, count)).toBe(last);
          if (count > 1) expect(partLength(plan, 1)).toBe(partSize);
          expect(planProblem(plan) === null).toBe(count === 1 || partSize >= MIN_PART_SIZE);
          expect(planProblem({ ...plan, partCount: count + 1 })).not.toBeNull();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('the wire', () => {
  it('names objects by team and content', () => {
    expect(objectKey('t1', 'ab'.repeat(32))).toBe(`teams/t1/sha256/${'ab'.repeat(32)}`);
  });

  it('refuses a create without a valid sha256 or target', () => {
    const good = {
      target: { kind: 'video', videoId: '6f1c2d3e-4b5a-4c6d-8e7f-0a1b2c3d4e5f' },
      sha256: 'ab'.repeat(32),
      size: 10,
      partSize: 10,
      partCount: 1,
    };
    expect(CreateUploadRequest.safeParse(good).success).toBe(true);
    expect(CreateUploadRequest.safeParse({ ...good, sha256: 'AB'.repeat(32) }).success).toBe(false);
    expect(CreateUploadRequest.safeParse({ ...good, target: { kind: 'video', videoId: 'x' } }).success).toBe(false);
    expect(CreateUploadRequest.safeParse({ ...good, size: 0 }).success).toBe(false);
  });

  it('gives every error kind an HTTP status', () => {
    for (const kind of GatewayErrorKind.options) expect(GATEWAY_ERROR_STATUS[kind]).toBeGreaterThanOrEqual(400);
    expect(GATEWAY_ERROR_STATUS.unauthorized).toBe(401);
  });
});
