/**
 * Time shown to the analyst: "mm:ss.ff" (ff = hundredths). Minutes are not wrapped into hours so
 * a 2.5 h game reads 150:00.00 and the same text parses back.
 */
export function formatTimecode(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
  // Floor (not round) so a frame never shows a time later than its own timestamp; the epsilon
  // absorbs binary noise such as 0.29 * 100 = 28.999999999999996.
  const hundredths = Math.floor(seconds * 100 + 1e-6);
  const minutes = Math.floor(hundredths / 6000);
  const secs = Math.floor((hundredths % 6000) / 100);
  const ff = hundredths % 100;
  return `${pad2(minutes)}:${pad2(secs)}.${pad2(ff)}`;
}

/** "mm:ss" for ETAs and durations where hundredths are noise. */
export function formatMinutesSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) seconds = 0;
  const whole = Math.round(seconds);
  return `${pad2(Math.floor(whole / 60))}:${pad2(whole % 60)}`;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** What the go-to box asked for. */
export type GoToTarget = { kind: 'time'; seconds: number } | { kind: 'frame'; index: number };

/**
 * Parses the go-to box: "mm:ss.ff" (also "h:mm:ss.ff"), plain seconds ("12.5"), or a frame
 * number written "f123". Returns null for anything else so the UI can say so.
 */
export function parseGoTo(text: string): GoToTarget | null {
  const input = text.trim().toLowerCase();
  if (input === '') return null;
  const frame = /^f\s*(\d+)$/.exec(input);
  if (frame) return { kind: 'frame', index: Number(frame[1]) };
  if (/^\d+(\.\d+)?$/.test(input)) return { kind: 'time', seconds: Number(input) };
  const parts = input.split(':');
  if (parts.length < 2 || parts.length > 3) return null;
  const last = parts[parts.length - 1] ?? '';
  if (!/^\d{1,2}(\.\d+)?$/.test(last)) return null;
  const leading = parts.slice(0, -1);
  if (!leading.every((p) => /^\d+$/.test(p))) return null;
  const secs = Number(last);
  if (secs >= 60) return null;
  let total = secs;
  let unit = 60;
  for (let i = leading.length - 1; i >= 0; i -= 1) {
    const value = Number(leading[i]);
    // Minutes under hours must be < 60; a lone minutes field may be any size (see formatTimecode).
    if (leading.length === 2 && i === 1 && value >= 60) return null;
    total += value * unit;
    unit *= 60;
  }
  return { kind: 'time', seconds: total };
}
