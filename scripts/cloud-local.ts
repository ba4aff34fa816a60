// The local cloud for development and tests: `npm run cloud:local` (start, the default),
// `npm run cloud:local -- stop | status | reset`, and `-- api [port]`: the Supabase API stand-ins
// (PostgREST + GoTrue) in the foreground until Ctrl-C; `-- storage [fauxqs|s3rver] [node|deno]`: the API,
// a local S3 server process behind the logging proxy, and the storage gateway (Deno by default), in
// the foreground. The packages come from scripts/cloud-setup.sh;
// tests/cloud/README.md describes every part.
import { ensureLocalCloud, localCloudConfig, superuserUrl } from '../tests/cloud/local/index.ts';
import { clusterRunning, stopCluster } from '../tests/cloud/local/postgres.ts';
import { startLocalApi } from '../tests/cloud/api/server.ts';
import { startStorageCloud, type GatewayRuntime, type S3ServerKind } from '../tests/cloud/storage/index.ts';

const command = process.argv[2] ?? 'start';
const config = localCloudConfig();

async function main(): Promise<void> {
  switch (command) {
    case 'start':
    case 'reset': {
      const cloud = await ensureLocalCloud({ fresh: command === 'reset' });
      console.log(`PostgreSQL 15 (migrations applied): ${cloud.superuserUrl}`);
      console.log(`data: ${config.dataDir}  log: ${config.logFile}`);
      console.log('stop it with: npm run cloud:local -- stop');
      return;
    }
    case 'api': {
      const api = await startLocalApi({ port: Number(process.argv[3] ?? 54321) });
      console.log(`Supabase API (local stand-ins): ${api.url}`);
      console.log(`anon key: ${api.anonKey}`);
      console.log(`service_role key: ${api.serviceKey}`);
      console.log(`JWKS: ${api.url}/auth/v1/.well-known/jwks.json  (Ctrl-C stops)`);
      process.once('SIGINT', () => void api.stop());
      process.once('SIGTERM', () => void api.stop());
      return;
    }
    case 'storage': {
      const kind = (process.argv[3] ?? 'fauxqs') as S3ServerKind;
      const runtime = (process.argv[4] ?? 'deno') as GatewayRuntime;
      if (!['fauxqs', 's3rver'].includes(kind) || !['node', 'deno'].includes(runtime)) {
        console.error('usage: npm run cloud:local -- storage [fauxqs|s3rver] [node|deno]');
        process.exitCode = 2;
        return;
      }
      const api = await startLocalApi({ port: 54321 });
      const cloud = await startStorageCloud(api, { kind, runtime });
      console.log(`Supabase API (local stand-ins): ${api.url}`);
      console.log(`anon key: ${api.anonKey}`);
      console.log(`S3 (${kind}, pid ${cloud.storage.server.process.pid}): ${cloud.storage.server.endpoint}`);
      console.log(`logging proxy: ${cloud.storage.proxy.url}  (its log: ${cloud.storage.proxy.url}/_proxy/log)`);
      console.log(`gateway on ${runtime} (pid ${cloud.gateway.process.pid}): ${cloud.gateway.url}  (Ctrl-C stops)`);
      const stop = () => void cloud.stop().then(() => api.stop());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      return;
    }
    case 'stop':
      console.log((await stopCluster(config)) ? 'local cloud stopped' : 'local cloud was not running');
      return;
    case 'status':
      if (await clusterRunning(config)) console.log(`running: ${superuserUrl(config)}`);
      else {
        console.log('not running');
        process.exitCode = 3;
      }
      return;
    default:
      console.error(`unknown command "${command}": use start, stop, status, reset, api or storage`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
