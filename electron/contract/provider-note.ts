import type { ExecutionProvider, ProviderAttempt } from './analysis.ts';

export const CPU_ONLY_NOTE = 'CPU — no CUDA/DirectML/CoreML available here';

/**
 * The calm line for a run left to choose its provider ('auto') that ran on CPU because no GPU
 * provider could load on this machine: there CPU is the expected outcome, not a failure. Null for
 * any other run; a provider asked for by name that fails stays an error ('provider-failed').
 */
export function cpuOnlyNote(
  requested: ExecutionProvider,
  provider: string | null,
  attempts: readonly ProviderAttempt[],
): string | null {
  if (requested !== 'auto' || provider !== 'cpu') return null;
  const gpu = attempts.filter((attempt) => attempt.ep !== 'cpu');
  return gpu.length > 0 && gpu.every((attempt) => !attempt.ok) ? CPU_ONLY_NOTE : null;
}

/** What the native libraries said for each GPU provider that was tried, for "details" on demand. */
export function providerNativeText(attempts: readonly ProviderAttempt[]): string {
  return attempts
    .filter((attempt) => attempt.ep !== 'cpu' && !attempt.ok)
    .map((attempt) => {
      // The engine stores why a provider was skipped as text; the contract only promises a flag.
      const skipped: unknown = attempt.skipped;
      const why =
        typeof skipped === 'string'
          ? skipped
          : skipped
            ? 'not available on this platform'
            : (attempt.error ?? 'failed');
      const native = attempt.nativeStderr?.trim();
      return `${attempt.ep}: ${why}${native ? `\n${native}` : ''}`;
    })
    .join('\n\n');
}
