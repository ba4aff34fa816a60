import type { AppError } from '../../contract/errors.ts';
import type { LogRecord } from '../log.ts';
import type { LoadedModel } from './load-model.ts';
import type { ExecutionProvider, ProviderAttempt, ProviderChoice } from './providers.ts';

/**
 * Messages between an analysis job's main thread and its inference thread. Frames and outputs
 * travel through SharedArrayBuffer slots, never through the messages: a message names a slot.
 */

/** The model as the main thread sees it: everything of LoadedModel but the file's bytes. */
export type ModelInfo = Omit<LoadedModel, 'bytes'>;

export interface InferenceWorkerData {
  modelPath: string;
  ep: ProviderChoice;
  threads: number;
  /** Input slots: how many frames may be waiting for or in inference at once. */
  depth: number;
}

export type ToInference =
  /** Run the session on input slot `slot`; the output goes to the output slot of the same number. */
  | { type: 'run'; id: number; slot: number }
  /** ORT-only benchmark: `frames` runs back to back over these tensors, timed inside the thread. */
  | { type: 'bench'; id: number; frames: number; tensors: SharedArrayBuffer[] }
  /** How busy the session was since the last stats call (frames from 'run' only). */
  | { type: 'stats'; id: number }
  | { type: 'release' };

export interface InferenceStats {
  runs: number;
  /** Seconds inside the session's run(). */
  runSeconds: number;
  /** Seconds the session sat idle between two runs, waiting for the next frame. */
  waitSeconds: number;
}

export type FromInference =
  | {
      type: 'ready';
      model: ModelInfo;
      provider: ExecutionProvider;
      attempts: ProviderAttempt[];
      /** One Float32 CHW tensor per slot, written by the main thread. */
      inputs: SharedArrayBuffer[];
    }
  | { type: 'open-failed'; error: AppError }
  /** `output` is sent when the slot's output buffer is (re)allocated; otherwise the last one holds. */
  | { type: 'result'; id: number; slot: number; dims: number[]; output?: SharedArrayBuffer }
  | { type: 'bench'; id: number; seconds: number }
  | ({ type: 'stats'; id: number } & InferenceStats)
  | { type: 'failed'; id: number; error: AppError }
  | { type: 'log'; record: LogRecord };
