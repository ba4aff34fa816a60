import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { inferManifest } from './infer-layout.ts';
import { loadModel } from './load-model.ts';
import { failure } from './failure.test-helper.ts';
import { ultralyticsModel } from '../../../tests/fixtures/models/make-test-models.ts';
import { TEST_MODEL_LICENCE } from '../../../tests/fixtures/models/ultralytics-test-spec.ts';
import { COCO80 } from './coco80.ts';
import { DEFAULT_MODEL, NANODET_TEST_MODEL, ULTRALYTICS_TEST_MODEL } from './paths.test-helper.ts';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'rinkside-model-'));

describe('loadModel', () => {
  it('takes the committed manifest of the default model', async () => {
    const model = await loadModel(DEFAULT_MODEL);
    expect(model.manifestSource).toBe('file');
    expect(model.sha256).toBe('d39bee73564e338080378b0ad567fbb40e818b55bbfaf971de82a0267ed16b8a');
    expect(model.manifest.layout).toBe('yolox-grid');
    expect(model.manifest.roles).toEqual({ person: 'skater', 'sports ball': 'puck' });
    expect(model.shapes.output).toEqual([1, 3549, 85]);
  });

  it('infers the YOLOX grid layout when there is no manifest', async () => {
    const dir = tmp();
    copyFileSync(DEFAULT_MODEL, join(dir, 'mine.onnx'));
    const model = await loadModel(join(dir, 'mine.onnx'));
    expect(model.manifestSource).toBe('inferred');
    expect(model.manifest).toMatchObject({
      name: 'mine',
      layout: 'yolox-grid',
      colorOrder: 'bgr',
      normalisation: { kind: 'raw' },
      letterbox: { placement: 'top-left', padValue: 114 },
      input: { width: 416, height: 416 },
    });
    expect(model.manifest.classes[32]).toBe('sports ball');
  });

  it('infers the ultralytics layout with class names from the ONNX metadata', async () => {
    const model = await loadModel(ULTRALYTICS_TEST_MODEL);
    expect(model.manifestSource).toBe('inferred');
    expect(model.shapes.output).toEqual([1, 84, 8400]);
    expect(model.manifest).toMatchObject({
      layout: 'ultralytics',
      colorOrder: 'rgb',
      normalisation: { kind: 'scale' },
      letterbox: { placement: 'center', padValue: 114 },
      input: { width: 640, height: 640 },
    });
    expect(model.manifest.classes).toHaveLength(80);
    expect(model.manifest.classes[0]).toBe('person');
    expect(model.manifest.roles).toEqual({ person: 'skater', 'sports ball': 'puck' });
    expect(model.manifest.licence).toBe(TEST_MODEL_LICENCE);
  });

  it('takes the class names from the metadata, not the built-in COCO list', async () => {
    const dir = tmp();
    const names = COCO80.map((name, i) => (i === 0 ? 'player' : i === 79 ? "it's a stick" : name));
    writeFileSync(join(dir, 'renamed.onnx'), ultralyticsModel(names));
    const model = await loadModel(join(dir, 'renamed.onnx'));
    expect(model.manifest.layout).toBe('ultralytics');
    expect(model.manifest.classes).toEqual(names);
    expect(model.manifest.roles).toEqual({ 'sports ball': 'puck' });
  });

  it('says clearly when the output layout is unknown (nanodet: six outputs)', async () => {
    const f = await failure(loadModel(NANODET_TEST_MODEL));
    expect(f.kind).toBe('model-error');
    expect(f.message).toMatch(/is not a layout Rinkside knows: expected \[1,N,5\+classes\]/);
    // onnxruntime loaded it (the refusal names the first output's shape), 2100 anchors for S=320.
    expect(f.message).toContain('nanodet-layout-320: output shape [1600,80]');
    expect(f.message).toContain('2100 for S=320');
  });

  it('names the shape it cannot decode', () => {
    const meta = { irVersion: 7, producerName: '', producerVersion: '', opset: 13, props: {} };
    const shapes = { input: [1, 3, 416, 416], output: [1, 7, 7] };
    let error: unknown;
    try {
      inferManifest({ name: 'odd', file: 'odd.onnx', sha256: '0'.repeat(64), shapes, metadata: meta });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).message).toContain('output shape [1,7,7] is not a layout Rinkside knows: expected');
  });

  it('rejects a truncated or random file as model-error and a missing one as not-found', async () => {
    const dir = tmp();
    const bytes = readFileSync(DEFAULT_MODEL);
    writeFileSync(join(dir, 'cut.onnx'), bytes.subarray(0, 100_000));
    writeFileSync(
      join(dir, 'noise.onnx'),
      Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 7919 + 13) % 251)),
    );
    expect((await failure(loadModel(join(dir, 'cut.onnx')))).kind).toBe('model-error');
    expect((await failure(loadModel(join(dir, 'noise.onnx')))).kind).toBe('model-error');
    expect((await failure(loadModel(join(dir, 'absent.onnx')))).kind).toBe('not-found');
  });

  it('rejects a manifest that belongs to another file or is invalid', async () => {
    const dir = tmp();
    copyFileSync(DEFAULT_MODEL, join(dir, 'm.onnx'));
    const manifest = JSON.parse(readFileSync(DEFAULT_MODEL.replace(/\.onnx$/, '.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...manifest, sha256: 'a'.repeat(64) }));
    const wrongFile = await failure(loadModel(join(dir, 'm.onnx')));
    expect(wrongFile.kind).toBe('model-error');
    expect(wrongFile.message).toContain('different file');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...manifest, colorOrder: 'yuv' }));
    expect((await failure(loadModel(join(dir, 'm.onnx')))).message).toContain('invalid');
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ ...manifest, input: { width: 320, height: 320 } }));
    expect((await failure(loadModel(join(dir, 'm.onnx')))).message).toContain('416x416');
  });
});

describe('classIdsFor', () => {
  it('maps class names to ids and rejects unknown names', async () => {
    const { classIdsFor } = await import('./manifest.ts');
    const { manifest } = await loadModel(DEFAULT_MODEL);
    expect([...classIdsFor(manifest, ['person', ' sports ball'])]).toEqual([0, 32]);
    let error: unknown;
    try {
      classIdsFor(manifest, ['puck']);
    } catch (e) {
      error = e;
    }
    expect((error as AppFailure).kind).toBe('invalid-args');
  });
});
