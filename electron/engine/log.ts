/**
 * One logger per subsystem (log.child('media')), secrets redacted before anything is written.
 * The engine never picks a sink itself: the process entry, the CLI or a test passes one in.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogRecord {
  level: LogLevel;
  scope: string;
  message: string;
  fields?: Record<string, unknown>;
  time: string;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  child(scope: string): Logger;
}

export type LogSink = (record: LogRecord) => void;

const SECRET_KEY = /token|secret|password|authorization|apikey|api_key|jwt/i;

/** Replaces values of secret-looking keys and bearer tokens in messages. */
export function redact(fields: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!fields) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[key] = SECRET_KEY.test(key) ? '[redacted]' : value;
  }
  return out;
}

function redactMessage(message: string): string {
  return message.replace(/(bearer\s+)[\w.-]+/gi, '$1[redacted]').replace(/([?&]token=)[^&\s]+/gi, '$1[redacted]');
}

export function createLogger(sink: LogSink, scope = 'rinkside'): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { level, scope, message: redactMessage(message), time: new Date().toISOString() };
    const clean = redact(fields);
    if (clean) record.fields = clean;
    sink(record);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (sub) => createLogger(sink, `${scope}.${sub}`),
  };
}

/** For tests and tools that want no output. */
export const silentLogger: Logger = createLogger(() => {});

/** Human-readable single-line records on stderr (CLI, browser host). */
export function stderrSink(minLevel: LogLevel = 'info'): LogSink {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return (record) => {
    if (order.indexOf(record.level) < order.indexOf(minLevel)) return;
    const fields = record.fields ? ` ${JSON.stringify(record.fields)}` : '';
    process.stderr.write(`${record.time} ${record.level} [${record.scope}] ${record.message}${fields}\n`);
  };
}
