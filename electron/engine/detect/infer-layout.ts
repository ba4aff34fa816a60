import { AppFailure } from '../../contract/errors.ts';
import { yoloxAnchorCount } from './adapters/yolox.ts';
import { COCO80 } from './coco80.ts';
import { defaultRoles, type ModelManifest } from './manifest.ts';
import { parseClassNames, type OnnxMetadata } from './onnx-metadata.ts';

/**
 * For an ONNX file without a manifest: recognise the output layout from the shapes the session
 * reports and fill in that family's known preprocessing (models/README.txt). Anything else is a
 * clear 'model-error' naming the shape and what Rinkside expects.
 */
export interface ModelShapes {
  input: readonly (number | string)[];
  output: readonly (number | string)[];
}

export interface InferInput {
  name: string;
  file: string;
  sha256: string;
  shapes: ModelShapes;
  metadata: OnnxMetadata;
}

const fmt = (dims: readonly (number | string)[]): string => `[${dims.join(',')}]`;

export function expectedLayouts(size: number): string {
  const n = yoloxAnchorCount(size, size);
  return (
    `expected [1,N,5+classes] (YOLOX grid head, N = (S/8)²+(S/16)²+(S/32)², ${n} for S=${size}) ` +
    `or [1,4+classes,N] (ultralytics head, class names in the 'names' metadata)`
  );
}

function inputSize(shape: readonly (number | string)[], label: string): { width: number; height: number } {
  const [b, c, h, w] = shape;
  if (
    shape.length !== 4 ||
    typeof h !== 'number' ||
    typeof w !== 'number' ||
    c !== 3 ||
    (b !== 1 && typeof b !== 'string')
  ) {
    throw new AppFailure(
      'model-error',
      `${label}: input shape ${fmt(shape)} is not an image input Rinkside knows: expected [1,3,H,W] with fixed H and W`,
    );
  }
  return { width: w, height: h };
}

function classNames(metadata: OnnxMetadata, nc: number): string[] {
  const fromMeta = metadata.props['names'] !== undefined ? parseClassNames(metadata.props['names']) : null;
  if (fromMeta && fromMeta.length === nc) return fromMeta;
  if (nc === COCO80.length) return [...COCO80];
  return Array.from({ length: nc }, (_, i) => `class ${i}`);
}

export function inferManifest(input: InferInput): ModelManifest {
  const { width, height } = inputSize(input.shapes.input, input.name);
  const out = input.shapes.output;
  const [b, d1, d2] = out;
  const anchors = yoloxAnchorCount(width, height);
  const base = { name: input.name, file: input.file, sha256: input.sha256, input: { width, height } };
  const licence =
    input.metadata.props['license'] ?? input.metadata.props['licence'] ?? 'unknown (no manifest; check the source)';
  if (out.length === 3 && b === 1 && typeof d1 === 'number' && typeof d2 === 'number') {
    if (d1 === anchors && d2 > 5) {
      const classes = classNames(input.metadata, d2 - 5);
      return {
        ...base,
        colorOrder: 'bgr',
        normalisation: { kind: 'raw' },
        letterbox: { placement: 'top-left', padValue: 114 },
        layout: 'yolox-grid',
        classes,
        roles: defaultRoles(classes),
        licence,
      };
    }
    if (d1 > 4 && d2 === anchors) {
      const classes = classNames(input.metadata, d1 - 4);
      return {
        ...base,
        colorOrder: 'rgb',
        normalisation: { kind: 'scale', scale: 1 / 255 },
        letterbox: { placement: 'center', padValue: 114 },
        layout: 'ultralytics',
        classes,
        roles: defaultRoles(classes),
        licence,
      };
    }
  }
  throw new AppFailure(
    'model-error',
    `${input.name}: output shape ${fmt(out)} is not a layout Rinkside knows: ${expectedLayouts(width)}`,
    `input ${fmt(input.shapes.input)}; add a manifest (docs/model-manifest.md) only for a supported layout`,
  );
}

/** Checks a manifest written by hand against what the session reports. */
export function checkManifestFits(manifest: ModelManifest, shapes: ModelShapes): void {
  const { width, height } = inputSize(shapes.input, manifest.name);
  if (width !== manifest.input.width || height !== manifest.input.height) {
    throw new AppFailure(
      'model-error',
      `${manifest.name}: manifest says input ${manifest.input.width}x${manifest.input.height}, the model takes ${width}x${height}`,
    );
  }
  const anchors = yoloxAnchorCount(width, height);
  const out = shapes.output;
  const fits =
    manifest.layout === 'yolox-grid'
      ? out[1] === anchors && out[2] === manifest.classes.length + 5
      : out[1] === manifest.classes.length + 4 && typeof out[2] === 'number';
  if (out.length !== 3 || !fits) {
    throw new AppFailure(
      'model-error',
      `${manifest.name}: output shape ${fmt(out)} does not match the manifest (${manifest.layout}, ${manifest.classes.length} classes)`,
    );
  }
}
