// A real process that owns a library and runs one sync, as the engine process would: the kill -9
// tests start it, kill it mid-push or mid-pull, and start a fresh one to finish.
// Usage: node sync-child.ts '{"dbPath","url","anonKey","email","password","pushBatchRows","pullPageRows"}'
import { openOwnedLibrary } from '../../../electron/engine/store/owned-library.ts';
import { createRowSync, createSyncClient, createSyncTransport } from '../../../electron/engine/sync/row-sync.ts';

interface ChildConfig {
  dbPath: string;
  url: string;
  anonKey: string;
  email: string;
  password: string;
  pushBatchRows?: number;
  pullPageRows?: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as ChildConfig;
const library = openOwnedLibrary(config.dbPath);
const transport = createSyncTransport({ requestTimeoutMs: 30_000 });
const client = createSyncClient(config.url, config.anonKey, transport);
const { error } = await client.auth.signInWithPassword({ email: config.email, password: config.password });
if (error) {
  process.stderr.write(`sign-in failed: ${error.message}\n`);
  process.exit(1);
}
const sync = createRowSync({
  store: library.store,
  client,
  transport,
  ...(config.pushBatchRows ? { pushBatchRows: config.pushBatchRows } : {}),
  ...(config.pullPageRows ? { pullPageRows: config.pullPageRows } : {}),
});
process.stdout.write('ready\n');
const report = await sync.syncOnce();
library.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exit(report.ok ? 0 : 3);
