import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { parseClassNames, readOnnxMetadata } from './onnx-metadata.ts';
import { TEST_MODEL_LICENCE } from '../../../tests/fixtures/models/ultralytics-test-spec.ts';
import { DEFAULT_MODEL, ULTRALYTICS_TEST_MODEL } from './paths.test-helper.ts';

function modelError(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('model-error');
    return error as AppFailure;
  }
  throw new Error('expected a model-error');
}

describe('readOnnxMetadata', () => {
  it('reads the ultralytics metadata_props and the 80 class names', () => {
    const meta = readOnnxMetadata(readFileSync(ULTRALYTICS_TEST_MODEL));
    expect(meta.opset).toBe(17);
    expect(meta.irVersion).toBe(8);
    expect(meta.producerName).toBe('rinkside-test-models');
    expect(Object.keys(meta.props)).toEqual(expect.arrayContaining(['names', 'imgsz', 'stride', 'task', 'license']));
    expect(meta.props['task']).toBe('detect');
    expect(meta.props['imgsz']).toBe('[640, 640]');
    expect(meta.props['license']).toBe(TEST_MODEL_LICENCE);
    expect(meta.props['names']).toMatch(/^\{0: 'person', 1: 'bicycle', /);
    const names = parseClassNames(meta.props['names'] ?? '');
    expect(names).toHaveLength(80);
    expect(names?.[0]).toBe('person');
    expect(names?.[32]).toBe('sports ball');
    expect(names?.[79]).toBe('toothbrush');
  });

  it('reads producer and opset of the YOLOX export, which has no metadata_props', () => {
    const meta = readOnnxMetadata(readFileSync(DEFAULT_MODEL));
    expect(meta.props).toEqual({});
    expect(meta.producerName).toBe('pytorch');
    expect(meta.producerVersion).toBe('2.1.1');
    expect(meta.irVersion).toBe(6);
    expect(meta.opset).toBe(11);
  });

  it('rejects a truncated model as model-error', () => {
    const bytes = readFileSync(DEFAULT_MODEL);
    const failure = modelError(() => readOnnxMetadata(bytes.subarray(0, Math.floor(bytes.length / 2)), 'half.onnx'));
    expect(failure.message).toContain('half.onnx');
    expect(failure.detail).toMatch(/past its end|truncated/);
  });

  it('rejects random bytes and an empty file as model-error', () => {
    let seed = 12345;
    const random = new Uint8Array(4096).map(() => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24) & 0xff);
    modelError(() => readOnnxMetadata(random));
    modelError(() => readOnnxMetadata(new Uint8Array(0)));
    modelError(() => readOnnxMetadata(new TextEncoder().encode('{"not":"onnx"}')));
  });
});

describe('parseClassNames', () => {
  it('parses dict and list literals with either quote and escapes', () => {
    expect(parseClassNames("{0: 'person', 1: \"sports ball\", 2: 'it\\'s'}")).toEqual([
      'person',
      'sports ball',
      "it's",
    ]);
    expect(parseClassNames("['a', 'b',]")).toEqual(['a', 'b']);
    expect(parseClassNames('{}')).toEqual([]);
  });

  it('refuses anything that is not a plain literal with keys 0..n-1', () => {
    expect(parseClassNames("{0: 'a', 2: 'b'}")).toBeNull();
    expect(parseClassNames("{0: 'a', 0: 'b'}")).toBeNull();
    expect(parseClassNames("{0: 'a'} + __import__('os')")).toBeNull();
    expect(parseClassNames("{0: open('x')}")).toBeNull();
    expect(parseClassNames("{0: 'unterminated}")).toBeNull();
    expect(parseClassNames('person')).toBeNull();
  });
});
