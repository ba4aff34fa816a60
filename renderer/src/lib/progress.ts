import { formatMinutesSeconds } from './timecode.ts';

/** Whole percent, or null when the total is unknown (the bar then shows as indeterminate). */
export function percentDone(done: number, total: number): number | null {
  if (!(total > 0)) return null;
  return Math.min(100, Math.max(0, Math.floor((done / total) * 100)));
}

/** "ETA 01:23"; "ETA —" while unknown. */
export function formatEta(etaS: number | null): string {
  if (etaS === null || !Number.isFinite(etaS) || etaS < 0) return 'ETA —';
  return `ETA ${formatMinutesSeconds(etaS)}`;
}

/**
 * Rate of `done` per second. Hashing, copying, uploading and downloading count bytes; other stages count frames or
 * seconds of media, which read best as a plain number per second.
 */
export function formatRate(rate: number, stage: string): string {
  if (!(rate > 0) || !Number.isFinite(rate)) return '';
  if (/hash|copy|read|upload|download|check/i.test(stage)) return `${formatBytes(rate)}/s`;
  return `${rate >= 100 ? Math.round(rate) : rate.toFixed(1)}/s`;
}

export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
