import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Paths for the detection tests, resolved from the repository root (not the cwd). ../shared sits
 * beside the repo on dev machines and in CI (DESIGN.md); the AGPL ultralytics model is read from
 * there and never copied into the repo.
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const DEFAULT_MODEL = resolve(REPO_ROOT, 'models/yolox_nano_416_coco.onnx');
export const SHARED_MODELS = resolve(REPO_ROOT, '../shared/models');
export const YOLOV8_INT8 = resolve(SHARED_MODELS, 'yolov8n_int8_640_coco.onnx');
export const FIXTURE_IMAGES = resolve(REPO_ROOT, 'tests/fixtures/images');
export const REFERENCES = resolve(REPO_ROOT, 'tests/fixtures/references');
export const FFMPEG = process.env['RINKSIDE_FFMPEG'] ?? (existsSync('/usr/bin/ffmpeg') ? '/usr/bin/ffmpeg' : 'ffmpeg');
