#!/usr/bin/env node
// Rinkside's headless CLI. Node 24+ runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  process.stderr.write(`Rinkside needs Node 24 or newer (this is ${process.version}).\n`);
  process.exit(2);
}
await import('../electron/cli/main.ts');
