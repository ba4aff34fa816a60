import { AppFailure, toAppError } from '../contract/errors.ts';

/** Exit codes of the CLI (README, CLI): 0 ok, 2 bad input, 1 internal error. */
export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 1;

const INTERNAL_KINDS = new Set(['internal', 'unknown-command']);

export function exitCodeFor(error: unknown): number {
  const appError = toAppError(error);
  if (appError.kind === 'cancelled') return 130;
  return INTERNAL_KINDS.has(appError.kind) ? EXIT_INTERNAL : EXIT_BAD_INPUT;
}

/** A usage mistake on the command line. */
export function usage(message: string): AppFailure {
  return new AppFailure('invalid-args', message);
}
