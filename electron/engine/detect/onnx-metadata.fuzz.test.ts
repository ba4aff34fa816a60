/**
 * Fuzzing the ONNX metadata reader and the class-name literal parser with fast-check: random
 * bytes, and real models (a small hand-encoded one with ultralytics-style names, and the default
 * model) with bytes flipped, cut, inserted or removed, read as metadata or refused as
 * 'model-error' — never a TypeError/RangeError, never a hang. Class-name text parses or is null.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { parseClassNames, readOnnxMetadata, type OnnxMetadata } from './onnx-metadata.ts';
import { DEFAULT_MODEL } from './paths.test-helper.ts';

const varint = (n: number): number[] => {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  out.push(n);
  return out;
};
const field = (number: number, body: number[] | string): number[] => {
  const bytes = typeof body === 'string' ? [...new TextEncoder().encode(body)] : body;
  return [...varint(number * 8 + 2), ...varint(bytes.length), ...bytes];
};

/** ModelProto: ir_version 8, producer, an empty graph, opset 17, metadata_props names + task. */
const SMALL_MODEL = new Uint8Array([
  ...varint(1 * 8),
  8,
  ...field(2, 'fuzz'),
  ...field(3, '1.0'),
  ...field(7, []),
  ...field(8, [...field(1, ''), ...varint(2 * 8), 17]),
  ...field(14, [...field(1, 'names'), ...field(2, "{0: 'person', 1: 'sports ball'}")]),
  ...field(14, [...field(1, 'task'), ...field(2, 'detect')]),
]);

/** Reads, or refuses with the module's own kind; anything else fails the property. */
function readsOrRefuses(bytes: Uint8Array): OnnxMetadata | null {
  try {
    const meta = readOnnxMetadata(bytes, 'fuzz.onnx');
    for (const value of Object.values(meta.props)) expect(typeof value).toBe('string');
    const names = parseClassNames(meta.props['names'] ?? '');
    if (names !== null) expect(names.every((n) => typeof n === 'string')).toBe(true);
    return meta;
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('model-error');
    return null;
  }
}

type Edit = { kind: 'flip' | 'set' | 'insert' | 'delete' | 'cut'; at: number; byte: number };
const edit = fc.record({
  kind: fc.constantFrom('flip', 'set', 'insert', 'delete', 'cut'),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
}) as fc.Arbitrary<Edit>;

/** The bytes with a few edits, each at a position within `region` (or anywhere). */
function apply(source: Uint8Array, edits: Edit[], region: (at: number, length: number) => number): Uint8Array {
  let bytes = Buffer.from(source);
  for (const e of edits) {
    if (bytes.length === 0) break;
    const at = region(e.at, bytes.length);
    if (e.kind === 'flip') bytes[at] = (bytes[at] ?? 0) ^ (1 << (e.byte % 8));
    else if (e.kind === 'set') bytes[at] = e.byte;
    else if (e.kind === 'insert')
      bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([e.byte]), bytes.subarray(at)]);
    else if (e.kind === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
    else bytes = bytes.subarray(0, at);
  }
  return bytes;
}

describe('ONNX metadata reader (fuzz)', () => {
  it('the small model reads as written', () => {
    const meta = readOnnxMetadata(SMALL_MODEL);
    expect(meta).toMatchObject({ irVersion: 8, producerName: 'fuzz', opset: 17 });
    expect(parseClassNames(meta.props['names'] ?? '')).toEqual(['person', 'sports ball']);
  });

  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => void readsOrRefuses(bytes)),
      { numRuns: 1000 },
    );
  });

  it('the small model with bytes flipped, set, inserted, removed or cut', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
        readsOrRefuses(apply(SMALL_MODEL, edits, (at, length) => at % length));
      }),
      { numRuns: 1000 },
    );
  });

  it('the default model with its header or its tail (opset, metadata) edited', () => {
    const model = new Uint8Array(readFileSync(DEFAULT_MODEL));
    // The graph in between is skipped by its length; edits near either end reach the parsed fields.
    const ends = (at: number, length: number) => {
      const k = at % 512;
      return k < 256 ? Math.min(k, length - 1) : Math.max(0, length - (k - 255));
    };
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
        readsOrRefuses(apply(model, edits, ends));
      }),
      { numRuns: 60 },
    );
  });
});

describe('class-name literal parser (fuzz)', () => {
  const literal = fc
    .array(fc.string({ maxLength: 12 }), { maxLength: 8 })
    .chain((names) =>
      fc.constantFrom(
        `{${names.map((n, i) => `${i}: ${JSON.stringify(n)}`).join(', ')}}`,
        `[${names.map((n) => `'${n.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}]`,
      ),
    );

  it('any text gives names or null', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), literal), (text) => {
        const names = parseClassNames(text);
        if (names !== null) expect(names.every((n) => typeof n === 'string')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('literals with characters inserted or removed give names or null', () => {
    fc.assert(
      fc.property(literal, fc.nat(), fc.string({ maxLength: 3 }), fc.boolean(), (text, at, insert, remove) => {
        const k = text.length ? at % text.length : 0;
        const edited = remove ? text.slice(0, k) + text.slice(k + 1) : text.slice(0, k) + insert + text.slice(k);
        const names = parseClassNames(edited);
        if (names !== null) expect(names.every((n) => typeof n === 'string')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
