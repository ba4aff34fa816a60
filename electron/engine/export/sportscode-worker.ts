/**
 * The thread that reads a Sportscode file: parsing a file of tens of megabytes takes the CPU for
 * a while, and on its own thread the engine keeps answering commands meanwhile. It gets the text,
 * posts back the parsed timeline or the error, and ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { toAppError } from '../../contract/errors.ts';
import { parseSportscodeXml } from './sportscode.ts';
import type { SportscodeParseReply } from './sportscode-thread.ts';

if (!parentPort) throw new Error('sportscode-worker runs as a worker thread');
let reply: SportscodeParseReply;
try {
  reply = { ok: true, value: parseSportscodeXml(workerData as string) };
} catch (error) {
  reply = { ok: false, error: toAppError(error) };
}
parentPort.postMessage(reply);
