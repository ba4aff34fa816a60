import { sleep } from './retry.ts';

/**
 * An optional limit on the bytes per second one transfer sends (or receives), shared by all of
 * its parallel requests, so an upload at the rink leaves room for everything else on the network.
 * A token bucket holding at most a quarter second of bytes: short bursts, steady average.
 */
export interface BandwidthLimit {
  /** Waits until `bytes` may go out. */
  take(bytes: number, signal: AbortSignal): Promise<void>;
}

export const UNLIMITED: BandwidthLimit = { take: async () => undefined };

export function bandwidthLimit(
  bytesPerSecond: number | null | undefined,
  nowMs = () => performance.now(),
): BandwidthLimit {
  if (!bytesPerSecond || bytesPerSecond <= 0) return UNLIMITED;
  const capacity = Math.max(64 * 1024, bytesPerSecond / 4);
  let tokens = capacity;
  let last = nowMs();
  // Takers queue in order, so one large request cannot starve the others.
  let queue: Promise<void> = Promise.resolve();
  return {
    take(bytes, signal) {
      const turn = queue.then(async () => {
        for (;;) {
          const t = nowMs();
          tokens = Math.min(capacity, tokens + ((t - last) / 1000) * bytesPerSecond);
          last = t;
          if (tokens >= Math.min(bytes, capacity)) {
            tokens -= bytes;
            return;
          }
          await sleep(Math.ceil(((Math.min(bytes, capacity) - tokens) / bytesPerSecond) * 1000), signal);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  };
}
