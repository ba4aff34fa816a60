/**
 * A small XML writer and a tolerant XML reader for event exchange files (Sportscode). No
 * dependency: these files are element trees with text, no namespaces, attributes rarely used.
 * The reader refuses DOCTYPE and entity declarations (billion-laughs, external entities) and
 * otherwise forgives what hand-edited and third-party files get wrong: unclosed or mismatched
 * tags, unknown entities, any letter case in names.
 */
import { AppFailure } from '../../contract/errors.ts';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (children's text not included), entities decoded, CDATA kept verbatim. */
  text: string;
}

/** Characters XML 1.0 cannot hold at all; they are dropped on writing. */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `<name>text</name>` on one line, or a nested element with children indented. */
export function element(name: string, content: string | string[], indent = ''): string {
  if (typeof content === 'string') return `${indent}<${name}>${escapeXml(content)}</${name}>`;
  return [`${indent}<${name}>`, ...content, `${indent}</${name}>`].join('\n');
}

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

const MAX_BYTES = 64 * 1024 * 1024;

function parseAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([^\s=/]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    out[m[1] ?? ''] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Parses a document into its root element (a synthetic `#document` when there are several). */
export function parseXml(source: string): XmlElement {
  if (source.length > MAX_BYTES) throw new AppFailure('invalid-args', 'The XML file is too large to import.');
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    throw new AppFailure(
      'invalid-args',
      'The XML file declares a DOCTYPE or entities, which Rinkside does not accept.',
    );
  }
  const doc: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [doc];
  const top = () => stack[stack.length - 1] ?? doc;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) top().text += decodeEntities(source.slice(i, textEnd));
    if (lt < 0) break;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      i = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      top().text += source.slice(lt + 9, end < 0 ? source.length : end);
      i = end < 0 ? source.length : end + 3;
    } else if (source.startsWith('<?', lt) || source.startsWith('<!', lt)) {
      const end = source.indexOf('>', lt);
      i = end < 0 ? source.length : end + 1;
    } else {
      const end = source.indexOf('>', lt);
      if (end < 0) break; // a cut-off tag at the very end: keep what came before
      const body = source.slice(lt + 1, end);
      i = end + 1;
      if (body.startsWith('/')) {
        const name = body.slice(1).trim().toLowerCase();
        // Close up to the matching open element; a stray close tag is ignored.
        const at = stack.map((e) => e.name.toLowerCase()).lastIndexOf(name);
        if (at > 0) stack.length = at;
        continue;
      }
      const selfClosing = body.endsWith('/');
      const inner = selfClosing ? body.slice(0, -1) : body;
      const name = /^[^\s/>]+/.exec(inner)?.[0];
      if (!name) continue;
      const el: XmlElement = { name, attributes: parseAttributes(inner.slice(name.length)), children: [], text: '' };
      top().children.push(el);
      if (!selfClosing) stack.push(el);
    }
  }
  const roots = doc.children;
  return roots.length === 1 && roots[0] && doc.text.trim() === '' ? roots[0] : doc;
}

/** Direct children named `name` (any letter case). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  const want = name.toLowerCase();
  return el.children.filter((c) => c.name.toLowerCase() === want);
}

/** The trimmed text of the first child named `name`, or null. */
export function childText(el: XmlElement, name: string): string | null {
  const child = childrenNamed(el, name)[0];
  return child ? child.text.trim() : null;
}

/** Every element named `name` at any depth, in document order. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const want = name.toLowerCase();
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    for (const c of e.children) {
      if (c.name.toLowerCase() === want) out.push(c);
      walk(c);
    }
  };
  walk(el);
  return out;
}
