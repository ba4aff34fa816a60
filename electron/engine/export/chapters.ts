/**
 * A reel's chapters as an FFMETADATA file, which ffmpeg writes into the mp4 (one chapter per clip)
 * so a player can jump between clips.
 */

export interface Chapter {
  startS: number;
  endS: number;
  title: string;
}

/**
 * A value in FFMETADATA: `= ; # \` and newlines are special and take a backslash. Titles are one
 * line, so line breaks and other control characters become spaces first.
 */
export function metadataValue(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/[=;#\\]/g, (c) => `\\${c}`)
  );
}

export function chaptersMetadata(chapters: readonly Chapter[]): string {
  const lines = [';FFMETADATA1'];
  for (const c of chapters) {
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(c.startS * 1000)}`,
      `END=${Math.round(c.endS * 1000)}`,
      `title=${metadataValue(c.title)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
