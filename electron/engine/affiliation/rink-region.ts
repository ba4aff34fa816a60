/**
 * The ice surface as the analyst draws it once per camera view: a polygon in fractions of the
 * video's width and height (so it survives a proxy or another resolution of the same view).
 * A person stands where their skates are — the bottom-centre of the box — so a fan leaning over
 * the glass, whose box overlaps the ice, is still outside.
 */

export interface RinkPoint {
  x: number;
  y: number;
}

/** Even-odd ray casting: robust for any simple polygon, convex or not. */
export function insidePolygon(polygon: readonly RinkPoint[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const a = polygon[i]!;
    const b = polygon[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** Whether a box's skates are on the ice; boxes in source pixels, the polygon in fractions. */
export function onIce(
  polygon: readonly RinkPoint[],
  box: { x1: number; x2: number; y2: number },
  videoWidth: number,
  videoHeight: number,
): boolean {
  if (polygon.length < 3) return true;
  return insidePolygon(polygon, (box.x1 + box.x2) / 2 / videoWidth, box.y2 / videoHeight);
}

/** A track is off the ice when most of its sightings are: skating past the gate is not leaving. */
export const OFF_ICE_SHARE = 0.6;
