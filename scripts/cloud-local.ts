// The local cloud for development and tests: `npm run cloud:local` (start, the default),
// `npm run cloud:local -- stop | status | reset`. The packages come from scripts/cloud-setup.sh;
// tests/cloud/README.md describes every part.
import { ensureLocalCloud, localCloudConfig, superuserUrl } from '../tests/cloud/local/index.ts';
import { clusterRunning, stopCluster } from '../tests/cloud/local/postgres.ts';

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
      console.error(`unknown command "${command}": use start, stop, status or reset`);
      process.exitCode = 2;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
