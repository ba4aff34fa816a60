/**
 * The inference thread of an analysis job: the job's one ORT session lives here, so that while
 * run() blocks this thread (15–28 ms a frame on a laptop CPU) the job's main thread keeps reading
 * ffmpeg's pipe, converting the next frame, tracking and committing chunks. This is the only
 * place in the job process that loads onnxruntime-node: the binding keeps per-process native
 * state, and loading it in two JS environments of one process crashes upstream.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../contract/errors.ts';
import { createLogger } from '../log.ts';
import type { FromInference, InferenceWorkerData, ModelInfo, ToInference } from './inference-protocol.ts';
import type { ProbeResult, ProviderProbe } from './providers.ts';
import { openModelSession, type ModelSession, type RawOutput } from './session.ts';

if (!parentPort) throw new Error('inference-worker runs as a worker thread');
const port = parentPort;
const post = (message: FromInference) => port.postMessage(message);
const data = workerData as InferenceWorkerData;
const log = createLogger((record) => post({ type: 'log', record }), 'inference');

// GPU providers are probed in a process the job's main thread starts (it holds the launcher).
const probes = new Map<number, (result: ProbeResult) => void>();
let nextProbe = 1;
const probe: ProviderProbe = (ep, modelPath, sessionOptions) =>
  new Promise((resolve) => {
    const id = nextProbe++;
    probes.set(id, resolve);
    post({ type: 'probe', id, ep, modelPath, sessionOptions });
  });
port.on('message', (message: ToInference) => {
  if (message.type !== 'probed') return;
  probes.get(message.id)?.(message.result);
  probes.delete(message.id);
});

async function main(): Promise<void> {
  let session: ModelSession;
  try {
    session = await openModelSession({ model: data.modelPath, ep: data.ep, threads: data.threads, log, probe });
  } catch (error) {
    post({ type: 'open-failed', error: toAppError(error) });
    port.close();
    return;
  }
  const { width, height } = session.manifest.input;
  const inputs = Array.from({ length: data.depth }, () => new SharedArrayBuffer(3 * width * height * 4));
  const inputViews = inputs.map((buffer) => new Float32Array(buffer));
  const outputs: (RawOutput | undefined)[] = [];
  const { bytes: _bytes, ...model } = session.model;
  post({
    type: 'ready',
    model: model satisfies ModelInfo,
    provider: session.provider,
    attempts: [...session.attempts],
    inputs,
  });

  // Whether the session is ever starved: time in run() and time idle between consecutive runs.
  let stats = { runs: 0, runSeconds: 0, waitSeconds: 0 };
  let lastEnd: number | null = null;
  const run = async (id: number, slot: number) => {
    const started = performance.now();
    // A slot's first run learns the output's shape (fixed: the input size is); later runs have
    // ORT write straight into the slot's shared output, with no copy on this thread.
    const into = outputs[slot];
    const raw = await session.run(inputViews[slot] as Float32Array, into);
    const ended = performance.now();
    stats.runs += 1;
    stats.runSeconds += (ended - started) / 1000;
    if (lastEnd !== null) stats.waitSeconds += (started - lastEnd) / 1000;
    let fresh: SharedArrayBuffer | undefined;
    if (!into) {
      fresh = new SharedArrayBuffer(raw.data.byteLength);
      const copy = new Float32Array(fresh);
      copy.set(raw.data);
      outputs[slot] = { data: copy, dims: [...raw.dims] };
    }
    post({ type: 'result', id, slot, dims: [...raw.dims], ...(fresh ? { output: fresh } : {}) });
    lastEnd = performance.now();
  };
  let benchOutput: RawOutput | undefined;
  const bench = async (id: number, frames: number, tensors: SharedArrayBuffer[]) => {
    const views = tensors.map((buffer) => new Float32Array(buffer));
    // In place like the pipeline's runs, so the two sides differ only by the pipeline — but into
    // an output of its own: the main thread may still be reading a slot's last result.
    const started = performance.now();
    for (let i = 0; i < frames; i++)
      benchOutput = await session.run(views[i % views.length] as Float32Array, benchOutput);
    post({ type: 'bench', id, seconds: (performance.now() - started) / 1000 });
    lastEnd = null; // the gap around a benchmark is not the pipeline starving the session
  };
  // One message at a time, in arrival order: the session is not re-entrant.
  let queue = Promise.resolve();
  port.on('message', (message: ToInference) => {
    if (message.type === 'probed') return;
    queue = queue.then(async () => {
      if (message.type === 'release') {
        await session.release();
        port.close();
        return;
      }
      try {
        if (message.type === 'run') await run(message.id, message.slot);
        else if (message.type === 'bench') await bench(message.id, message.frames, message.tensors);
        else {
          post({ type: 'stats', id: message.id, ...stats });
          stats = { runs: 0, runSeconds: 0, waitSeconds: 0 };
          lastEnd = null;
        }
      } catch (error) {
        post({ type: 'failed', id: message.id, error: toAppError(error) });
      }
    });
  });
}

void main();
