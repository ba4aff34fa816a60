/**
 * Runs Rinkside's UI in a browser without Electron: serves the built renderer, the command table
 * over a WebSocket and the media over HTTP ranges on 127.0.0.1. Prints the page URL (with its
 * per-launch token) on stdout as `RINKSIDE_HOST_URL=…` so tests can pick it up.
 *   node scripts/browser-host.ts [--port N] [--data-dir DIR] [--heartbeat-timeout-s S]
 * --heartbeat-timeout-s: how long a silent engine is given before it is restarted (default 30;
 * the e2e test of a hung engine makes it short).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startBrowserHost, type BrowserHost } from '../electron/host/host.ts';
import { sourceModelsDir } from '../electron/engine/detect/model-catalog.ts';
import { createLogger, stderrSink } from '../electron/engine/log.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    'data-dir': { type: 'string' },
    'renderer-dir': { type: 'string', default: resolve(import.meta.dirname, '../out/renderer') },
    'heartbeat-timeout-s': { type: 'string' },
  },
});

let heartbeat: { intervalMs: number; timeoutMs: number } | undefined;
if (values['heartbeat-timeout-s'] !== undefined) {
  const seconds = Number(values['heartbeat-timeout-s']);
  if (!(seconds >= 1 && seconds <= 3600)) {
    process.stderr.write(`--heartbeat-timeout-s must be 1–3600 seconds, not "${values['heartbeat-timeout-s']}"\n`);
    process.exit(2);
  }
  heartbeat = { intervalMs: Math.min(5000, (seconds * 1000) / 4), timeoutMs: seconds * 1000 };
}

const rendererDir = values['renderer-dir'];
if (!existsSync(join(rendererDir, 'index.html'))) {
  process.stderr.write(`No built renderer in ${rendererDir}. Run \`npm run build\` first.\n`);
  process.exit(2);
}
const dataDir = values['data-dir'] ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'Rinkside');
const levels = ['debug', 'info', 'warn', 'error'] as const;
const level = levels.find((l) => l === process.env.RINKSIDE_LOG) ?? 'info';
const log = createLogger(stderrSink(level), 'host');
const pkg = (await import('../package.json', { with: { type: 'json' } })).default as { version: string };

// Listening from the start: a stop must also end a host whose engine is still starting (or hangs
// while starting), and take the engine down with it.
const stopping = new AbortController();
let host: BrowserHost | null = null;
const stop = () => {
  if (stopping.signal.aborted) return;
  stopping.abort();
  // The last resort, should closing itself hang: the supervisor kills a hung engine well before.
  setTimeout(() => process.exit(1), 10_000).unref();
  if (host) void host.close().finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

try {
  host = await startBrowserHost({
    rendererDir,
    port: Number(values.port),
    log,
    signal: stopping.signal,
    ...(heartbeat ? { heartbeat } : {}),
    engine: { dataDir, appVersion: pkg.version, ffmpegPath: null, ffprobePath: null, modelsDir: sourceModelsDir },
  });
} catch (error) {
  if (stopping.signal.aborted) process.exit(0); // stopped while starting; startBrowserHost has closed the engine
  // e.g. the library is open in another Rinkside: say so in one line, no stack.
  process.stderr.write(`rinkside host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
process.stdout.write(`RINKSIDE_HOST_URL=${host.url}\n`);
process.stderr.write(`Rinkside is running at ${host.url}\n(library in ${dataDir}; Ctrl+C to stop)\n`);
