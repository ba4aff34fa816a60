import type { Detection } from '../../contract/detection.ts';
import { toTensor, type LetterboxGeometry } from './letterbox.ts';
import type { LoadedModel } from './load-model.ts';
import type { ModelManifest } from './manifest.ts';
import { boxesFromOutput, checkGeometry, type DetectOptions } from './postprocess.ts';
import type { ExecutionProvider, ProviderAttempt } from './providers.ts';
import { openModelSession, type DetectorOptions, type RawOutput } from './session.ts';

/**
 * The detection tests' detector: one session and the whole frame → tensor → boxes path on the
 * calling thread. The app detects on the inference thread instead (inference-thread.ts); the tests
 * use this one as the reference that the thread must equal, and to reach the raw model output.
 */
export interface Detector {
  readonly model: LoadedModel;
  readonly manifest: ModelManifest;
  /** The provider the session actually runs on. */
  readonly provider: ExecutionProvider;
  /** Every provider considered, in order, with why it did or did not run. */
  readonly attempts: readonly ProviderAttempt[];
  /** A letterboxed packed frame (inW×inH×3 bytes) → boxes in source pixels, after NMS. */
  detect(frame: Uint8Array, geometry: LetterboxGeometry, opts: DetectOptions): Promise<Detection[]>;
  /** Runs the session on a preprocessed CHW tensor (1×3×inH×inW floats): the raw model output. */
  runTensor(tensor: Float32Array): Promise<RawOutput>;
  release(): Promise<void>;
}

/** Opens the session and wraps it (see Detector). */
export async function createDetector(options: DetectorOptions): Promise<Detector> {
  const session = await openModelSession(options);
  const { manifest } = session;
  // One input buffer for the detector's life: no per-frame allocation.
  const buffer = new Float32Array(3 * manifest.input.width * manifest.input.height);
  // detect()/runTensor() share `buffer`: chain the calls so concurrent callers cannot interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    model: session.model,
    manifest,
    provider: session.provider,
    attempts: session.attempts,
    detect: (frame, geometry, opts) =>
      serial(async () => {
        checkGeometry(geometry, manifest);
        toTensor(frame, manifest, buffer, opts.frameOrder ?? manifest.colorOrder);
        const raw = await session.run(buffer);
        return boxesFromOutput(manifest, raw.data, raw.dims, geometry, opts);
      }),
    runTensor: (tensor) =>
      serial(async () => {
        if (tensor.length !== buffer.length) {
          throw new RangeError(`tensor has ${tensor.length} floats, expected ${buffer.length}`);
        }
        buffer.set(tensor);
        return session.run(buffer);
      }),
    release: () => serial(() => session.release()),
  };
}
