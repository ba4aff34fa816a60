// A real uploading process for the kill -9 test:
// `node upload-child.ts DB FILE GATEWAY_URL TARGET_JSON BYTES_PER_S`, the access token in
// RINKSIDE_TEST_ACCESS_TOKEN. It uploads through the app's HTTP gateway client and prints the
// job's outcome as one JSON line.
import { createJobRunner } from '../../../electron/engine/jobs/runner.ts';
import { silentLogger } from '../../../electron/engine/log.ts';
import { openDatabase } from '../../../electron/engine/store/db.ts';
import { createGatewayClient } from '../../../electron/engine/sync/gateway-client.ts';
import { uploadFile } from '../../../electron/engine/sync/upload/upload-file.ts';

const [dbPath, filePath, gatewayUrl, targetJson, bytesPerS] = process.argv.slice(2);
const token = process.env.RINKSIDE_TEST_ACCESS_TOKEN;
if (!dbPath || !filePath || !gatewayUrl || !targetJson || !bytesPerS || !token) {
  console.error(
    'usage: upload-child.ts DB FILE GATEWAY_URL TARGET_JSON BYTES_PER_S (token in RINKSIDE_TEST_ACCESS_TOKEN)',
  );
  process.exit(2);
}
const db = openDatabase(dbPath);
const gateway = createGatewayClient({ baseUrl: gatewayUrl, accessToken: async () => token });
const jobs = createJobRunner({ log: silentLogger, onProgress: () => undefined, onFinished: () => undefined });
const jobId = jobs.start('upload', null, (ctx) =>
  uploadFile(
    { db, gateway },
    { target: JSON.parse(targetJson), filePath, known: null },
    { bandwidthBytesPerS: Number(bytesPerS), concurrency: 2 },
    ctx,
  ),
);
const finished = await jobs.finished(jobId);
process.stdout.write(`${JSON.stringify(finished)}\n`);
db.close();
process.exit(finished.outcome === 'done' ? 0 : 1);
