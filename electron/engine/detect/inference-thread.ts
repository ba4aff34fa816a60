import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppFailure, type AppError } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import type { Detection } from '../../contract/detection.ts';
import type {
  FromInference,
  InferenceStats,
  InferenceWorkerData,
  ModelInfo,
  ToInference,
} from './inference-protocol.ts';
import { toTensor, type LetterboxGeometry } from './letterbox.ts';
import type { ModelManifest } from './manifest.ts';
import { boxesFromOutput, checkGeometry, type DetectOptions } from './postprocess.ts';
import {
  probeProvider,
  type ExecutionProvider,
  type ProbeLaunch,
  type ProviderAttempt,
  type ProviderChoice,
} from './providers.ts';

/** The worker entry when running from the TypeScript sources (CLI, tests); bundles pass their own. */
/** Frames in inference or ready for it at once by default: one runs while the next waits. */
export const DEFAULT_INFERENCE_DEPTH = 2;

export const inferenceWorkerSourceEntry = fileURLToPath(new URL('./inference-worker.ts', import.meta.url));

export interface InferenceThreadOptions {
  modelPath: string;
  ep: ProviderChoice;
  threads?: number;
  /** Frames that may be in inference or waiting for it at once. Default DEFAULT_INFERENCE_DEPTH. */
  depth?: number;
  /** The worker script; inferenceWorkerSourceEntry when unset. */
  workerEntry?: string;
  /** How this process starts the GPU provider probes (a fork under Node when unset). */
  probe?: ProbeLaunch;
  log: Logger;
}

/**
 * A detector whose ORT session runs on its own thread (inference-worker.ts). detect() converts
 * the frame on the caller's thread into a free shared slot before it returns — the caller may
 * reuse the frame at once — and resolves with the boxes once the thread has run it. Up to
 * `depth` calls may be pending, so the next frame is ready the moment the session is free.
 * Post-processing (decode, NMS) runs on the caller's thread, off the session's critical path.
 */
export interface FrameDetector {
  readonly model: ModelInfo;
  readonly manifest: ModelManifest;
  /** The provider the session actually runs on. */
  readonly provider: ExecutionProvider;
  /** Every provider considered, in order, with why it did or did not run. */
  readonly attempts: readonly ProviderAttempt[];
  readonly depth: number;
  detect(frame: Uint8Array, geometry: LetterboxGeometry, opts: DetectOptions): Promise<Detection[]>;
  /**
   * ORT-only benchmark: `frames` runs over these CHW tensors back to back, timed on the inference
   * thread. Tensors on a SharedArrayBuffer are shared as they are; others are copied once per call.
   */
  benchOrtOnly(tensors: readonly Float32Array[], frames: number): Promise<{ seconds: number }>;
  /** How busy the session was since the last call: whether the pipeline ever starves it. */
  stats(): Promise<InferenceStats>;
  /** Ends the session and the thread; pending calls reject. */
  release(): Promise<void>;
}

const failureOf = (error: AppError) => new AppFailure(error.kind, error.message, error.detail);

interface Pending {
  resolve(message: Extract<FromInference, { type: 'result' | 'bench' | 'stats' }>): void;
  reject(error: Error): void;
}

export async function openInferenceThread(options: InferenceThreadOptions): Promise<FrameDetector> {
  const entry = options.workerEntry ?? inferenceWorkerSourceEntry;
  if (!existsSync(entry)) throw new AppFailure('internal', `The inference thread's script is missing: ${entry}`);
  const depth = options.depth ?? DEFAULT_INFERENCE_DEPTH;
  const log = options.log.child('inference');
  const data: InferenceWorkerData = {
    modelPath: options.modelPath,
    ep: options.ep,
    threads: options.threads ?? 1,
    depth,
  };
  const worker = new Worker(entry, { workerData: data });
  const pending = new Map<number, Pending>();
  let dead: AppFailure | null = null;
  let releasing = false;
  let opened: ((message: Extract<FromInference, { type: 'ready' }>) => void) | null = null;
  let openFailed: ((error: AppFailure) => void) | null = null;
  const ready = new Promise<Extract<FromInference, { type: 'ready' }>>((resolve, reject) => {
    opened = resolve;
    openFailed = reject;
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  const die = (failure: AppFailure) => {
    dead ??= failure;
    openFailed?.(dead);
    for (const call of pending.values()) call.reject(dead);
    pending.clear();
  };
  worker.on('message', (message: FromInference) => {
    if (message.type === 'log') {
      log[message.record.level](message.record.message, message.record.fields);
    } else if (message.type === 'ready') {
      opened?.(message);
    } else if (message.type === 'probe') {
      void probeProvider(message.ep, message.modelPath, message.sessionOptions, options.probe).then((result) =>
        worker.postMessage({ type: 'probed', id: message.id, result } satisfies ToInference),
      );
    } else if (message.type === 'open-failed') {
      openFailed?.(failureOf(message.error));
    } else {
      const call = pending.get(message.id);
      pending.delete(message.id);
      if (message.type === 'failed') call?.reject(failureOf(message.error));
      else call?.resolve(message);
    }
  });
  worker.on('error', (error) =>
    die(new AppFailure('internal', `The inference thread failed: ${error.message}`, error.stack)),
  );
  worker.on('exit', (code) =>
    die(
      new AppFailure(
        'internal',
        releasing ? 'detector used after release()' : `The inference thread stopped (exit code ${code})`,
      ),
    ),
  );

  let hello: Extract<FromInference, { type: 'ready' }>;
  try {
    hello = await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const manifest = hello.model.manifest;
  const inputs = hello.inputs.map((buffer) => new Float32Array(buffer));
  const outputs: Float32Array[] = [];
  const free = inputs.map((_, slot) => slot).reverse();
  let nextId = 1;

  const call = <T extends 'result' | 'bench' | 'stats'>(message: ToInference & { id: number }) =>
    new Promise<Extract<FromInference, { type: T }>>((resolve, reject) => {
      if (dead) return reject(dead);
      pending.set(message.id, { resolve: resolve as Pending['resolve'], reject });
      worker.postMessage(message);
    });

  return {
    model: hello.model,
    manifest,
    provider: hello.provider,
    attempts: hello.attempts,
    depth,
    detect(frame, geometry, opts) {
      if (dead) return Promise.reject(dead);
      const slot = free.pop();
      if (slot === undefined)
        return Promise.reject(new AppFailure('internal', `more than ${depth} frames sent to inference at once`));
      try {
        checkGeometry(geometry, manifest);
        toTensor(frame, manifest, inputs[slot] as Float32Array, opts.frameOrder ?? manifest.colorOrder);
      } catch (error) {
        free.push(slot);
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
      return call<'result'>({ type: 'run', id: nextId++, slot }).then(
        (result) => {
          if (result.output) outputs[slot] = new Float32Array(result.output);
          try {
            return boxesFromOutput(manifest, outputs[slot] as Float32Array, result.dims, geometry, opts);
          } finally {
            free.push(slot);
          }
        },
        (error: unknown) => {
          free.push(slot);
          throw error;
        },
      );
    },
    async benchOrtOnly(tensors, frames) {
      // Tensors already on shared memory (whole-buffer views) go as they are: no copy per call.
      const shared = tensors.map((tensor) => {
        if (
          tensor.buffer instanceof SharedArrayBuffer &&
          tensor.byteOffset === 0 &&
          tensor.byteLength === tensor.buffer.byteLength
        ) {
          return tensor.buffer;
        }
        const buffer = new SharedArrayBuffer(tensor.byteLength);
        new Float32Array(buffer).set(tensor);
        return buffer;
      });
      const result = await call<'bench'>({ type: 'bench', id: nextId++, frames, tensors: shared });
      return { seconds: result.seconds };
    },
    async stats() {
      const { runs, runSeconds, waitSeconds } = await call<'stats'>({ type: 'stats', id: nextId++ });
      return { runs, runSeconds, waitSeconds };
    },
    async release() {
      if (!dead) {
        releasing = true;
        // The thread finishes the run in hand, releases the session and closes its port.
        worker.postMessage({ type: 'release' } satisfies ToInference);
        const timer = setTimeout(() => void worker.terminate(), 10_000);
        await exited;
        clearTimeout(timer);
      }
      die(new AppFailure('internal', 'detector used after release()'));
    },
  };
}
