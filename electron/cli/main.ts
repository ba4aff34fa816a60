/**
 * rinkside — the headless CLI over the engine (README, CLI). Stable interface: tests and
 * benchmarks use it. Progress goes to stderr (a bar when it is a TTY); results to stdout.
 */
import { toAppError } from '../contract/errors.ts';
import { EXIT_OK, exitCodeFor, usage } from './cli-error.ts';
import { installStopSignals, stoppedExitCode } from './stop-signals.ts';
import { subcommands } from './subcommands.ts';

const HELP = `Usage:
  rinkside analyze VIDEO [--model F.onnx] [--ep auto|cpu|cuda|dml|coreml] [--threads N]
                         [--stride N | --fps F] [--score S] [--nms T] [--classes person,sports ball]
                         [--json OUT] [--db FILE]
  rinkside export VIDEO --start S --end S --out F.mp4 [--overlay boxes,ids,names,caption]
                        [--detections F.json | --db FILE]
  rinkside bench analyze VIDEO [--frames N] [--model F] [--ep E] [--threads N] [--runs 3] [--block 100]
  rinkside bench export VIDEO --start S --end S
  rinkside bench import [--small 10000] [--large 40000] [--runs 3]
  rinkside bench sync [--events 10000]   (starts the local cloud; development only)
Exit codes: 0 ok, 2 bad input, 1 internal error.`;

async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${HELP}\n`);
    return first ? EXIT_OK : 2;
  }
  const key = first === 'bench' ? `bench ${rest[0] ?? ''}` : first;
  const args = first === 'bench' ? rest.slice(1) : rest;
  const run = subcommands[key];
  if (!run) throw usage(`Unknown command "${key.trim()}" (rinkside --help lists the commands).`);
  return run(args);
}

installStopSignals();
main(process.argv.slice(2)).then(
  (code) => process.exit(stoppedExitCode() ?? code),
  (error: unknown) => {
    const appError = toAppError(error);
    // A SIGINT/SIGTERM stop is the user's own doing: no message, the shell's exit code for it.
    const stopped = stoppedExitCode();
    if (stopped !== null) process.exit(stopped);
    if (appError.kind !== 'cancelled') {
      process.stderr.write(`rinkside: ${appError.message}\n`);
      if (appError.detail && (process.env.RINKSIDE_LOG === 'debug' || appError.kind === 'internal')) {
        process.stderr.write(`${appError.detail}\n`);
      }
    }
    process.exit(exitCodeFor(error));
  },
);
