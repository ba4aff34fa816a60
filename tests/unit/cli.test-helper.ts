import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'bin/rinkside.mjs');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `rinkside ARGS…` as a user runs it: a child process through bin/rinkside.mjs, from the repo root. */
export async function rinkside(...args: string[]): Promise<CliRun> {
  return rinksideOnNode([], ...args);
}

/** The same with Node flags before the script (bin/rinkside.mjs carries them through its re-exec). */
export async function rinksideOnNode(nodeFlags: readonly string[], ...args: string[]): Promise<CliRun> {
  try {
    const { stdout, stderr } = await run(process.execPath, [...nodeFlags, cli, ...args], {
      cwd: root,
      maxBuffer: 64 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
