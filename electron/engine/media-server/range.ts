/**
 * The HTTP Range header (RFC 9110 §14), for one file of a known size. Pure: no I/O.
 *
 * - `bytes=0-499`, `bytes=500-` (open end), `bytes=-500` (the last 500 bytes, a suffix).
 * - An end past the file is clamped to the last byte, as the RFC says.
 * - Multiple ranges (`bytes=0-1,5-9`): we answer with the FIRST satisfiable one as a single-part
 *   206. The RFC lets a server send fewer ranges than asked; no <video> element ever asks for more
 *   than one, and multipart/byteranges bodies would be code nobody calls.
 * - A header we cannot parse, or another unit than bytes, is ignored (null: serve the whole file),
 *   as the RFC requires for an invalid Range.
 * - 'unsatisfiable' (answer 416) when every range starts at or past the end, or for a zero-length
 *   suffix, or for any range on an empty file.
 */
export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive (so length = end - start + 1). */
  end: number;
}

const DIGITS = /^\d+$/;

export function parseRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined) return null;
  const match = /^\s*bytes\s*=(.*)$/i.exec(header);
  if (!match) return null;
  const specs = (match[1] ?? '').split(',').map((spec) => spec.trim());
  if (specs.length === 0 || specs.every((spec) => spec === '')) return null;
  let first: ByteRange | null = null;
  for (const spec of specs) {
    // The RFC allows empty list elements ("bytes=0-1, ,5-9"); skip them.
    if (spec === '') continue;
    const parsed = parseSpec(spec, size);
    if (parsed === null) return null;
    if (first === null && parsed !== 'unsatisfiable') first = parsed;
  }
  return first ?? 'unsatisfiable';
}

function parseSpec(spec: string, size: number): ByteRange | 'unsatisfiable' | null {
  const dash = spec.indexOf('-');
  if (dash < 0) return null;
  const from = spec.slice(0, dash).trim();
  const to = spec.slice(dash + 1).trim();
  if (from === '') {
    // Suffix: the last N bytes.
    const length = toInt(to);
    if (length === null) return null;
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = toInt(from);
  if (start === null) return null;
  const end = to === '' ? size - 1 : toInt(to);
  if (end === null || (to !== '' && end < start)) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

function toInt(text: string): number | null {
  if (!DIGITS.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}
