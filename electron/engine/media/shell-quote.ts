/**
 * POSIX shell quoting, so a logged command line can be pasted into a terminal as is: words made only
 * of characters no shell treats specially stay bare, the rest go in single quotes (a quote inside
 * one is written '\'').
 */
export function shellQuote(words: readonly string[]): string {
  return words.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
