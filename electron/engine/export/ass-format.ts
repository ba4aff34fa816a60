/**
 * The pieces of the ASS subtitle format the export overlay writes: times, colours, text escaping
 * and the script header. libass (ffmpeg's `ass` filter) renders it inside the encode, so the
 * overlay never leaves ffmpeg.
 */

/** ASS times have centisecond resolution: H:MM:SS.CC from a whole number of centiseconds. */
export function assTimeCs(cs: number): string {
  const total = Math.max(0, Math.round(cs));
  const h = Math.floor(total / 360_000);
  const m = Math.floor((total % 360_000) / 6000);
  const s = Math.floor((total % 6000) / 100);
  const c = total % 100;
  const two = (n: number) => String(n).padStart(2, '0');
  return `${h}:${two(m)}:${two(s)}.${two(c)}`;
}

/** '#RRGGBB' → ASS '&HBBGGRR&' (ASS stores blue first; alpha is set separately). */
export function assColour(hex: string): string {
  const match = /^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!match) return '&HFFFFFF&';
  const [, r = 'FF', g = 'FF', b = 'FF'] = match;
  return `&H${b}${g}${r}&`.toUpperCase();
}

/** True when black text reads better than white on this background (WCAG relative luminance). */
export function isLightColour(hex: string): boolean {
  const match = /^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(hex);
  if (!match) return false;
  const lin = (v: string | undefined) => {
    const c = parseInt(v ?? '0', 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  };
  const l = 0.2126 * lin(match[1]) + 0.7152 * lin(match[2]) + 0.0722 * lin(match[3]);
  return l > 0.35;
}

const WORD_JOINER = '\u2060';

/**
 * Makes user text (player names, codes) literal in an ASS Dialogue line. libass reads `{…}` as an
 * override block and `\N`, `\n`, `\h`, `\{` as escapes: braces become `\{` `\}` (libass shows
 * them literally) and every backslash is followed by an invisible word joiner so it can never
 * start an escape. Line breaks and control characters become spaces: one label is one line.
 */
export function escapeAssText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (ch === '\\') out += `\\${WORD_JOINER}`;
    else if (ch === '{') out += '\\{';
    else if (ch === '}') out += '\\}';
    else if (ch < ' ' || ch === '\u007f') out += ' ';
    else out += ch;
  }
  return out;
}

/** The font family name inside the shipped DejaVuSans*.ttf (resources/fonts). */
export const OVERLAY_FONT = 'DejaVu Sans';

export interface AssHeaderOptions {
  width: number;
  height: number;
  /** Label text height in script pixels (= video pixels: PlayRes is the video size). */
  labelSize: number;
  captionSize: number;
}

/**
 * PlayResX/Y equal to the video size, so drawing coordinates are video pixels. `YCbCr Matrix: None`
 * stops libass from re-mapping colours for a guessed matrix, so team colours come out as given.
 */
export function assHeader(o: AssHeaderOptions): string {
  const format =
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, ' +
    'Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, ' +
    'MarginR, MarginV, Encoding';
  const pad = Math.max(1, Math.round(o.labelSize / 8));
  const margin = Math.max(4, Math.round(o.height / 40));
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${o.width}`,
    `PlayResY: ${o.height}`,
    'ScaledBorderAndShadow: yes',
    'WrapStyle: 2',
    'YCbCr Matrix: None',
    '',
    '[V4+ Styles]',
    format,
    // Boxes: filled vector shapes, no border or shadow (the outline is the shape itself).
    `Style: Box,${OVERLAY_FONT},20,&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,0,0,0,0,100,100,0,0,1,0,0,7,0,0,0,1`,
    // Labels: bold text on an opaque box (BorderStyle 3) whose colour is the team colour.
    `Style: Label,${OVERLAY_FONT},${o.labelSize},&H00FFFFFF,&H00FFFFFF,&H00000000,&H00000000,-1,0,0,0,100,100,0,0,3,${pad},0,1,0,0,0,1`,
    // Caption: bottom-left, white on translucent black.
    `Style: Caption,${OVERLAY_FONT},${o.captionSize},&H00FFFFFF,&H00FFFFFF,&H60000000,&H60000000,-1,0,0,0,100,100,0,0,3,${pad * 2},0,1,${margin},${margin},${margin},1`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
  ].join('\n');
}

export function dialogue(layer: number, startCs: number, endCs: number, style: string, text: string): string {
  return `Dialogue: ${layer},${assTimeCs(startCs)},${assTimeCs(endCs)},${style},,0,0,0,,${text}`;
}
