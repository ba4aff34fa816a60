/**
 * Block interleaving for `rinkside bench analyze`. The development machines are shared VMs whose
 * speed drifts by 20–30 % over seconds, which is the length of a whole pipeline run; comparing a
 * run with ORT-only runs before or after it mostly measures that drift. So the pipeline is paused
 * every `block` analysed frames while the same session runs `block` ORT-only frames, and the two
 * sides are summed block by block: both see the same minutes of the machine.
 *
 * After each resume the first `warmup` frames are not timed: while paused, ffmpeg refilled the
 * frame queue, and timing those frames would credit the pipeline with decoding done during the
 * ORT-only block. From then on the pipeline is in its steady state (queue full when inference is
 * the bottleneck, empty when decoding is), so a timed block costs what it costs in a real run.
 */
export interface InterleaveOptions {
  /** Frames per timed block, on each side. */
  block: number;
  /** Frames after each resume that are run but not timed (≥ the frame queue + frames in flight). */
  warmup: number;
  /** Runs `frames` ORT-only frames and returns the seconds they took. */
  ortBlock(frames: number): Promise<number>;
  /** Milliseconds; performance.now() unless a test passes a clock. */
  now?(): number;
}

export interface InterleaveResult {
  pipelineFps: number;
  ortOnlyFps: number;
  blocks: number;
}

export interface Interleaver {
  /** The ORT-only block before the first pipeline block. */
  begin(): Promise<void>;
  /** Call after every analysed frame; pauses the pipeline (by not resolving) during an ORT-only block. */
  frame(): Promise<void>;
  result(): InterleaveResult;
}

export function createInterleaver(options: InterleaveOptions): Interleaver {
  const { block, warmup } = options;
  if (!(Number.isInteger(block) && block > 0 && Number.isInteger(warmup) && warmup > 0)) {
    throw new RangeError('block and warmup must be positive integers');
  }
  const now = options.now ?? (() => performance.now());
  let pipelineMs = 0;
  let ortSeconds = 0;
  let blocks = 0;
  let ortBlocks = 0;
  let sinceResume = 0;
  let started = 0;
  const ort = async () => {
    ortSeconds += await options.ortBlock(block);
    ortBlocks += 1;
    sinceResume = 0;
  };
  return {
    begin: ort,
    async frame() {
      sinceResume += 1;
      if (sinceResume === warmup) started = now();
      else if (sinceResume === warmup + block) {
        pipelineMs += now() - started;
        blocks += 1;
        await ort();
      }
    },
    result() {
      if (blocks === 0 || ortBlocks === 0)
        throw new RangeError(`no whole block was timed (a block is ${warmup} + ${block} frames)`);
      return {
        pipelineFps: (blocks * block) / (pipelineMs / 1000),
        ortOnlyFps: (ortBlocks * block) / ortSeconds,
        blocks,
      };
    },
  };
}
