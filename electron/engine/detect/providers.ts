import { fileURLToPath } from 'node:url';
import type { ProcessLauncher } from '../process/launcher.ts';
import { nodeLauncher } from '../process/node-launcher.ts';

/**
 * Execution providers: which to try, in what order, and how to learn WHY one fails.
 *
 * Why a child process: when a provider cannot load, onnxruntime-node throws only "Failed to load
 * shared library"; the useful part (which .so/.dll, which dependency is missing) is printed by the
 * native code straight to file descriptor 2, which JS cannot intercept in its own process (no
 * hook on fd 2; dup2-ing it around an async native call would also swallow other threads'
 * output). So a GPU provider is first tried in a short-lived probe process
 * (provider-probe-entry.ts, started through the process launcher: a fork under Node, a utility
 * process from main under Electron) that creates one session and whose stderr we capture. A side
 * benefit: a provider that crashes natively (bad driver) kills the probe, not the analysis
 * process. Only after the probe succeeds is the real session made here. The CPU provider is
 * bundled and needs no probe.
 */
export type ExecutionProvider = 'cpu' | 'cuda' | 'dml' | 'coreml';
export type ProviderChoice = ExecutionProvider | 'auto';

export interface ProviderAttempt {
  ep: ExecutionProvider;
  ok: boolean;
  /** Why it was not tried on this platform; null when it was tried. */
  skipped: string | null;
  /** The JS-side error, null when ok or skipped. */
  error: string | null;
  /** What the native library printed on stderr while it was tried (ANSI colours removed). */
  nativeStderr: string;
}

export const PROVIDER_NAMES: Record<ExecutionProvider, string> = {
  cpu: 'CPU',
  cuda: 'CUDA (NVIDIA)',
  dml: 'DirectML',
  coreml: 'CoreML',
};

export const AUTO_ORDER: readonly ExecutionProvider[] = ['cuda', 'dml', 'coreml', 'cpu'];

/** Null when the provider can exist on this platform, else the reason it cannot. */
export function inapplicableReason(ep: ExecutionProvider, platform: NodeJS.Platform = process.platform): string | null {
  if (ep === 'cuda' && platform !== 'linux' && platform !== 'win32')
    return `CUDA is only offered on Linux and Windows, not ${platform}`;
  if (ep === 'dml' && platform !== 'win32') return `DirectML is only offered on Windows, not ${platform}`;
  if (ep === 'coreml' && platform !== 'darwin') return `CoreML is only offered on macOS, not ${platform}`;
  return null;
}

/** The probe's script when running from the TypeScript sources; bundles pass their own. */
export const providerProbeSourceEntry = fileURLToPath(new URL('./provider-probe-entry.ts', import.meta.url));

// ORT colours its log lines; the escape character is exactly what we mean to match here.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export interface ProbeResult {
  ok: boolean;
  error: string | null;
  nativeStderr: string;
}

/** How a session is tried on a provider in a probe process (the inference thread asks its job's main thread). */
export type ProviderProbe = (
  ep: ExecutionProvider,
  modelPath: string,
  sessionOptions: Record<string, unknown>,
) => Promise<ProbeResult>;

export interface ProbeLaunch {
  launcher: ProcessLauncher;
  /** The probe's script; providerProbeSourceEntry when unset. */
  entry?: string;
  timeoutMs?: number;
}

/** Tries `ep` on `modelPath` in a probe process; never throws. */
export function probeProvider(
  ep: ExecutionProvider,
  modelPath: string,
  sessionOptions: Record<string, unknown>,
  how: ProbeLaunch = { launcher: nodeLauncher },
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const child = how.launcher.launch({
      entry: how.entry ?? providerProbeSourceEntry,
      env: {
        RINKSIDE_PROBE_MODEL: modelPath,
        RINKSIDE_PROBE_OPTS: JSON.stringify({ ...sessionOptions, executionProviders: [ep] }),
      },
      output: 'capture',
    });
    // A driver that hangs while loading must not hang the analysis with it.
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill();
    }, how.timeoutMs ?? 120_000);
    child.onExit((exit) => {
      clearTimeout(timer);
      if (exit.startError) {
        resolve({ ok: false, error: `probe could not start: ${exit.startError}`, nativeStderr: '' });
        return;
      }
      const nativeStderr = exit.stderr.replace(ANSI, '').trim();
      try {
        const result = JSON.parse(exit.stdout) as { ok: boolean; error?: string };
        resolve({
          ok: result.ok && exit.code === 0,
          error: result.ok ? null : (result.error ?? 'unknown error'),
          nativeStderr,
        });
      } catch {
        const how = timedOut ? 'timed out' : exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
        resolve({ ok: false, error: `provider probe ${how} before reporting`, nativeStderr });
      }
    });
  });
}
