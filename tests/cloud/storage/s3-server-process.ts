// One local S3 server as its own process: `node s3-server-process.ts fauxqs|s3rver DIR BUCKET`.
// It listens on an ephemeral loopback port, makes the bucket, and prints one JSON line
// `{"port": N}` on stdout when it is ready; SIGTERM stops it. Started by ./s3-servers.ts.
import S3rver from '@20minutes/s3rver';
import { startFauxqs } from 'fauxqs';

const [kind, directory, bucket] = process.argv.slice(2);
if ((kind !== 'fauxqs' && kind !== 's3rver') || !directory || !bucket) {
  console.error('usage: s3-server-process.ts fauxqs|s3rver DIR BUCKET');
  process.exit(2);
}

async function start(): Promise<{ port: number; stop: () => Promise<void> }> {
  if (kind === 'fauxqs') {
    // Objects as files in DIR: a 200 MB upload should not sit in this process's memory twice.
    const server = await startFauxqs({ port: 0, logger: false, s3StorageDir: directory });
    server.createBucket(bucket!);
    return { port: server.port, stop: () => server.stop() };
  }
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket! }],
  });
  const address = (await server.run()) as { port: number };
  return { port: address.port, stop: () => server.close() };
}

const running = await start();
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
const stop = () => void running.stop().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
