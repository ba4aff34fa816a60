#!/usr/bin/env node
// Rinkside's headless CLI. Node 24+ runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`Rinkside needs Node 24 or newer (this is ${process.version}).\n`);
  process.exit(2);
}
// The CLI runs the analysis pipeline in this process: start it with the same V8 flags as the
// app's analysis jobs (electron/engine/analysis/job-heap.ts says why). process.execve replaces
// this process in place (same pid, stdio and signals); where it does not exist (Windows) the
// CLI runs with V8's defaults.
const { ANALYSIS_V8_FLAGS } = await import('../electron/engine/analysis/job-heap.ts');
if (typeof process.execve === 'function' && !ANALYSIS_V8_FLAGS.every((flag) => process.execArgv.includes(flag))) {
  const { fileURLToPath } = await import('node:url');
  const self = fileURLToPath(import.meta.url);
  process.execve(process.execPath, [
    process.execPath,
    ...process.execArgv,
    ...ANALYSIS_V8_FLAGS,
    self,
    ...process.argv.slice(2),
  ]);
}
await import('../electron/cli/main.ts');
