/**
 * Fuzzing the ffprobe answer reader with fast-check: any JSON a damaged file or another ffprobe
 * build could produce — random values, real answers with fields mutated, removed or retyped —
 * gives a well-typed VideoProbe or the module's own 'no-video-stream' failure, never a
 * TypeError/RangeError and never a number that is not finite.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import type { VideoProbe } from '../../contract/domain.ts';
import { parseProbe } from './probe-parse.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'probe');
const real = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.probe.json'))
  .map((f) => ({
    output: JSON.parse(readFileSync(path.join(FIXTURES, f), 'utf8')) as unknown,
    sample: JSON.parse(readFileSync(path.join(FIXTURES, f.replace('.probe.', '.packets.')), 'utf8')) as unknown,
  }));

function checkProbe(probe: VideoProbe): void {
  for (const key of ['durationS', 'width', 'height', 'fps', 'frameCount', 'firstFrameTimeS', 'rotation'] as const) {
    expect(typeof probe[key], key).toBe('number');
    expect(Number.isFinite(probe[key]), key).toBe(true);
  }
  expect(typeof probe.container).toBe('string');
  expect(typeof probe.codec).toBe('string');
  expect([0, 90, 180, 270]).toContain(probe.rotation);
  expect(typeof probe.variableFrameRate).toBe('boolean');
  if (probe.bitRate !== null) expect(Number.isFinite(probe.bitRate)).toBe(true);
  if (probe.audio) expect(Number.isFinite(probe.audio.channels) && Number.isFinite(probe.audio.sampleRate)).toBe(true);
}

/** Parses, or fails with the module's own kind; anything else fails the property. */
function parsesOrRefuses(output: unknown, sample: unknown): void {
  let probe: VideoProbe;
  try {
    probe = parseProbe(output, sample, 'fuzz.mp4');
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    expect((error as AppFailure).kind).toBe('no-video-stream');
    return;
  }
  checkProbe(probe);
}

/** Any JSON value, including the odd numbers ffprobe prints as strings. */
const jsonValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom('N/A', '0/0', '1e400', '-1e400', '30000/1001', '1/0', 'NaN', '', '-0', '1e-320'),
);

/** One real answer with one path replaced by a random value (or removed). */
function mutated(doc: unknown, paths: (string | number)[][]): fc.Arbitrary<unknown> {
  return fc.tuple(fc.constantFrom(...paths), jsonValue, fc.boolean()).map(([where, value, remove]) => {
    const copy = structuredClone(doc) as Record<string | number, unknown>;
    let at: Record<string | number, unknown> = copy;
    for (const key of where.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
    const last = where.at(-1) as string | number;
    if (remove) delete at[last];
    else at[last] = value;
    return copy;
  });
}

/** Every path to a value inside a JSON document. */
function pathsOf(doc: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof doc !== 'object' || doc === null) return [prefix];
  const keys = Array.isArray(doc) ? doc.map((_, i) => i) : Object.keys(doc);
  return [prefix, ...keys.flatMap((k) => pathsOf((doc as Record<string | number, unknown>)[k], [...prefix, k]))].filter(
    (p) => p.length > 0,
  );
}

describe('ffprobe answer reader (fuzz)', () => {
  it('fixtures are there to mutate', () => {
    expect(real.length).toBeGreaterThanOrEqual(3);
  });

  it('random JSON for the answer and the packet sample', () => {
    fc.assert(
      fc.property(jsonValue, fc.oneof(jsonValue, fc.constant(null)), (output, sample) =>
        parsesOrRefuses(output, sample),
      ),
      { numRuns: 500 },
    );
  });

  it('random streams in an answer of the right outline', () => {
    const stream = fc.dictionary(
      fc.constantFrom(
        'codec_type',
        'codec_name',
        'width',
        'height',
        'r_frame_rate',
        'avg_frame_rate',
        'nb_frames',
        'duration',
        'start_time',
        'tags',
        'side_data_list',
        'disposition',
        'channels',
        'sample_rate',
        'bit_rate',
      ),
      fc.oneof(jsonValue, fc.constant('video'), fc.constant('audio')),
    );
    fc.assert(
      fc.property(
        fc.array(stream, { maxLength: 4 }),
        fc.dictionary(fc.constantFrom('duration', 'format_name', 'bit_rate', 'start_time'), jsonValue),
        fc.array(fc.dictionary(fc.constantFrom('pts_time', 'flags', 'duration_time'), jsonValue), { maxLength: 40 }),
        (streams, format, packets) => parsesOrRefuses({ streams, format }, { packets }),
      ),
      { numRuns: 500 },
    );
  });

  it('real answers with one field mutated, retyped or removed', () => {
    for (const { output, sample } of real) {
      fc.assert(
        fc.property(mutated(output, pathsOf(output)), mutated(sample, pathsOf(sample)), (o, s) =>
          parsesOrRefuses(o, s),
        ),
        { numRuns: 200 },
      );
    }
  });
});
