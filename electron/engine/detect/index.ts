// The detection layer's public surface (engine-internal callers: analysis jobs, CLI, benchmarks).
export type { Box, DecodeOptions } from './box.ts';
export { iou } from './box.ts';
export { nms } from './nms.ts';
export {
  ModelManifest,
  ColorOrder,
  Normalisation,
  LetterboxPlacement,
  OutputLayout,
  Role,
  defaultRoles,
  roleOf,
  classIdsFor,
} from './manifest.ts';
export { loadModel, type LoadedModel } from './load-model.ts';
export { readOnnxMetadata, parseClassNames, type OnnxMetadata } from './onnx-metadata.ts';
export {
  letterboxGeometry,
  ffmpegLetterboxFilter,
  toTensor,
  roundHalfEven,
  SCALE_FLAGS,
  type LetterboxGeometry,
  type FfmpegLetterbox,
} from './letterbox.ts';
export { decodeYolox } from './adapters/yolox.ts';
export { decodeUltralytics } from './adapters/ultralytics.ts';
export { inferManifest, type ModelShapes } from './infer-layout.ts';
export { createDetector, type Detector, type DetectorOptions, type DetectOptions, type RawOutput } from './session.ts';
export { AUTO_ORDER, type ExecutionProvider, type ProviderAttempt, type ProviderChoice } from './providers.ts';
