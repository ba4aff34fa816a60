import type pg from 'pg';
import { header, type ApiRequest, type ApiResponse } from '../api/http.ts';
import { PostgrestError } from './errors.ts';
import {
  effectiveLimit,
  orderClause,
  parseQuery,
  quoteIdent,
  selectList,
  whereClause,
  type ParsedQuery,
} from './query.ts';
import type { Relation, RpcFunction } from './schema-cache.ts';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };
const OBJECT_TYPE = 'application/vnd.pgrst.object+json';

/** `Prefer: resolution=merge-duplicates, return=representation, count=exact` → a map. */
function preferences(request: ApiRequest): Map<string, string> {
  const prefer = new Map<string, string>();
  for (const part of (header(request, 'prefer') ?? '').split(',')) {
    const [key, value = ''] = part.trim().split('=');
    if (key) prefer.set(key.trim(), value.trim());
  }
  return prefer;
}

function table(relation: Relation): string {
  return `public.${quoteIdent(relation.name)}`;
}

/** The body as a JSON array, or a single object, or the PostgREST error for anything else. */
function bodyOf(request: ApiRequest): unknown {
  try {
    return JSON.parse(request.body.toString('utf8') || 'null');
  } catch {
    throw new PostgrestError(400, 'PGRST102', 'Empty or invalid json');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function writableColumns(relation: Relation, names: Iterable<string>): string[] {
  const columns = [...new Set(names)];
  for (const column of columns) {
    if (!relation.columns.has(column)) {
      throw new PostgrestError(
        400,
        'PGRST204',
        `Could not find the '${column}' column of '${relation.name}' in the schema cache`,
      );
    }
  }
  return columns;
}

/** `.single()` asks for exactly one row as an object. */
function shaped(
  request: ApiRequest,
  rowsJson: string,
  status: number,
  headers: Record<string, string> = {},
): ApiResponse {
  if ((header(request, 'accept') ?? '').includes(OBJECT_TYPE)) {
    const rows = JSON.parse(rowsJson) as unknown[];
    if (rows.length !== 1) {
      throw new PostgrestError(
        406,
        'PGRST116',
        'Cannot coerce the result to a single JSON object',
        `The result contains ${rows.length} rows`,
      );
    }
    return {
      status,
      headers: { ...headers, 'content-type': `${OBJECT_TYPE}; charset=utf-8` },
      body: JSON.stringify(rows[0]),
    };
  }
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: rowsJson };
}

/** Rows come back as Postgres writes them in JSON (numbers, timestamps, jsonb), like PostgREST. */
function aggregate(query: ParsedQuery, from: string): string {
  return `SELECT coalesce(json_agg(_r), '[]')::text AS body, count(*)::int AS n FROM (SELECT ${selectList(query)} FROM ${from}) _r`;
}

export async function readRows(client: pg.PoolClient, relation: Relation, request: ApiRequest): Promise<ApiResponse> {
  const query = parseQuery(relation, request.url.searchParams);
  const params: unknown[] = [];
  const where = whereClause(query, params);
  const page = `${table(relation)} ${where} ${orderClause(query)} LIMIT ${effectiveLimit(query)} OFFSET ${query.offset}`;
  const result = await client.query<{ body: string; n: number }>(aggregate(query, page), params);
  const { body, n } = result.rows[0]!;
  let total: number | null = null;
  if (/^(exact|planned|estimated)$/.test(preferences(request).get('count') ?? '')) {
    const counted = await client.query<{ total: number }>(
      `SELECT count(*)::int AS total FROM ${table(relation)} ${where}`,
      params,
    );
    total = counted.rows[0]!.total;
  }
  const range = n > 0 ? `${query.offset}-${query.offset + n - 1}` : '*';
  const headers = { 'content-range': `${range}/${total ?? '*'}` };
  const partial = total !== null && (query.offset > 0 || query.offset + n < total);
  const status = partial ? 206 : 200;
  if (request.method === 'HEAD') return { status, headers: { ...JSON_HEADERS, ...headers } };
  return shaped(request, body, status, headers);
}

export async function insertRows(client: pg.PoolClient, relation: Relation, request: ApiRequest): Promise<ApiResponse> {
  const query = parseQuery(relation, request.url.searchParams);
  const body = bodyOf(request);
  const rows = Array.isArray(body) ? body : [body];
  if (!rows.every(isRecord))
    throw new PostgrestError(400, 'PGRST102', 'The body must be a JSON object or an array of objects');
  const prefer = preferences(request);
  const columns =
    query.columns ??
    writableColumns(
      relation,
      rows.flatMap((row) => Object.keys(row)),
    );
  writableColumns(relation, columns);
  // missing=default: a key a row lacks takes the column default, so rows are grouped by their keys.
  const groups = prefer.get('missing') === 'default' ? groupByKeys(rows, columns) : [{ columns, rows }];
  const resolution = prefer.get('resolution');
  const conflict = query.onConflict ?? relation.primaryKey;
  const representation = prefer.get('return') === 'representation';
  const returned: unknown[] = [];
  for (const group of groups) {
    const list = group.columns.map(quoteIdent).join(', ');
    let sql = `INSERT INTO ${table(relation)} AS _t (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table(relation)}, $1::json)`;
    if (resolution === 'merge-duplicates' || resolution === 'ignore-duplicates') {
      const target = conflict.map(quoteIdent).join(', ');
      const updates = group.columns
        .filter((c) => !conflict.includes(c))
        .map((c) => `${quoteIdent(c)} = EXCLUDED.${quoteIdent(c)}`);
      sql +=
        resolution === 'merge-duplicates' && updates.length
          ? ` ON CONFLICT (${target}) DO UPDATE SET ${updates.join(', ')}`
          : ` ON CONFLICT (${target}) DO NOTHING`;
    }
    const params = [JSON.stringify(group.rows)];
    if (representation) {
      const result = await client.query<{ body: string }>(
        `WITH _m AS (${sql} RETURNING _t.*) ${aggregate(query, '_m')}`,
        params,
      );
      returned.push(...(JSON.parse(result.rows[0]!.body) as unknown[]));
    } else {
      await client.query(sql, params);
    }
  }
  if (!representation) return { status: 201, headers: { 'content-range': '*/*' } };
  return shaped(request, JSON.stringify(returned), 201);
}

function groupByKeys(
  rows: Record<string, unknown>[],
  columns: string[],
): { columns: string[]; rows: Record<string, unknown>[] }[] {
  const groups = new Map<string, { columns: string[]; rows: Record<string, unknown>[] }>();
  for (const row of rows) {
    const present = columns.filter((column) => column in row);
    const key = present.join('\u0000');
    const group = groups.get(key) ?? { columns: present, rows: [] };
    group.rows.push(row);
    groups.set(key, group);
  }
  return [...groups.values()];
}

async function mutate(
  client: pg.PoolClient,
  request: ApiRequest,
  query: ParsedQuery,
  statement: string,
  params: unknown[],
): Promise<ApiResponse> {
  if (preferences(request).get('return') !== 'representation') {
    await client.query(statement, params);
    return { status: 204 };
  }
  const result = await client.query<{ body: string }>(
    `WITH _m AS (${statement} RETURNING _t.*) ${aggregate(query, '_m')}`,
    params,
  );
  return shaped(request, result.rows[0]!.body, 200);
}

export async function updateRows(client: pg.PoolClient, relation: Relation, request: ApiRequest): Promise<ApiResponse> {
  const query = parseQuery(relation, request.url.searchParams);
  const body = bodyOf(request);
  if (!isRecord(body)) throw new PostgrestError(400, 'PGRST102', 'A PATCH body must be one JSON object');
  const columns = writableColumns(relation, Object.keys(body));
  if (!columns.length) return { status: 204 };
  const params: unknown[] = [JSON.stringify(body)];
  const where = whereClause(query, params);
  const list = columns.map(quoteIdent).join(', ');
  const statement = `UPDATE ${table(relation)} AS _t SET (${list}) = (SELECT ${list} FROM json_populate_record(NULL::${table(relation)}, $1::json)) ${where}`;
  return mutate(client, request, query, statement, params);
}

export async function deleteRows(client: pg.PoolClient, relation: Relation, request: ApiRequest): Promise<ApiResponse> {
  const query = parseQuery(relation, request.url.searchParams);
  const params: unknown[] = [];
  const statement = `DELETE FROM ${table(relation)} AS _t ${whereClause(query, params)}`;
  return mutate(client, request, query, statement, params);
}

/** `POST /rpc/fn` with named arguments in the body (GET: in the query string). */
export async function callFunction(client: pg.PoolClient, fn: RpcFunction, request: ApiRequest): Promise<ApiResponse> {
  let args: Record<string, unknown>;
  if (request.method === 'GET') args = Object.fromEntries(request.url.searchParams);
  else if (request.method === 'POST') {
    const body = request.body.length ? bodyOf(request) : {};
    if (!isRecord(body)) throw new PostgrestError(400, 'PGRST102', 'The arguments must be one JSON object');
    args = body;
  } else throw new PostgrestError(405, 'PGRST117', `Unsupported HTTP method: ${request.method}`);
  const names = Object.keys(args);
  if (names.some((name) => !fn.args.includes(name))) {
    throw new PostgrestError(
      404,
      'PGRST202',
      `Could not find the function public.${fn.name}(${names.join(', ')}) in the schema cache`,
    );
  }
  const params = names.map((name) => {
    const value = args[name];
    return value === null || typeof value === 'string' ? value : JSON.stringify(value);
  });
  const call = `public.${quoteIdent(fn.name)}(${names.map((name, i) => `${quoteIdent(name)} => $${i + 1}`).join(', ')})`;
  if (fn.returns === 'void') {
    await client.query(`SELECT ${call}`, params);
    return { status: 204 };
  }
  if (fn.returns === 'scalar' && !fn.returnsSet) {
    const result = await client.query<{ body: string }>(`SELECT to_json(${call})::text AS body`, params);
    return { status: 200, headers: JSON_HEADERS, body: result.rows[0]!.body };
  }
  const result = await client.query<{ body: string }>(
    `SELECT coalesce(json_agg(_r), '[]')::text AS body FROM ${call} _r`,
    params,
  );
  const body = result.rows[0]!.body;
  if (fn.returnsSet) return shaped(request, body, 200);
  return { status: 200, headers: JSON_HEADERS, body: JSON.stringify((JSON.parse(body) as unknown[])[0] ?? null) };
}
