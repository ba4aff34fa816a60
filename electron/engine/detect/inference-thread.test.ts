import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { letterboxedImage, type LetterboxedImage } from './ffmpeg.test-helper.ts';
import { openInferenceThread, type FrameDetector } from './inference-thread.ts';
import { loadModel } from './load-model.ts';
import { failure } from './failure.test-helper.ts';
import { DEFAULT_MODEL, FIXTURE_IMAGES } from './paths.test-helper.ts';
import { createDetector } from './detector.test-helper.ts';

const OPTS = { score: 0.3, nms: 0.45, classes: null };

describe('the inference thread (the analysis job’s ORT session on a worker thread)', () => {
  let detector: FrameDetector;
  let images: LetterboxedImage[];
  const work = mkdtempSync(join(tmpdir(), 'rinkside-inference-'));
  beforeAll(async () => {
    detector = await openInferenceThread({ modelPath: DEFAULT_MODEL, ep: 'cpu', threads: 1, log: silentLogger });
    const { manifest } = await loadModel(DEFAULT_MODEL);
    images = ['messi5.jpg', 'basketball1.png'].map((name) => letterboxedImage(join(FIXTURE_IMAGES, name), manifest));
  });
  afterAll(async () => {
    await detector.release();
    rmSync(work, { recursive: true, force: true });
  });

  it('reports the model and the provider that runs, like the in-process detector', async () => {
    expect(detector.provider).toBe('cpu');
    expect(detector.attempts).toEqual([{ ep: 'cpu', ok: true, skipped: null, error: null, nativeStderr: '' }]);
    expect(detector.manifest.name).toBe('yolox_nano_416_coco');
    expect(detector.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(detector.model).not.toHaveProperty('bytes');
  });

  it('gives exactly the boxes of the in-process detector on the same frames', async () => {
    const inProcess = await createDetector({ model: DEFAULT_MODEL, ep: 'cpu', threads: 1, log: silentLogger });
    try {
      for (const image of images) {
        const expected = await inProcess.detect(image.frame, image.geometry, OPTS);
        expect(expected.length).toBeGreaterThan(0);
        // Three times: each slot's first run (output copied) and later ones (ORT writes in place).
        for (let k = 0; k < 3; k++) expect(await detector.detect(image.frame, image.geometry, OPTS)).toEqual(expected);
      }
    } finally {
      await inProcess.release();
    }
  });

  it('reads the frame before detect() returns: the caller may overwrite it while two frames are in flight', async () => {
    const [a, b] = images as [LetterboxedImage, LetterboxedImage];
    const alone = [await detector.detect(a.frame, a.geometry, OPTS), await detector.detect(b.frame, b.geometry, OPTS)];
    // One reused buffer, as the frame source lends it: filled with a, submitted, refilled with b.
    const reused = new Uint8Array(a.frame.length);
    reused.set(a.frame);
    const first = detector.detect(reused, a.geometry, OPTS);
    reused.set(b.frame);
    const second = detector.detect(reused, b.geometry, OPTS);
    reused.fill(0);
    // A third frame has no free slot until one of the two is done.
    const third = await failure(detector.detect(reused, a.geometry, OPTS));
    expect(third.message).toMatch(/more than 2 frames/);
    expect(await Promise.all([first, second])).toEqual(alone);
    // Both slots are free again.
    expect(await detector.detect(a.frame, a.geometry, OPTS)).toEqual(alone[0]);
  });

  it('refuses a frame of the wrong size or geometry without losing a slot', async () => {
    const image = images[0] as LetterboxedImage;
    await expect(detector.detect(image.frame.subarray(1), image.geometry, OPTS)).rejects.toThrow(/bytes, expected/);
    await expect(detector.detect(image.frame, { ...image.geometry, inW: 320 }, OPTS)).rejects.toThrow(
      /the model takes 416x416/,
    );
    const [x, y] = await Promise.all([
      detector.detect(image.frame, image.geometry, OPTS),
      detector.detect(image.frame, image.geometry, OPTS),
    ]);
    expect(x).toEqual(y);
  });

  it('times ORT-only runs on the thread and counts how busy the session was', async () => {
    const image = images[1] as LetterboxedImage;
    await detector.stats();
    for (let i = 0; i < 3; i++) await detector.detect(image.frame, image.geometry, OPTS);
    const stats = await detector.stats();
    expect(stats.runs).toBe(3);
    expect(stats.runSeconds).toBeGreaterThan(0);
    expect(stats.waitSeconds).toBeGreaterThanOrEqual(0);
    expect((await detector.stats()).runs).toBe(0);
    const tensor = new Float32Array(3 * 416 * 416).fill(114);
    const { seconds } = await detector.benchOrtOnly([tensor], 4);
    expect(seconds).toBeGreaterThan(0);
    // Benchmark runs are not pipeline frames.
    expect((await detector.stats()).runs).toBe(0);
  });

  it('carries open failures across the thread with their kind and native detail', async () => {
    const missing = await failure(
      openInferenceThread({ modelPath: join(work, 'nope.onnx'), ep: 'cpu', log: silentLogger }),
    );
    expect(missing.kind).toBe('not-found');
    const corrupt = join(work, 'corrupt.onnx');
    writeFileSync(corrupt, 'this is not a protobuf');
    expect((await failure(openInferenceThread({ modelPath: corrupt, ep: 'cpu', log: silentLogger }))).kind).toBe(
      'model-error',
    );
    // No CUDA here: an explicit request fails loudly with the native text, never a silent CPU run.
    const cuda = await failure(openInferenceThread({ modelPath: DEFAULT_MODEL, ep: 'cuda', log: silentLogger }));
    expect(cuda.kind).toBe('provider-failed');
    expect(cuda.detail).toBeTruthy();
  });

  it('says clearly when the worker script is missing', async () => {
    const f = await failure(
      openInferenceThread({
        modelPath: DEFAULT_MODEL,
        ep: 'cpu',
        log: silentLogger,
        workerEntry: join(work, 'gone.js'),
      }),
    );
    expect(f.kind).toBe('internal');
    expect(f.message).toMatch(/inference thread's script is missing/);
  });

  it('fails every pending frame when the thread dies, and refuses later ones', async () => {
    // A stand-in thread that opens like the real one, then dies on its first frame.
    const entry = join(work, 'dies.mjs');
    writeFileSync(
      entry,
      `import { parentPort } from 'node:worker_threads';
       const inputs = [new SharedArrayBuffer(3 * 416 * 416 * 4), new SharedArrayBuffer(3 * 416 * 416 * 4)];
       parentPort.postMessage({ type: 'ready', model: ${JSON.stringify({ ...detector.model })}, provider: 'cpu', attempts: [], inputs });
       parentPort.on('message', (m) => { if (m.type === 'run') process.exit(7); });`,
    );
    const dying = await openInferenceThread({
      modelPath: DEFAULT_MODEL,
      ep: 'cpu',
      log: silentLogger,
      workerEntry: entry,
    });
    const image = images[0] as LetterboxedImage;
    const [one, two] = [
      dying.detect(image.frame, image.geometry, OPTS),
      dying.detect(image.frame, image.geometry, OPTS),
    ];
    for (const pending of [one, two]) {
      const f = await failure(pending);
      expect(f.message).toMatch(/inference thread stopped \(exit code 7\)/);
    }
    expect((await failure(dying.detect(image.frame, image.geometry, OPTS))).message).toMatch(/exit code 7/);
    await dying.release();
  });

  it('release() ends the thread; the detector refuses work afterwards', async () => {
    const short = await openInferenceThread({ modelPath: DEFAULT_MODEL, ep: 'cpu', log: silentLogger });
    const image = images[1] as LetterboxedImage;
    const boxes = await short.detect(image.frame, image.geometry, OPTS);
    expect(boxes.length).toBeGreaterThan(0);
    await short.release();
    expect((await failure(short.detect(image.frame, image.geometry, OPTS))).message).toMatch(/after release/);
    await short.release();
  });
});
