/** Where the picture sits inside the <video> element box, in CSS pixels. */
export interface VideoRect {
  x: number;
  y: number;
  width: number;
  height: number;
  /** CSS pixels per source-video pixel. */
  scale: number;
}

/**
 * object-fit: contain (the <video> default): the picture keeps its aspect ratio and is centred,
 * with bars left/right or top/bottom. Source-pixel boxes map through this rect, never through the
 * element's own size.
 */
export function containRect(boxWidth: number, boxHeight: number, videoWidth: number, videoHeight: number): VideoRect {
  if (!(boxWidth > 0 && boxHeight > 0 && videoWidth > 0 && videoHeight > 0)) {
    return { x: 0, y: 0, width: 0, height: 0, scale: 0 };
  }
  const scale = Math.min(boxWidth / videoWidth, boxHeight / videoHeight);
  const width = videoWidth * scale;
  const height = videoHeight * scale;
  return {
    x: (boxWidth - width) / 2,
    y: (boxHeight - height) / 2,
    width,
    height,
    scale,
  };
}

/** A source-pixel point in element CSS pixels. */
export function toElement(rect: VideoRect, sourceX: number, sourceY: number): { x: number; y: number } {
  return { x: rect.x + sourceX * rect.scale, y: rect.y + sourceY * rect.scale };
}
