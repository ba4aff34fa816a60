import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../log.ts';
import { letterboxGeometry } from './letterbox.ts';
import { failure } from './failure.test-helper.ts';
import { DEFAULT_MODEL } from './paths.test-helper.ts';
import { createDetector, type Detector } from './detector.test-helper.ts';

describe('createDetector', () => {
  const opened: Detector[] = [];
  afterAll(async () => {
    for (const d of opened) await d.release();
  });

  it('runs the default model on the CPU provider', async () => {
    const detector = await createDetector({ model: DEFAULT_MODEL, ep: 'cpu', threads: 1, log: silentLogger });
    opened.push(detector);
    expect(detector.provider).toBe('cpu');
    expect(detector.attempts).toEqual([{ ep: 'cpu', ok: true, skipped: null, error: null, nativeStderr: '' }]);
    const raw = await detector.runTensor(new Float32Array(3 * 416 * 416).fill(114));
    expect(raw.dims).toEqual([1, 3549, 85]);
    // A flat grey frame holds nothing: no box survives score 0.3.
    const grey = new Uint8Array(416 * 416 * 3).fill(114);
    const boxes = await detector.detect(grey, letterboxGeometry(1920, 1080, 416, 416, 'top-left'), {
      score: 0.3,
      nms: 0.45,
    });
    expect(boxes).toEqual([]);
  });

  it('refuses an explicit CUDA request that cannot load, naming CUDA, with the native stderr — no CPU fallback', async () => {
    const f = await failure(createDetector({ model: DEFAULT_MODEL, ep: 'cuda', threads: 1, log: silentLogger }));
    expect(f.kind).toBe('provider-failed');
    expect(f.message).toContain('CUDA');
    expect(f.detail ?? '').not.toBe('');
    if (process.platform === 'linux') {
      // ORT's JS error is only "Failed to load shared library"; the native side names the library.
      expect(f.detail).toContain('native stderr');
      expect(f.detail).toMatch(/\.so/);
    }
  });

  it('refuses a provider that does not exist on this platform', async () => {
    const ep = process.platform === 'win32' ? 'coreml' : 'dml';
    const f = await failure(createDetector({ model: DEFAULT_MODEL, ep, threads: 1, log: silentLogger }));
    expect(f.kind).toBe('provider-failed');
    expect(f.detail).toMatch(/only offered on/);
  });

  it('auto records every provider it considered and which one ran', async () => {
    const detector = await createDetector({ model: DEFAULT_MODEL, ep: 'auto', threads: 1, log: silentLogger });
    opened.push(detector);
    const last = detector.attempts[detector.attempts.length - 1];
    expect(last?.ok).toBe(true);
    expect(last?.ep).toBe(detector.provider);
    for (const a of detector.attempts.slice(0, -1)) {
      expect(a.ok).toBe(false);
      expect(a.skipped ?? a.error).toBeTruthy();
    }
    if (process.platform === 'linux' && detector.provider === 'cpu') {
      expect(detector.attempts.map((a) => a.ep)).toEqual(['cuda', 'dml', 'coreml', 'cpu']);
      expect(detector.attempts[0]?.nativeStderr).not.toBe('');
      expect(detector.attempts[1]?.skipped).toMatch(/DirectML/);
    }
  });

  it('gives model-error for a truncated or random model file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rinkside-session-'));
    writeFileSync(join(dir, 'cut.onnx'), readFileSync(DEFAULT_MODEL).subarray(0, 1_000_000));
    writeFileSync(join(dir, 'noise.onnx'), Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31337) % 256)));
    for (const name of ['cut.onnx', 'noise.onnx']) {
      const f = await failure(createDetector({ model: join(dir, name), ep: 'cpu', threads: 1, log: silentLogger }));
      expect(f.kind).toBe('model-error');
    }
  });
});
