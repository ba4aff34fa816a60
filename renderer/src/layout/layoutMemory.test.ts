import { describe, expect, it } from 'vitest';
import { clampLayout, defaultLayout, layoutKey, parseLayout } from './layoutMemory.ts';

const laptop = { width: 1366, height: 768 };
const desktop = { width: 1920, height: 1080 };

describe('workspace layout', () => {
  it('leaves the centre at least 420 px wide and 300 px tall by default', () => {
    for (const size of [laptop, desktop, { width: 2560, height: 1440 }]) {
      const layout = defaultLayout(size);
      expect(size.width - layout.sideWidth - layout.eventsWidth).toBeGreaterThanOrEqual(420);
      expect(size.height - 44 - layout.timelineHeight).toBeGreaterThanOrEqual(300);
    }
  });

  it('clamps a dragged splitter so no panel vanishes and the centre keeps its minimum', () => {
    const dragged = clampLayout({ ...defaultLayout(laptop), eventsWidth: 2000, timelineHeight: 10 }, laptop);
    expect(dragged.timelineHeight).toBe(90);
    expect(laptop.width - dragged.sideWidth - dragged.eventsWidth).toBe(420);
    const collapsedSide = clampLayout({ ...defaultLayout(laptop), sideCollapsed: true, eventsWidth: 2000 }, laptop);
    expect(collapsedSide.eventsWidth).toBe(laptop.width - 420);
  });

  it('remembers one layout per window size, near sizes sharing one', () => {
    expect(layoutKey(laptop)).toBe(layoutKey({ width: 1370, height: 760 }));
    expect(layoutKey(laptop)).not.toBe(layoutKey(desktop));
  });

  it('reads back what it stored and refuses anything else', () => {
    const layout = { ...defaultLayout(desktop), sideCollapsed: true };
    expect(parseLayout(JSON.stringify(layout))).toEqual(layout);
    expect(parseLayout(null)).toBeNull();
    expect(parseLayout('not json')).toBeNull();
    expect(parseLayout(JSON.stringify({ sideWidth: 'wide' }))).toBeNull();
  });
});
