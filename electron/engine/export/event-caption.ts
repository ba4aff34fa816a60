/**
 * The caption burned into an exported event clip: code, period and clock, e.g.
 * "Shot · P2 · 12:34.5". The clock is the video time of the tagged moment (the store keeps no
 * game clock), written the way the player's time display reads.
 */

/** Seconds → "m:ss.t", or "h:mm:ss.t" from an hour on. */
export function formatClock(seconds: number): string {
  const tenths = Math.max(0, Math.round(seconds * 10));
  const h = Math.floor(tenths / 36_000);
  const m = Math.floor((tenths % 36_000) / 600);
  const s = (tenths % 600) / 10;
  const ss = s.toFixed(1).padStart(4, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface CaptionFields {
  code: string;
  /** '1', '2', '3', 'OT', 'SO' or absent. */
  period?: string | undefined;
  /** The tagged moment in video seconds. */
  clockS: number;
}

export function eventCaption(f: CaptionFields): string {
  const period = f.period === undefined ? null : /^\d+$/.test(f.period) ? `P${f.period}` : f.period;
  return [f.code, period, formatClock(f.clockS)].filter((part) => part !== null && part !== '').join(' · ');
}
