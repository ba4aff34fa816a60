/**
 * The one vocabulary for boxes: the detector, the tracker, storage, export and the overlay all
 * speak it, so a box never changes shape on its way from the model to the screen (one value, as
 * supervision's Detections is one value). A Rect is where; a Detection is what the model saw
 * there; a TrackedDetection is also whose track it is. (x1, y1) is the top-left corner and
 * (x2, y2) the bottom-right one; detections are in source-video pixels, and a Rect in other pixels
 * (a letterboxed frame's, say) says so where it is used.
 * Dependency-free on purpose: the renderer imports it, and the contract may depend on zod only.
 */

export interface Rect {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Detection extends Rect {
  /** The model's confidence, 0…1 (objectness × class for YOLOX, class score for ultralytics). */
  score: number;
  /** Index into the model's class names (COCO: 0 person, 32 sports ball). */
  classId: number;
}

export interface TrackedDetection extends Detection {
  /** The track's id (1, 2, …), or −1 when the box belongs to no confirmed track. */
  trackId: number;
}

/** The boxes of one analysed frame. */
export interface DetectionFrame {
  /** Frame index in the source video (decode order with passthrough timing). */
  index: number;
  /** Presentation timestamp in seconds. */
  pts: number;
  boxes: TrackedDetection[];
}
