import { describe, expect, it } from 'vitest';
import { clampView, fitView, maxPxPerS, panBy, reveal, tickStepS, timeToX, xToTime, zoomAt } from './view.ts';

const game = { durationS: 7200, widthPx: 1200, fps: 30 };

describe('timeline view', () => {
  it('fits the whole game at the widest zoom', () => {
    expect(fitView(game)).toEqual({ startS: 0, pxPerS: 1200 / 7200 });
  });

  it('zooms around the anchor, keeping the time under it in place', () => {
    const view = fitView(game);
    const anchorS = xToTime(view, 600);
    const zoomed = zoomAt(view, game, 600, 8);
    expect(zoomed.pxPerS).toBeCloseTo((1200 / 7200) * 8);
    expect(timeToX(zoomed, anchorS)).toBeCloseTo(600);
  });

  it('zooms down to single frames and no further, and out no wider than the game', () => {
    let view = fitView(game);
    for (let i = 0; i < 100; i++) view = zoomAt(view, game, 300, 2);
    expect(view.pxPerS).toBe(maxPxPerS(game));
    expect(view.pxPerS / game.fps).toBe(48);
    for (let i = 0; i < 100; i++) view = zoomAt(view, game, 300, 0.5);
    expect(view).toEqual(fitView(game));
  });

  it('pans within the game', () => {
    const view = { startS: 100, pxPerS: 10 };
    expect(panBy(view, game, 200)).toEqual({ startS: 120, pxPerS: 10 });
    expect(panBy(view, game, -5000).startS).toBe(0);
    expect(panBy(view, game, 1e9).startS).toBe(7200 - 120);
    expect(clampView({ startS: -4, pxPerS: 1e9 }, game)).toEqual({
      startS: 0,
      pxPerS: 1440,
    });
  });

  it('scrolls to reveal the playhead only when it leaves the view', () => {
    const view = { startS: 100, pxPerS: 10 };
    expect(reveal(view, game, 150)).toBe(view);
    const moved = reveal(view, game, 300);
    expect(timeToX(moved, 300)).toBeCloseTo(1160);
    expect(timeToX(reveal(view, game, 50), 50)).toBeCloseTo(40);
  });

  it('picks ruler steps from hours down to frames', () => {
    expect(tickStepS(1200 / 7200, 30)).toBe(600);
    expect(tickStepS(100, 30)).toBe(1);
    expect(tickStepS(30 * 80, 30)).toBeCloseTo(1 / 30);
  });
});
