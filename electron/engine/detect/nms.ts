import type { Detection } from '../../contract/detection.ts';
import { iou } from './box.ts';

/**
 * Class-aware greedy non-maximum suppression: boxes are visited by descending score (ties keep
 * input order, so the result is deterministic) and a box is dropped when it overlaps an already
 * kept box OF THE SAME CLASS by IoU > iouThreshold — the rule of cv2.dnn.NMSBoxesBatched and
 * torchvision's batched_nms, which the references use. Pure: the input is not modified.
 * Candidates number in the tens after the score threshold, so O(n²) is cheaper than any index.
 */
export function nms(boxes: readonly Detection[], iouThreshold: number): Detection[] {
  const order = boxes
    .map((_, i) => i)
    .sort((a, b) => (boxes[b] as Detection).score - (boxes[a] as Detection).score || a - b);
  const kept: Detection[] = [];
  for (const i of order) {
    const box = boxes[i] as Detection;
    let keep = true;
    for (const k of kept) {
      if (k.classId === box.classId && iou(k, box) > iouThreshold) {
        keep = false;
        break;
      }
    }
    if (keep) kept.push(box);
  }
  return kept;
}
