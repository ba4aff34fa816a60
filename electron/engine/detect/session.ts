import * as ort from 'onnxruntime-node';
import { AppFailure } from '../../contract/errors.ts';
import type { Logger } from '../log.ts';
import { loadModel, type LoadedModel } from './load-model.ts';
import type { ModelManifest } from './manifest.ts';
import {
  AUTO_ORDER,
  inapplicableReason,
  PROVIDER_NAMES,
  probeProvider,
  type ExecutionProvider,
  type ProviderProbe,
  type ProviderAttempt,
  type ProviderChoice,
} from './providers.ts';

export interface DetectorOptions {
  /** A loaded model, or the path of an .onnx file (loaded with loadModel). */
  model: LoadedModel | string;
  ep: ProviderChoice;
  /** intraOpNumThreads; default 1 (2 threads is often not faster on small CPUs, models/README.txt). */
  threads?: number;
  log: Logger;
  /** How GPU providers are tried first; a probe process started by this process when unset. */
  probe?: ProviderProbe;
}

export interface RawOutput {
  data: Float32Array;
  dims: readonly number[];
}

/** One ORT session on the best provider, run on tensors the caller owns (the inference thread's view). */
export interface ModelSession {
  readonly model: LoadedModel;
  readonly manifest: ModelManifest;
  readonly provider: ExecutionProvider;
  readonly attempts: readonly ProviderAttempt[];
  /**
   * Runs on a CHW float tensor (1×3×inH×inW). One run at a time: the caller serialises. With
   * `into` (an output of the shape an earlier run gave) ORT writes the output there, no copy.
   */
  run(input: Float32Array, into?: RawOutput): Promise<RawOutput>;
  release(): Promise<void>;
}

/**
 * No spinning: by default ORT's intra-op pool threads busy-wait between operators, burning the
 * cores that ffmpeg's decoder, the job's main thread and the app itself need (and a laptop's
 * battery). Measured with 2 threads on the 2-core dev VM (`rinkside bench analyze`): the pipeline
 * went from 46–53 to 60–68 fps; ORT alone loses a little (80–104 → 78–89 fps). With 1 thread
 * there is no pool and it changes nothing.
 */
function sessionOptions(threads: number): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
  };
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function openOn(
  ep: ExecutionProvider,
  model: LoadedModel,
  options: ort.InferenceSession.SessionOptions,
  probe: ProviderProbe,
): Promise<{ session: ort.InferenceSession | null; attempt: ProviderAttempt }> {
  const skipped = inapplicableReason(ep);
  if (skipped) return { session: null, attempt: { ep, ok: false, skipped, error: null, nativeStderr: '' } };
  let nativeStderr = '';
  if (ep !== 'cpu') {
    const probed = await probe(ep, model.path, { ...options });
    nativeStderr = probed.nativeStderr;
    if (!probed.ok)
      return { session: null, attempt: { ep, ok: false, skipped: null, error: probed.error, nativeStderr } };
  }
  try {
    const session = await ort.InferenceSession.create(model.bytes, { ...options, executionProviders: [ep] });
    return { session, attempt: { ep, ok: true, skipped: null, error: null, nativeStderr } };
  } catch (error) {
    return { session: null, attempt: { ep, ok: false, skipped: null, error: errorText(error), nativeStderr } };
  }
}

function failureDetail(attempt: ProviderAttempt): string {
  const parts = [attempt.skipped ?? attempt.error ?? 'unknown error'];
  if (attempt.nativeStderr) parts.push(`native stderr:\n${attempt.nativeStderr}`);
  return parts.join('\n');
}

/**
 * Opens one ORT session for a model on the chosen provider. An explicit provider that fails is an
 * AppFailure('provider-failed') — never a silent CPU fallback; 'auto' walks cuda → dml → coreml →
 * cpu and records every attempt.
 */
export async function openModelSession(options: DetectorOptions): Promise<ModelSession> {
  const log = options.log.child('detect');
  const model = typeof options.model === 'string' ? await loadModel(options.model) : options.model;
  const manifest = model.manifest;
  const threads = options.threads ?? 1;
  const sessOpts = sessionOptions(threads);
  const order = options.ep === 'auto' ? AUTO_ORDER : [options.ep];
  const attempts: ProviderAttempt[] = [];
  let session: ort.InferenceSession | null = null;
  let provider: ExecutionProvider = 'cpu';
  for (const ep of order) {
    const result = await openOn(ep, model, sessOpts, options.probe ?? probeProvider);
    attempts.push(result.attempt);
    if (result.session) {
      session = result.session;
      provider = ep;
      break;
    }
    // Left to choose, a missing GPU provider is the expected path to CPU (the run records each
    // attempt for the details); one asked for by name failing is worth a warning.
    if (!result.attempt.skipped) {
      const level = options.ep === 'auto' ? 'debug' : 'warn';
      log[level](`${PROVIDER_NAMES[ep]} provider failed`, { ...result.attempt });
    }
  }
  if (!session) {
    const last = attempts[attempts.length - 1] as ProviderAttempt;
    if (options.ep !== 'auto') {
      throw new AppFailure(
        'provider-failed',
        `The ${PROVIDER_NAMES[options.ep]} execution provider could not be used`,
        failureDetail(last),
      );
    }
    // Even CPU failed: the model itself is at fault.
    throw new AppFailure(
      'model-error',
      `${model.manifest.name}: onnxruntime cannot run the model`,
      failureDetail(last),
    );
  }
  log.info('detector ready', { model: manifest.name, provider, threads, attempts });

  const { width, height } = manifest.input;
  const inputName = session.inputNames[0] as string;
  const outputName = session.outputNames[0] as string;
  const live = session;
  let released = false;
  return {
    model,
    manifest,
    provider,
    attempts,
    run: async (input, into) => {
      if (released) throw new AppFailure('internal', 'detector used after release()');
      const feeds = { [inputName]: new ort.Tensor('float32', input, [1, 3, height, width]) };
      if (into) {
        await live.run(feeds, { [outputName]: new ort.Tensor('float32', into.data, [...into.dims]) });
        return into;
      }
      const results = await live.run(feeds);
      const out = results[outputName];
      if (!out || out.type !== 'float32')
        throw new AppFailure('model-error', `${manifest.name}: output is not float32`);
      return { data: out.data as Float32Array, dims: out.dims };
    },
    release: async () => {
      if (released) return;
      released = true;
      await live.release();
    },
  };
}
