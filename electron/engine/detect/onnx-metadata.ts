import { AppFailure } from '../../contract/errors.ts';

/**
 * The few ModelProto fields Rinkside needs, read straight from the protobuf bytes.
 * onnxruntime-node exposes input/output shapes but not `metadata_props`, and a
 * protobuf library would be a dependency for ~100 lines of wire-format walking. We walk only the
 * top level of ModelProto and skip the graph (which holds the weights) by its length prefix, so no
 * weight tensor is ever turned into a JS object.
 */
export interface OnnxMetadata {
  irVersion: number | null;
  producerName: string;
  producerVersion: string;
  /** Opset of the default ('' or 'ai.onnx') domain; null when the model declares none. */
  opset: number | null;
  /** metadata_props in file order; later duplicates win. */
  props: Record<string, string>;
}

// ModelProto field numbers (onnx.proto3).
const F_IR_VERSION = 1;
const F_PRODUCER_NAME = 2;
const F_PRODUCER_VERSION = 3;
const F_GRAPH = 7;
const F_OPSET_IMPORT = 8;
const F_METADATA_PROPS = 14;

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

interface Field {
  field: number;
  wire: number;
  /** varint value (wire 0) */
  value: number;
  /** byte range of the payload (wire 2) */
  start: number;
  end: number;
}

class Malformed extends Error {}

/** Iterates the fields of one protobuf message occupying bytes[start, end). */
function* fields(bytes: Uint8Array, start: number, end: number): Generator<Field> {
  let pos = start;
  const varint = (): number => {
    // Numbers, not BigInt: lengths and the values we read fit in 2^53; larger varints are skipped
    // correctly even if their value loses precision.
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= end) throw new Malformed(`truncated varint at byte ${pos}`);
      const b = bytes[pos++] as number;
      result += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) return result;
      mul *= 128;
    }
    throw new Malformed(`varint longer than 10 bytes at byte ${pos}`);
  };
  while (pos < end) {
    const tag = varint();
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw new Malformed(`field number 0 at byte ${pos}`);
    if (wire === WIRE_VARINT) {
      yield { field, wire, value: varint(), start: pos, end: pos };
    } else if (wire === WIRE_LEN) {
      const len = varint();
      if (pos + len > end) throw new Malformed(`field ${field} runs ${pos + len - end} bytes past its end`);
      yield { field, wire, value: len, start: pos, end: pos + len };
      pos += len;
    } else if (wire === WIRE_I64 || wire === WIRE_I32) {
      const size = wire === WIRE_I64 ? 8 : 4;
      if (pos + size > end) throw new Malformed(`truncated fixed-width field ${field}`);
      pos += size;
    } else {
      // Groups (3/4) are not used by ONNX; 6/7 do not exist: the bytes are not an ONNX model.
      throw new Malformed(`wire type ${wire} (field ${field}) at byte ${pos}`);
    }
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function str(bytes: Uint8Array, f: Field): string {
  if (f.wire !== WIRE_LEN) throw new Malformed(`field ${f.field} should be a string`);
  return utf8.decode(bytes.subarray(f.start, f.end));
}

/** Reads the model-level metadata; throws AppFailure('model-error') when the bytes are not ONNX. */
export function readOnnxMetadata(bytes: Uint8Array, label = 'model'): OnnxMetadata {
  const meta: OnnxMetadata = { irVersion: null, producerName: '', producerVersion: '', opset: null, props: {} };
  let sawGraph = false;
  try {
    for (const f of fields(bytes, 0, bytes.length)) {
      if (f.field === F_IR_VERSION && f.wire === WIRE_VARINT) meta.irVersion = f.value;
      else if (f.field === F_PRODUCER_NAME) meta.producerName = str(bytes, f);
      else if (f.field === F_PRODUCER_VERSION) meta.producerVersion = str(bytes, f);
      else if (f.field === F_GRAPH && f.wire === WIRE_LEN) sawGraph = true;
      else if (f.field === F_OPSET_IMPORT && f.wire === WIRE_LEN) {
        let domain = '';
        let version: number | null = null;
        for (const g of fields(bytes, f.start, f.end)) {
          if (g.field === 1) domain = str(bytes, g);
          else if (g.field === 2 && g.wire === WIRE_VARINT) version = g.value;
        }
        if ((domain === '' || domain === 'ai.onnx') && version !== null) meta.opset = version;
      } else if (f.field === F_METADATA_PROPS && f.wire === WIRE_LEN) {
        let key = '';
        let value = '';
        for (const g of fields(bytes, f.start, f.end)) {
          if (g.field === 1) key = str(bytes, g);
          else if (g.field === 2) value = str(bytes, g);
        }
        meta.props[key] = value;
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AppFailure('model-error', `${label} is not a readable ONNX model (damaged or truncated)`, reason);
  }
  if (!sawGraph || meta.irVersion === null) {
    throw new AppFailure(
      'model-error',
      `${label} is not a readable ONNX model (damaged or truncated)`,
      `no ${sawGraph ? 'ir_version' : 'graph'} field in the ModelProto`,
    );
  }
  return meta;
}

/**
 * Parses the ultralytics `names` property, a Python literal such as `{0: 'person', 1: 'bicycle'}`
 * (or a list `['person', …]`), with a tiny tokenizer — never eval. Keys must be 0..n-1.
 * Returns null when the text is not such a literal.
 */
export function parseClassNames(text: string): string[] | null {
  let pos = 0;
  const skipWs = (): void => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const expect = (ch: string): boolean => {
    skipWs();
    if (text[pos] !== ch) return false;
    pos++;
    return true;
  };
  const readString = (): string | null => {
    skipWs();
    const quote = text[pos];
    if (quote !== "'" && quote !== '"') return null;
    pos++;
    let out = '';
    while (pos < text.length && text[pos] !== quote) {
      let ch = text[pos++] as string;
      if (ch === '\\') {
        const next = text[pos++];
        if (next === undefined) return null;
        ch = next === 'n' ? '\n' : next === 't' ? '\t' : next;
      }
      out += ch;
    }
    if (text[pos] !== quote) return null;
    pos++;
    return out;
  };
  const readInt = (): number | null => {
    skipWs();
    const m = /^\d+/.exec(text.slice(pos));
    if (!m) return null;
    pos += m[0].length;
    return Number(m[0]);
  };

  skipWs();
  const open = text[pos];
  if (open !== '{' && open !== '[') return null;
  pos++;
  const close = open === '{' ? '}' : ']';
  const entries = new Map<number, string>();
  for (let index = 0; ; index++) {
    if (expect(close)) break;
    if (index > 0 && !expect(',')) return null;
    if (expect(close)) break; // trailing comma
    let key = index;
    if (open === '{') {
      const k = readInt();
      if (k === null || !expect(':')) return null;
      key = k;
    }
    const name = readString();
    if (name === null || entries.has(key)) return null;
    entries.set(key, name);
  }
  skipWs();
  if (pos !== text.length) return null;
  const names: string[] = [];
  for (let i = 0; i < entries.size; i++) {
    const name = entries.get(i);
    if (name === undefined) return null;
    names.push(name);
  }
  return names;
}
