// One local S3 server as its own process: `node s3-server-process.ts fauxqs|s3rver DIR BUCKET`.
// It listens on an ephemeral port (s3rver on loopback; fauxqs always binds every interface), makes the bucket, and prints one JSON line
// `{"port": N}` on stdout when it is ready; SIGTERM, or its parent's end, stops it. Started by ./s3-servers.ts.
import S3rver from '@20minutes/s3rver';
import { startFauxqs } from 'fauxqs';

const [kind, directory, bucket] = process.argv.slice(2);
if ((kind !== 'fauxqs' && kind !== 's3rver') || !directory || !bucket) {
  console.error('usage: s3-server-process.ts fauxqs|s3rver DIR BUCKET');
  process.exit(2);
}

async function start(): Promise<{ port: number }> {
  if (kind === 'fauxqs') {
    // Objects as files in DIR: a 200 MB upload should not sit in this process's memory twice.
    const server = await startFauxqs({ port: 0, logger: false, s3StorageDir: directory });
    server.createBucket(bucket!);
    return { port: server.port };
  }
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket! }],
  });
  const address = (await server.run()) as { port: number };
  return { port: address.port };
}

const running = await start();
process.stdout.write(`${JSON.stringify({ port: running.port })}\n`);
// Its data is a throwaway directory, so a stop need not wait for open keep-alive connections
// (s3rver's close() would wait for the clients to hang up).
const stop = () => process.exit(0);
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
// The parent holds our stdin open: when it dies without stopping us, stdin ends and so do we.
process.stdin.once('end', stop);
process.stdin.resume();
