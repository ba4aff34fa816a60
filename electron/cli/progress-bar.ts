/** A one-line progress bar on stderr when it is a terminal; silent otherwise (logs stay clean). */
export function createProgressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  const started = performance.now();
  let last = 0;
  return {
    update(done: number, total: number, suffix = ''): void {
      if (!enabled) return;
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const fraction = total > 0 ? Math.min(1, done / total) : 0;
      const width = 30;
      const filled = Math.round(fraction * width);
      const rate = done / Math.max(0.001, (now - started) / 1000);
      const eta = rate > 0 && total > done ? (total - done) / rate : 0;
      stream.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${rate.toFixed(1)}/s ETA ${eta.toFixed(0)}s ${suffix}\x1b[K`,
      );
    },
    done(): void {
      if (enabled) stream.write('\n');
    },
  };
}
