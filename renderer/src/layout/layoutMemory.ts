/** Panel sizes of the workspace; the centre (video, codes) takes what is left. */
export interface WorkspaceLayout {
  sideWidth: number;
  eventsWidth: number;
  timelineHeight: number;
  sideCollapsed: boolean;
  eventsCollapsed: boolean;
}

export interface WindowSize {
  width: number;
  height: number;
}

/** The centre never gets narrower or shorter than this, whatever the splitters say. */
const MIN_CENTRE_W = 420;
const MIN_CENTRE_H = 300;
const TOP_BAR_H = 44;

/** Sizes that suit a window of this size before the analyst drags anything. */
export function defaultLayout(size: WindowSize): WorkspaceLayout {
  return clampLayout(
    {
      sideWidth: size.width >= 1800 ? 360 : 290,
      eventsWidth: size.width >= 1800 ? 460 : 350,
      timelineHeight: size.height >= 1000 ? 200 : 140,
      sideCollapsed: false,
      eventsCollapsed: false,
    },
    size,
  );
}

/** Keeps every panel usable and the centre at least its minimum, in this window. */
export function clampLayout(layout: WorkspaceLayout, size: WindowSize): WorkspaceLayout {
  const clamp = (value: number, min: number, max: number) =>
    Math.round(Math.min(Math.max(value, min), Math.max(min, max)));
  const sideWidth = clamp(layout.sideWidth, 220, size.width - MIN_CENTRE_W - 260);
  const eventsWidth = clamp(
    layout.eventsWidth,
    260,
    size.width - MIN_CENTRE_W - (layout.sideCollapsed ? 0 : sideWidth),
  );
  const timelineHeight = clamp(layout.timelineHeight, 90, size.height - TOP_BAR_H - MIN_CENTRE_H);
  return { ...layout, sideWidth, eventsWidth, timelineHeight };
}

/**
 * Layouts are remembered per window size: a layout dragged on the laptop's own screen should not
 * squash the one used on the big monitor. Sizes within 50 px share a layout (window chrome and
 * docks move a few pixels between sessions).
 */
export function layoutKey(size: WindowSize): string {
  const bucket = (v: number) => Math.round(v / 50) * 50;
  return `rinkside.layout.${bucket(size.width)}x${bucket(size.height)}`;
}

/** A stored layout, or null when there is none or it is not one of ours. */
export function parseLayout(text: string | null): WorkspaceLayout | null {
  if (text === null) return null;
  try {
    const value = JSON.parse(text) as Partial<Record<keyof WorkspaceLayout, unknown>>;
    const numbers = [value.sideWidth, value.eventsWidth, value.timelineHeight];
    if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
    return {
      sideWidth: value.sideWidth as number,
      eventsWidth: value.eventsWidth as number,
      timelineHeight: value.timelineHeight as number,
      sideCollapsed: value.sideCollapsed === true,
      eventsCollapsed: value.eventsCollapsed === true,
    };
  } catch {
    return null;
  }
}
