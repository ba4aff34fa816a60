/**
 * A tolerant XML reader for event exchange files (Sportscode). No dependency: these files are
 * element trees with text, no namespaces, attributes rarely used. It refuses DOCTYPE and entity
 * declarations (billion-laughs, external entities) and otherwise forgives what hand-edited and
 * third-party files get wrong: unclosed or mismatched inner tags, unknown entities, any letter case
 * in names. A file that stops before its root element closes is refused as cut off.
 *
 * The file comes from anyone, so every step is linear in its length and nothing recurses: a close
 * tag finds its open element through a count of open names (never by scanning the open stack),
 * attributes are read by a hand-written scanner (a backtracking regular expression is quadratic on
 * a long unquoted run), and size, nesting depth and element count have limits that fail with the
 * limit named.
 */
import { AppFailure } from '../../contract/errors.ts';

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (children's text not included), entities decoded, CDATA kept verbatim. */
  text: string;
}

/**
 * A Sportscode timeline is 5 levels deep, with 5 to 26 elements (100 to 700 bytes) an instance:
 * these leave room for the most instances a timeline may hold (sportscode.ts), fully labelled,
 * while bounding the memory and time one file can take.
 */
export const XML_LIMITS = {
  /** UTF-8 bytes of the whole file. */
  maxBytes: 32 * 1024 * 1024,
  /** Elements open inside each other (the root is level 1). */
  maxDepth: 64,
  /** Elements in the whole file. */
  maxElements: 2_000_000,
} as const;

const MIB = 1024 * 1024;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[ref] ?? whole;
  });
}

const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** `a="1" b='2' c=3` → { a, b, c }; anything else in the tag is skipped. One pass, no backtracking. */
function parseAttributes(source: string): Record<string, string> {
  const out: Record<string, string> = {};
  const n = source.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(source.charCodeAt(i))) i++;
    const nameStart = i;
    for (let c = source.charCodeAt(i); i < n && !isSpace(c) && c !== 0x3d && c !== 0x2f; c = source.charCodeAt(i)) i++;
    if (i === nameStart) {
      i++; // a stray '=' or '/'
      continue;
    }
    const name = source.slice(nameStart, i);
    while (i < n && isSpace(source.charCodeAt(i))) i++;
    if (source[i] !== '=') continue; // a name without a value
    i++;
    while (i < n && isSpace(source.charCodeAt(i))) i++;
    const quote = source[i];
    let value: string;
    if (quote === '"' || quote === "'") {
      const end = source.indexOf(quote, i + 1);
      if (end < 0) break;
      value = source.slice(i + 1, end);
      i = end + 1;
    } else {
      const start = i;
      for (let c = source.charCodeAt(i); i < n && !isSpace(c) && c !== 0x22 && c !== 0x27; c = source.charCodeAt(i))
        i++;
      value = source.slice(start, i);
    }
    // A name like __proto__ must stay a plain key, never reach the object's prototype.
    if (name !== '__proto__') out[name] = decodeEntities(value);
  }
  return out;
}

function cutOff(what: string): AppFailure {
  return new AppFailure(
    'invalid-args',
    `The XML file is cut off: it ends inside ${what}. Export the file again or check it was copied completely.`,
  );
}

/** Refuses a file over the size limit (its size in bytes, known before it is read). */
export function checkXmlSize(bytes: number): void {
  if (bytes > XML_LIMITS.maxBytes) {
    throw new AppFailure(
      'invalid-args',
      `The XML file is ${(bytes / MIB).toFixed(1)} MiB; Rinkside imports XML files up to ${XML_LIMITS.maxBytes / MIB} MiB.`,
    );
  }
}

function checkSize(source: string): void {
  // Each UTF-16 unit is 1–3 UTF-8 bytes: only a string near the limit needs the exact count.
  if (source.length * 3 > XML_LIMITS.maxBytes) checkXmlSize(Buffer.byteLength(source, 'utf8'));
}

/** Parses a document into its root element (a synthetic `#document` when there are several). */
export function parseXml(source: string): XmlElement {
  checkSize(source);
  if (/<!DOCTYPE|<!ENTITY/i.test(source)) {
    throw new AppFailure(
      'invalid-args',
      'The XML file declares a DOCTYPE or entities, which Rinkside does not accept.',
    );
  }
  const doc: XmlElement = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: XmlElement[] = [doc];
  // Lower-case name → how many elements of that name are open, so a close tag knows at once
  // whether it closes anything.
  const open = new Map<string, number>();
  const lowerNames: string[] = [''];
  let elements = 0;
  let top = doc;
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) top.text += decodeEntities(source.slice(i, textEnd));
    if (lt < 0) break;
    if (source.startsWith('<!--', lt)) {
      const end = source.indexOf('-->', lt + 4);
      if (end < 0) throw cutOff('a comment');
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', lt)) {
      const end = source.indexOf(']]>', lt + 9);
      if (end < 0) throw cutOff('a CDATA section');
      top.text += source.slice(lt + 9, end);
      i = end + 3;
    } else {
      const end = source.indexOf('>', lt);
      if (end < 0) throw cutOff('a tag');
      i = end + 1;
      const second = source.charCodeAt(lt + 1);
      if (second === 0x3f || second === 0x21) continue; // <?…?> and other <!…> declarations
      if (second === 0x2f) {
        const name = source
          .slice(lt + 2, end)
          .trim()
          .toLowerCase();
        // Close up to the matching open element (closing any unclosed ones inside it); a stray
        // close tag is ignored.
        if (!open.get(name)) continue;
        for (;;) {
          const closed = lowerNames.pop() ?? '';
          stack.pop();
          open.set(closed, (open.get(closed) ?? 1) - 1);
          if (closed === name) break;
        }
        top = stack[stack.length - 1] ?? doc;
        continue;
      }
      let nameEnd = lt + 1;
      for (let c = second; nameEnd < end && !isSpace(c) && c !== 0x2f; c = source.charCodeAt(nameEnd)) nameEnd++;
      if (nameEnd === lt + 1) continue; // "< b" in text: not a tag, dropped as before
      const selfClosing = source.charCodeAt(end - 1) === 0x2f;
      const name = source.slice(lt + 1, nameEnd);
      const attributesEnd = selfClosing ? end - 1 : end;
      const attributes = nameEnd < attributesEnd ? parseAttributes(source.slice(nameEnd, attributesEnd)) : {};
      const el: XmlElement = { name, attributes, children: [], text: '' };
      if (++elements > XML_LIMITS.maxElements) {
        throw new AppFailure(
          'invalid-args',
          `The XML file has more than ${XML_LIMITS.maxElements.toLocaleString('en')} elements, the most Rinkside imports.`,
        );
      }
      // The new element sits at level stack.length (the document itself is level 0).
      if (stack.length > XML_LIMITS.maxDepth) {
        throw new AppFailure(
          'invalid-args',
          `The XML file nests elements more than ${XML_LIMITS.maxDepth} levels deep, the most Rinkside imports (a Sportscode timeline needs 5).`,
        );
      }
      top.children.push(el);
      if (selfClosing) continue;
      const lower = name.toLowerCase();
      stack.push(el);
      lowerNames.push(lower);
      open.set(lower, (open.get(lower) ?? 0) + 1);
      top = el;
    }
  }
  if (stack.length > 1) throw cutOff(`<${stack[1]?.name}>, which is never closed`);
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
  const want = name.toLowerCase();
  const child = el.children.find((c) => c.name.toLowerCase() === want);
  return child ? child.text.trim() : null;
}

/** Every element named `name` at any depth, in document order (an explicit stack: no recursion). */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const want = name.toLowerCase();
  const out: XmlElement[] = [];
  const todo: XmlElement[] = [...el.children].reverse();
  for (let e = todo.pop(); e; e = todo.pop()) {
    if (e.name.toLowerCase() === want) out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) todo.push(e.children[k] as XmlElement);
  }
  return out;
}
