/**
 * The XML reader on hostile and broken files: every limit has a file just under it that still
 * reads and one just over it that fails naming the limit; cut-off files fail; files built to hit
 * quadratic or recursive paths finish (the time limits are only guards against a hang — the
 * linear cost is shown by `rinkside bench import`).
 */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../contract/errors.ts';
import { MAX_INSTANCES, parseSportscodeXml } from './sportscode.ts';
import { syntheticTimeline } from './synthetic-timeline.ts';
import { findAll, parseXml, XML_LIMITS } from './xml-reader.ts';

const HANG_GUARD_MS = 30_000;

/** A timeline with one instance, `inner` inside the instance. */
const oneInstance = (inner: string) =>
  `<file><ALL_INSTANCES><instance><ID>1</ID><start>1</start><end>2</end><code>Shot</code>${inner}</instance></ALL_INSTANCES></file>`;

function failure(run: () => unknown): AppFailure {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppFailure);
    return error as AppFailure;
  }
  throw new Error('expected the reader to refuse the file');
}

describe('XML reader limits', () => {
  it('reads elements nested 64 levels deep and refuses 65, naming the limit', () => {
    // file, ALL_INSTANCES and instance are 3 levels; the chain inside fills up the rest.
    const chain = (levels: number) => `${'<x>'.repeat(levels)}${'</x>'.repeat(levels)}`;
    expect(parseSportscodeXml(oneInstance(chain(XML_LIMITS.maxDepth - 3))).instances).toHaveLength(1);
    const error = failure(() => parseSportscodeXml(oneInstance(chain(XML_LIMITS.maxDepth - 2))));
    expect(error.kind).toBe('invalid-args');
    expect(error.message).toMatch(/more than 64 levels deep/);
  });

  it('refuses 20,000 levels with the depth error, not a stack overflow', () => {
    const deep = oneInstance(`${'<x>'.repeat(20_000)}${'</x>'.repeat(20_000)}`);
    expect(failure(() => parseSportscodeXml(deep)).message).toMatch(/more than 64 levels deep/);
  });

  it(
    'refuses 200,000 unclosed tags in one instance at once',
    () => {
      expect(failure(() => parseSportscodeXml(oneInstance('<label>'.repeat(200_000)))).message).toMatch(/levels deep/);
    },
    HANG_GUARD_MS,
  );

  it(
    'reads 2,000,000 elements and refuses one more, naming the limit',
    () => {
      // file + ALL_INSTANCES + instance + ID, start, end, code = 7 elements, the rest self-closed.
      const filler = (n: number) => '<x/>'.repeat(n);
      const under = oneInstance(filler(XML_LIMITS.maxElements - 7));
      expect(parseSportscodeXml(under).instances).toHaveLength(1);
      const over = oneInstance(filler(XML_LIMITS.maxElements - 6));
      expect(failure(() => parseSportscodeXml(over)).message).toMatch(/more than 2,000,000 elements/);
    },
    HANG_GUARD_MS,
  );

  it(
    'reads a file of just under 32 MiB and refuses one just over, naming the limit',
    () => {
      const base = oneInstance('');
      // Multi-byte text counts in UTF-8 bytes: "é" is 2 bytes.
      const padTo = (bytes: number) => {
        const fill = bytes - base.length - '<!---->'.length;
        return base.replace('Shot', `Shot<!--${'é'.repeat(Math.floor(fill / 2))}${'a'.repeat(fill % 2)}-->`);
      };
      const under = padTo(XML_LIMITS.maxBytes);
      expect(Buffer.byteLength(under)).toBe(XML_LIMITS.maxBytes);
      expect(parseSportscodeXml(under).instances).toHaveLength(1);
      const over = padTo(XML_LIMITS.maxBytes + 1);
      expect(failure(() => parseSportscodeXml(over)).message).toMatch(/up to 32 MiB/);
    },
    HANG_GUARD_MS,
  );

  it(
    `reads ${MAX_INSTANCES.toLocaleString('en')} instances and refuses one more, naming the limit`,
    () => {
      expect(parseSportscodeXml(syntheticTimeline({ instances: MAX_INSTANCES })).instances).toHaveLength(MAX_INSTANCES);
      const over = failure(() => parseSportscodeXml(syntheticTimeline({ instances: MAX_INSTANCES + 1 })));
      expect(over.message).toMatch(/at most 50,000/);
    },
    HANG_GUARD_MS,
  );
});

describe('XML reader on cut-off files', () => {
  const whole = syntheticTimeline({ instances: 3, labels: 1 });

  it.each([
    ['after an instance', whole.indexOf('</ALL_INSTANCES>')],
    ['inside a tag', whole.indexOf('<code>') + 3],
    ['inside a text', whole.indexOf('Code 1') + 2],
    ['before the root closes', whole.lastIndexOf('</file>')],
  ])('refuses a file cut off %s', (_where, at) => {
    const error = failure(() => parseSportscodeXml(whole.slice(0, at)));
    expect(error.kind).toBe('invalid-args');
    expect(error.message).toMatch(/cut off/);
  });

  it('refuses an unterminated comment or CDATA section', () => {
    expect(failure(() => parseXml('<file><!-- never ends')).message).toMatch(/cut off: it ends inside a comment/);
    expect(failure(() => parseXml('<file><![CDATA[ never ends')).message).toMatch(/inside a CDATA section/);
  });

  it('still forgives unclosed inner tags when the root closes', () => {
    const parsed = parseSportscodeXml(
      '<file><ALL_INSTANCES><instance><ID>1</ID><start>1</start><end>2</end><code>Shot</ALL_INSTANCES></file>',
    );
    expect(parsed.instances.map((i) => i.code)).toEqual(['Shot']);
  });
});

describe('XML reader on inputs built for slow paths', () => {
  it(
    'reads a tag with a megabyte of attribute-like text',
    () => {
      const el = parseXml(`<file a="1" ${'b'.repeat(1_000_000)} c='3' d=4/>`);
      expect(el.attributes).toMatchObject({ a: '1', c: '3', d: '4' });
    },
    HANG_GUARD_MS,
  );

  it(
    'reads 100,000 stray close tags against an open stack',
    () => {
      const el = parseXml(`<file>${'<a>'.repeat(60)}${'</zz>'.repeat(100_000)}${'</a>'.repeat(60)}</file>`);
      expect(findAll(el, 'a')).toHaveLength(60);
    },
    HANG_GUARD_MS,
  );

  it('finds elements in document order without recursion', () => {
    const el = parseXml('<r><a id="1"><a id="2"/></a><b><a id="3"/></b></r>');
    expect(findAll(el, 'A').map((a) => a.attributes['id'])).toEqual(['1', '2', '3']);
  });

  it('keeps an attribute named __proto__ out of the prototype', () => {
    const el = parseXml('<file __proto__="x" polluted="no"/>');
    expect(Object.getPrototypeOf(el.attributes)).toBe(Object.prototype);
    expect(el.attributes).toEqual({ polluted: 'no' });
  });
});
