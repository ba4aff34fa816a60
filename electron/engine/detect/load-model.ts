import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { AppFailure } from '../../contract/errors.ts';
import { readRegularText, requireRegularFile } from '../media/regular-file.ts';
import { checkManifestFits, inferManifest, type ModelShapes } from './infer-layout.ts';
import { ModelManifest } from './manifest.ts';
import { readOnnxMetadata, type OnnxMetadata } from './onnx-metadata.ts';

/** An ONNX detector ready to hand to openModelSession: bytes, identity, and how to drive it. */
export interface LoadedModel {
  path: string;
  bytes: Uint8Array;
  sha256: string;
  manifest: ModelManifest;
  /** 'file' when models/NAME.json was found beside the .onnx, 'inferred' from the output shape. */
  manifestSource: 'file' | 'inferred';
  metadata: OnnxMetadata;
  shapes: ModelShapes;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The largest model file read. An ONNX model is one protobuf message, and protobuf cannot encode
 * a message over 2 GiB; bigger models keep their weights in external data files, which Rinkside
 * does not load. So nothing above it can be a model we run, and the cap stops a device such as
 * /dev/zero, or a huge file picked by mistake, from being read into memory.
 */
export const MAX_MODEL_BYTES = 2 * 1024 ** 3;

async function readBytes(path: string): Promise<Uint8Array> {
  try {
    const info = await requireRegularFile(path, 'model');
    if (info.size > MAX_MODEL_BYTES) {
      throw new AppFailure(
        'model-error',
        `Model file ${path} is ${(info.size / 1024 ** 3).toFixed(1)} GiB: an ONNX model in one file is at most 2 GiB.`,
      );
    }
    return await readFile(path);
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppFailure('not-found', `Model file not found: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') throw new AppFailure('unreadable', `Model file not readable: ${path}`);
    throw new AppFailure('model-error', `Cannot read model file ${path}`, errorText(error));
  }
}

/**
 * Shapes come from a short CPU session rather than from the protobuf graph: that is what will run
 * the model, and creating it also proves ORT accepts the file (a clean 'model-error' now, not a
 * crash inside a job later). Optimisation is off: we only want the signature.
 */
async function readShapes(bytes: Uint8Array, label: string): Promise<ModelShapes> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: 'disabled',
      logSeverityLevel: 3,
    });
  } catch (error) {
    throw new AppFailure('model-error', `${label}: onnxruntime cannot load the model`, errorText(error));
  }
  try {
    const input = session.inputMetadata[0];
    const output = session.outputMetadata[0];
    if (!input?.isTensor || !output?.isTensor) {
      throw new AppFailure('model-error', `${label}: the model has no tensor input/output`);
    }
    if (session.inputNames.length !== 1) {
      throw new AppFailure(
        'model-error',
        `${label}: expected one image input, the model has ${session.inputNames.length}`,
      );
    }
    return { input: [...input.shape], output: [...output.shape] };
  } finally {
    await session.release();
  }
}

async function readManifestFile(path: string): Promise<ModelManifest | null> {
  let text: string;
  try {
    text = await readRegularText(path, 'model manifest');
  } catch (error) {
    if (error instanceof AppFailure && error.kind === 'not-found') return null;
    if (error instanceof AppFailure && error.kind === 'model-error') throw error;
    throw new AppFailure('model-error', `Cannot read model manifest ${path}`, errorText(error));
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppFailure('model-error', `Model manifest ${path} is not valid JSON`, errorText(error));
  }
  const parsed = ModelManifest.safeParse(json);
  if (!parsed.success) {
    throw new AppFailure('model-error', `Model manifest ${path} is invalid`, parsed.error.message);
  }
  return parsed.data;
}

/**
 * Reads an .onnx file, hashes it, reads its metadata, and takes the sibling NAME.json manifest —
 * or infers one from the output shape. Throws AppFailure 'not-found' | 'model-error'.
 */
export async function loadModel(path: string): Promise<LoadedModel> {
  const bytes = await readBytes(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = basename(path);
  const name = file.replace(/\.onnx$/i, '');
  const metadata = readOnnxMetadata(bytes, file);
  const shapes = await readShapes(bytes, file);
  const manifestPath = join(dirname(path), `${name}.json`);
  const fromFile = await readManifestFile(manifestPath);
  if (fromFile) {
    if (fromFile.sha256 !== sha256) {
      throw new AppFailure(
        'model-error',
        `Manifest ${manifestPath} is for a different file than ${file}`,
        `manifest sha256 ${fromFile.sha256}, file sha256 ${sha256}`,
      );
    }
    checkManifestFits(fromFile, shapes);
    return { path, bytes, sha256, manifest: fromFile, manifestSource: 'file', metadata, shapes };
  }
  const manifest = inferManifest({ name, file, sha256, shapes, metadata });
  return { path, bytes, sha256, manifest, manifestSource: 'inferred', metadata, shapes };
}
