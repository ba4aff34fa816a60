/** An error answered as PostgREST answers: a status and `{code, message, details, hint}`. */
export class PostgrestError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: string | null;
  readonly hint: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: string | null = null,
    hint: string | null = null,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.hint = hint;
  }

  toJSON(): Record<string, string | null> {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }
}

/**
 * Postgres SQLSTATE → HTTP status, as PostgREST maps them. 42501 (no privilege, or a row-level
 * security violation) is 401 for an anonymous request (signing in may help) and 403 otherwise.
 */
export function statusOfSqlState(code: string, role: string): number {
  if (code === '42501') return role === 'anon' ? 401 : 403;
  if (code === '23503' || code === '23505') return 409;
  if (code === '42P01' || code === '42883') return 404;
  if (code === '25006') return 405;
  if (code === '54001') return 413;
  if (code.startsWith('08') || code.startsWith('53')) return 503;
  if (code.startsWith('22') || code.startsWith('23') || code === 'P0001') return 400;
  if (code.startsWith('42')) return 400;
  return 500;
}

interface PgErrorLike {
  code?: string;
  message: string;
  detail?: string;
  hint?: string;
}

export function fromPgError(error: unknown, role: string): PostgrestError {
  const pgError = error as PgErrorLike;
  if (typeof pgError?.code !== 'string') {
    return new PostgrestError(500, 'PGRST000', error instanceof Error ? error.message : String(error));
  }
  return new PostgrestError(
    statusOfSqlState(pgError.code, role),
    pgError.code,
    pgError.message,
    pgError.detail ?? null,
    pgError.hint ?? null,
  );
}
