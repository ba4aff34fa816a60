import { describe, expect, it } from 'vitest';
import { hitTrack } from './drawOverlay.ts';
import { createFrameBoxes } from './frameBoxes.ts';
import { hiddenClassTable, labelText } from './trackStyle.ts';
import { containRect } from './videoRect.ts';

function boxes(list: [number, number, number, number, number, number][]) {
  const out = createFrameBoxes();
  list.forEach(([x1, y1, x2, y2, classId, trackId], i) => {
    out.coords.set([x1, y1, x2, y2], i * 4);
    out.classId[i] = classId;
    out.trackId[i] = trackId;
  });
  out.count = list.length;
  return out;
}

describe('overlay hit test and labels', () => {
  // 768×576 picture in a 1000×600 element: 600/576 scale, 100 px bars left and right.
  const rect = containRect(1000, 600, 768, 576);
  const none = hiddenClassTable(['person', 'sports ball'], []);
  const frame = boxes([
    [100, 100, 400, 500, 0, 7],
    [200, 200, 260, 300, 0, 9],
    [600, 50, 620, 70, 1, -1],
  ]);
  const at = (x: number, y: number) => ({ x: rect.x + x * rect.scale, y: rect.y + y * rect.scale });

  it('picks the smallest box under the point, through the letterbox', () => {
    const inner = at(230, 250);
    expect(hitTrack(frame, rect, none, inner.x, inner.y)).toBe(9);
    const outer = at(120, 480);
    expect(hitTrack(frame, rect, none, outer.x, outer.y)).toBe(7);
    expect(hitTrack(frame, rect, none, 50, 300)).toBe(-1); // in the bar
    const ball = at(610, 60);
    expect(hitTrack(frame, rect, none, ball.x, ball.y)).toBe(-2);
  });

  it('ignores hidden classes', () => {
    const inner = at(230, 250);
    expect(hitTrack(frame, rect, hiddenClassTable(['person'], ['person']), inner.x, inner.y)).toBe(-1);
  });

  it('labels a box by track, class and linked player', () => {
    expect(labelText(4, 'person', undefined)).toBe('#4 person');
    expect(labelText(4, 'person', { name: 'Ada', number: 19, colour: null })).toBe('#4 19 Ada');
    expect(labelText(-1, 'sports ball', undefined)).toBe('sports ball');
  });
});
