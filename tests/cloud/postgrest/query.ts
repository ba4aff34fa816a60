import { PostgrestError } from './errors.ts';
import type { Relation } from './schema-cache.ts';

/** PostgREST's default db-max-rows on Supabase: no read returns more. */
export const MAX_ROWS = 1000;

const OPERATORS: Record<string, string> = { eq: '=', neq: '<>', gt: '>', gte: '>=', lt: '<', lte: '<=' };
const RESERVED = new Set(['select', 'order', 'limit', 'offset', 'on_conflict', 'columns']);

interface Filter {
  column: string;
  negate: boolean;
  operator: string;
  value: string;
}

export interface ParsedQuery {
  select: string[] | '*';
  filters: Filter[];
  order: { column: string; descending: boolean; nulls: 'FIRST' | 'LAST' | null }[];
  limit: number | null;
  offset: number;
  onConflict: string[] | null;
  columns: string[] | null;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function knownColumn(relation: Relation, column: string): string {
  if (!relation.columns.has(column)) {
    throw new PostgrestError(400, '42703', `column ${relation.name}.${column} does not exist`);
  }
  return column;
}

function nonNegativeInteger(name: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new PostgrestError(400, 'PGRST103', `"${name}" must be a non-negative integer`);
  return Number(text);
}

/** `a,b` or `"a","b"` (supabase-js quotes the upsert's columns). */
function columnList(relation: Relation, text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim().replace(/^"(.*)"$/, '$1'))
    .filter((part) => part !== '')
    .map((column) => knownColumn(relation, column));
}

/** The items of `in.(a,"b,c",d)`: double quotes protect commas, a backslash escapes. */
function listItems(text: string): string[] {
  const inner = /^\((.*)\)$/s.exec(text)?.[1];
  if (inner === undefined) throw new PostgrestError(400, 'PGRST100', `"in" needs a list in parentheses: ${text}`);
  const items: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (quoted) {
      if (ch === '\\' && i + 1 < inner.length) current += inner[++i];
      else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') {
      quoted = wasQuoted = true;
    } else if (ch === ',') {
      items.push(wasQuoted ? current : current.trim());
      current = '';
      wasQuoted = false;
    } else current += ch;
  }
  if (inner.length) items.push(wasQuoted ? current : current.trim());
  return items;
}

export function parseQuery(relation: Relation, params: URLSearchParams): ParsedQuery {
  const parsed: ParsedQuery = {
    select: '*',
    filters: [],
    order: [],
    limit: null,
    offset: 0,
    onConflict: null,
    columns: null,
  };
  const select = params.get('select');
  if (select !== null && select.trim() !== '*' && select.trim() !== '') {
    if (/[()!:]/.test(select)) {
      throw new PostgrestError(
        400,
        'PGRST100',
        'the local stand-in selects plain columns only (no embedding, casts or renames)',
      );
    }
    parsed.select = columnList(relation, select);
  }
  const order = params.get('order');
  if (order) {
    parsed.order = order.split(',').map((term) => {
      const [column = '', ...modifiers] = term.split('.');
      const descending = modifiers.includes('desc');
      const nulls = modifiers.includes('nullsfirst') ? 'FIRST' : modifiers.includes('nullslast') ? 'LAST' : null;
      return { column: knownColumn(relation, column), descending, nulls };
    });
  }
  const limit = params.get('limit');
  if (limit !== null) parsed.limit = nonNegativeInteger('limit', limit);
  const offset = params.get('offset');
  if (offset !== null) parsed.offset = nonNegativeInteger('offset', offset);
  const onConflict = params.get('on_conflict');
  if (onConflict) parsed.onConflict = columnList(relation, onConflict);
  const columns = params.get('columns');
  if (columns) parsed.columns = columnList(relation, columns);

  for (const [column, expression] of params) {
    if (RESERVED.has(column)) continue;
    const match = /^(not\.)?(eq|neq|gt|gte|lt|lte|like|ilike|in|is)\.(.*)$/s.exec(expression);
    if (!match) throw new PostgrestError(400, 'PGRST100', `"${expression}" is not a filter the local stand-in knows`);
    parsed.filters.push({
      column: knownColumn(relation, column),
      negate: match[1] !== undefined,
      operator: match[2]!,
      value: match[3]!,
    });
  }
  return parsed;
}

/** `WHERE …` for the filters; values go into params (as text, typed by the column they meet). */
export function whereClause(query: ParsedQuery, params: unknown[]): string {
  const terms = query.filters.map((filter) => {
    const column = quoteIdent(filter.column);
    let term: string;
    if (filter.operator in OPERATORS) {
      params.push(filter.value);
      term = `${column} ${OPERATORS[filter.operator]} $${params.length}`;
    } else if (filter.operator === 'like' || filter.operator === 'ilike') {
      params.push(filter.value.replace(/\*/g, '%'));
      term = `${column} ${filter.operator.toUpperCase()} $${params.length}`;
    } else if (filter.operator === 'in') {
      params.push(listItems(filter.value));
      term = `${column} = ANY($${params.length})`;
    } else {
      const is: Record<string, string> = {
        null: 'IS NULL',
        not_null: 'IS NOT NULL',
        true: 'IS TRUE',
        false: 'IS FALSE',
        unknown: 'IS UNKNOWN',
      };
      const predicate = is[filter.value];
      if (!predicate) throw new PostgrestError(400, 'PGRST100', `"is" takes null, not_null, true, false or unknown`);
      term = `${column} ${predicate}`;
    }
    return filter.negate ? `NOT (${term})` : term;
  });
  return terms.length ? `WHERE ${terms.join(' AND ')}` : '';
}

export function selectList(query: ParsedQuery): string {
  return query.select === '*' ? '*' : query.select.map(quoteIdent).join(', ');
}

export function orderClause(query: ParsedQuery): string {
  if (!query.order.length) return '';
  const terms = query.order.map(
    (term) =>
      `${quoteIdent(term.column)} ${term.descending ? 'DESC' : 'ASC'}${term.nulls ? ` NULLS ${term.nulls}` : ''}`,
  );
  return `ORDER BY ${terms.join(', ')}`;
}

/** The rows a read may return: what was asked, never more than the cap. */
export function effectiveLimit(query: ParsedQuery): number {
  return Math.min(query.limit ?? MAX_ROWS, MAX_ROWS);
}
