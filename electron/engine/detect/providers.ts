import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Execution providers: which to try, in what order, and how to learn WHY one fails.
 *
 * Why a child process: when a provider cannot load, onnxruntime-node throws only "Failed to load
 * shared library"; the useful part (which .so/.dll, which dependency is missing) is printed by the
 * native code straight to file descriptor 2, which JS cannot intercept in its own process (no
 * hook on fd 2; dup2-ing it around an async native call would also swallow other threads'
 * output). So a GPU provider is first tried in a short-lived child — `process.execPath` (node,
 * or Electron with ELECTRON_RUN_AS_NODE=1) on a tiny inline script that creates one session —
 * whose stderr we capture. A side benefit: a provider that crashes natively (bad driver) kills
 * the probe, not the analysis process. Only after the probe succeeds is the real session made here.
 * The CPU provider is bundled and needs no probe.
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

// CommonJS so `-e` runs it without flags; parameters travel in env to avoid quoting issues.
const PROBE_SCRIPT = `
const ort = require(process.env.RINKSIDE_PROBE_ORT);
const opts = JSON.parse(process.env.RINKSIDE_PROBE_OPTS);
ort.InferenceSession.create(process.env.RINKSIDE_PROBE_MODEL, opts).then(
  (s) => { process.stdout.write(JSON.stringify({ ok: true })); return s.release(); },
  (e) => { process.stdout.write(JSON.stringify({ ok: false, error: String((e && e.message) || e) })); process.exitCode = 3; },
);`;

// ORT colours its log lines; the escape character is exactly what we mean to match here.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

export interface ProbeResult {
  ok: boolean;
  error: string | null;
  nativeStderr: string;
}

/** Tries `ep` on `modelPath` in a child process; never throws. */
export function probeProvider(
  ep: ExecutionProvider,
  modelPath: string,
  sessionOptions: Record<string, unknown>,
  timeoutMs = 120_000,
): Promise<ProbeResult> {
  const ortEntry = createRequire(import.meta.url).resolve('onnxruntime-node');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE_SCRIPT], {
      env: {
        ...process.env,
        ELECTRON_RUN_AS_NODE: '1',
        RINKSIDE_PROBE_ORT: ortEntry,
        RINKSIDE_PROBE_MODEL: modelPath,
        RINKSIDE_PROBE_OPTS: JSON.stringify({ ...sessionOptions, executionProviders: [ep] }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr = (stderr + d).slice(-16_384)));
    child.on('error', (error) =>
      resolve({ ok: false, error: `probe could not start: ${error.message}`, nativeStderr: '' }),
    );
    child.on('close', (code, signal) => {
      const nativeStderr = stderr.replace(ANSI, '').trim();
      try {
        const result = JSON.parse(stdout) as { ok: boolean; error?: string };
        resolve({
          ok: result.ok && code === 0,
          error: result.ok ? null : (result.error ?? 'unknown error'),
          nativeStderr,
        });
      } catch {
        const how = signal ? `killed by ${signal}` : `exited with code ${code}`;
        resolve({ ok: false, error: `provider probe ${how} before reporting`, nativeStderr });
      }
    });
  });
}
