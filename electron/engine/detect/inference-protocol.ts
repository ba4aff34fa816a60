import type { AppError } from '../../contract/errors.ts';
import type { LogRecord } from '../log.ts';
import type { LoadedModel } from './load-model.ts';
import type { ExecutionProvider, ProbeResult, ProviderAttempt, ProviderChoice } from './providers.ts';

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
  /** The answer to a 'probe' request. */
  | { type: 'probed'; id: number; result: ProbeResult }
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
  /**
   * Try a GPU provider in a probe process: started by the job's main thread, which has the
   * process launcher (under Electron, the request to main goes over the process's parent port).
   */
  | { type: 'probe'; id: number; ep: ExecutionProvider; modelPath: string; sessionOptions: Record<string, unknown> }
  /** `output` is sent when the slot's output buffer is (re)allocated; otherwise the last one holds. */
  | { type: 'result'; id: number; slot: number; dims: number[]; output?: SharedArrayBuffer }
  | { type: 'bench'; id: number; seconds: number }
  | ({ type: 'stats'; id: number } & InferenceStats)
  | { type: 'failed'; id: number; error: AppError }
  | { type: 'log'; record: LogRecord };
