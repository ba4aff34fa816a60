/**
 * A small XML writer for event exchange files (Sportscode): element trees with text, no
 * namespaces. The reader is xml-reader.ts.
 */

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
