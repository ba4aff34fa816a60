/**
 * ffmpeg's `-progress pipe:1` output: blocks of key=value lines, each block closed by
 * `progress=continue` or `progress=end`. Chunks from the pipe split lines anywhere.
 */
export interface FfmpegProgress {
  /** Output time reached, in seconds; null while ffmpeg reports N/A. */
  doneS: number | null;
  frame: number | null;
  fps: number | null;
  /** Encode speed relative to real time (1.0 = real time); null when N/A. */
  speed: number | null;
  ended: boolean;
}

function finite(value: string | undefined): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed === 'N/A') return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** "01:02:03.500000" (possibly negative) → seconds. */
export function parseClockTime(text: string): number | null {
  const match = /^(-)?(\d+):(\d{1,2}):(\d{1,2}(?:\.\d+)?)$/.exec(text.trim());
  if (!match) return null;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] ? -seconds : seconds;
}

/** One block's fields → a progress record. */
export function progressFromFields(fields: ReadonlyMap<string, string>): FfmpegProgress {
  // out_time_ms is in microseconds too (a long-standing ffmpeg misnomer), so both divide by 1e6.
  const micros = finite(fields.get('out_time_us')) ?? finite(fields.get('out_time_ms'));
  let doneS = micros === null ? null : micros / 1e6;
  if (doneS === null) {
    const clock = fields.get('out_time');
    doneS = clock === undefined ? null : parseClockTime(clock);
  }
  // Before the first packet ffmpeg may report a negative time; it means "nothing yet".
  if (doneS !== null && doneS < 0) doneS = 0;
  const speedText = fields.get('speed')?.trim().replace(/x$/, '');
  return {
    doneS,
    frame: finite(fields.get('frame')),
    fps: finite(fields.get('fps')),
    speed: finite(speedText),
    ended: fields.get('progress')?.trim() === 'end',
  };
}

export interface ProgressParser {
  /** Feeds a chunk of stdout; returns the blocks it completed. */
  push(chunk: string): FfmpegProgress[];
}

export function createProgressParser(): ProgressParser {
  let partial = '';
  let fields = new Map<string, string>();
  return {
    push(chunk) {
      const lines = (partial + chunk).split(/\r?\n/);
      partial = lines.pop() ?? '';
      const done: FfmpegProgress[] = [];
      for (const line of lines) {
        const eq = line.indexOf('=');
        if (eq <= 0) continue;
        const key = line.slice(0, eq).trim();
        fields.set(key, line.slice(eq + 1));
        if (key === 'progress') {
          done.push(progressFromFields(fields));
          fields = new Map();
        }
      }
      return done;
    },
  };
}

/** Parses a whole captured `-progress` output. */
export function parseProgressText(text: string): FfmpegProgress[] {
  return createProgressParser().push(text.endsWith('\n') ? text : `${text}\n`);
}

export interface RateEstimate {
  /** Units of `done` per second, smoothed; 0 until two samples are apart in time. */
  rate: number;
  /** Seconds left; null when the total or the rate is unknown. */
  etaS: number | null;
}

export interface RateEstimator {
  /** `nowMs` is a monotonic clock reading (performance.now()); `total` 0 means unknown. */
  update(done: number, total: number, nowMs: number): RateEstimate;
}

/**
 * Exponentially smoothed rate with a time-based half-life, so bursty progress (ffmpeg reports
 * every 0.5 s, hashing per chunk) gives a steady ETA regardless of how often updates come.
 */
export function createRateEstimator(halfLifeS = 3): RateEstimator {
  let last: { done: number; nowMs: number } | null = null;
  let rate: number | null = null;
  return {
    update(done, total, nowMs) {
      if (last !== null && nowMs > last.nowMs) {
        const dt = (nowMs - last.nowMs) / 1000;
        const instant = Math.max(0, done - last.done) / dt;
        const keep = Math.pow(0.5, dt / halfLifeS);
        rate = rate === null ? instant : keep * rate + (1 - keep) * instant;
        last = { done, nowMs };
      } else if (last === null) {
        last = { done, nowMs };
      }
      const current = rate ?? 0;
      const etaS =
        total > 0 && current > 0 ? Math.max(0, total - done) / current : total > 0 && done >= total ? 0 : null;
      return { rate: current, etaS };
    },
  };
}
