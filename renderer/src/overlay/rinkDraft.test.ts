import { describe, expect, it } from 'vitest';
import { RinkPolygon } from '../../../electron/contract/index.ts';
import { addDraftPoint, closeDraft, draftPointAt, MAX_RINK_POINTS } from './rinkDraft.ts';

describe('drawing the rink region', () => {
  it('turns clicks in source pixels into fractions of the picture, and ignores the bars beside it', () => {
    expect(draftPointAt(960, 540, 1920, 1080)).toEqual({ x: 0.5, y: 0.5 });
    expect(draftPointAt(0, 1080, 1920, 1080)).toEqual({ x: 0, y: 1 });
    expect(draftPointAt(1 / 3, 100, 1, 1000)).toEqual({ x: 0.3333, y: 0.1 });
    expect(draftPointAt(-5, 10, 1920, 1080)).toBeNull();
    expect(draftPointAt(10, 1081, 1920, 1080)).toBeNull();
    expect(draftPointAt(10, 10, 0, 0)).toBeNull();
  });

  it('adds corners, drops a repeated click and stops at the stored limit', () => {
    let points = addDraftPoint([], { x: 0.1, y: 0.2 });
    points = addDraftPoint(points, { x: 0.1, y: 0.2 });
    points = addDraftPoint(points, null);
    expect(points).toEqual([{ x: 0.1, y: 0.2 }]);
    for (let i = 0; i < 100; i++) points = addDraftPoint(points, { x: i / 100, y: 0.5 });
    expect(points).toHaveLength(MAX_RINK_POINTS);
  });

  it('closes only with three corners or more, into a region the command accepts', () => {
    const two = [
      { x: 0.1, y: 0.1 },
      { x: 0.9, y: 0.1 },
    ];
    expect(closeDraft(two)).toBeNull();
    const three = closeDraft([...two, { x: 0.5, y: 0.9 }]);
    expect(three).toHaveLength(3);
    expect(RinkPolygon.safeParse(three).success).toBe(true);
  });
});
