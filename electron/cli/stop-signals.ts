import { constants } from 'node:os';
import { AppFailure } from '../contract/errors.ts';

/**
 * Ctrl+C and SIGTERM stop the command cleanly: its work is cancelled through one AbortSignal, which
 * kills its ffmpeg/ffprobe children (they run in their own process groups, so a signal to the CLI
 * alone never reaches them), the library is left consistent and its lock released, temp files
 * removed. A second signal exits at once.
 */
const controller = new AbortController();
let received: NodeJS.Signals | null = null;

export const stopSignal: AbortSignal = controller.signal;

function onSignal(name: NodeJS.Signals): void {
  if (received) process.exit(exitCodeForSignal(name));
  received = name;
  controller.abort(new AppFailure('cancelled', `Stopped by ${name}`));
}

export function installStopSignals(): void {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

function exitCodeForSignal(name: NodeJS.Signals): number {
  return 128 + (constants.signals[name] ?? 0);
}

/** 130 after SIGINT, 143 after SIGTERM (the shell's convention), null when no signal came. */
export function stoppedExitCode(): number | null {
  return received ? exitCodeForSignal(received) : null;
}

/** Between steps that take no signal themselves: stop here if a signal came. */
export function throwIfStopped(): void {
  if (received) throw new AppFailure('cancelled', `Stopped by ${received}`);
}
