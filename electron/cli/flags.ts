import { parseArgs, type ParseArgsConfig } from 'node:util';
import { usage } from './cli-error.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const NEGATIVE_NUMBER = /^-\d*\.?\d+(e[-+]?\d+)?$/i;

/**
 * node:util parseArgs with the CLI's contract: every mistake is a one-line usage error (exit 2),
 * never a TypeError stack. A negative number after a value flag (`--stride -3`) is taken as that
 * flag's value, so the value's own check can say what is wrong with it.
 */
export function parseFlags<O extends Options>(argv: readonly string[], options: O) {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] ?? '';
    const next = argv[i + 1];
    const name = word.startsWith('--') ? word.slice(2) : null;
    if (name && options[name]?.type === 'string' && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      args.push(`${word}=${next}`);
      i++;
    } else args.push(word);
  }
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw usage(flagMistake(error, options));
  }
}

function flagMistake(error: unknown, options: Options): string {
  const { code, message } = error as { code?: string; message?: string };
  const text = String(message ?? error);
  const flag = /'(-{1,2}[^' ]+)/.exec(text)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const known = Object.keys(options)
      .map((o) => `--${o}`)
      .join(', ');
    return `Unknown option ${flag} (this command takes ${known}).`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(text)) return `${flag} is a switch and takes no value.`;
    return `${flag} needs a value (e.g. ${flag} VALUE).`;
  }
  return text.split('\n')[0] ?? text;
}
