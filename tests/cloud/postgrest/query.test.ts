// The PostgREST stand-in's URL parsing on its own: identifiers only from the schema cache, values
// only as bind parameters.
import { describe, expect, it } from 'vitest';
import { parseQuery, whereClause, orderClause, selectList, effectiveLimit } from './query.ts';
import type { Relation } from './schema-cache.ts';

const events: Relation = { name: 'events', columns: new Set(['id', 'note', 'start_s', 'deleted']), primaryKey: ['id'] };
const parse = (query: string) => parseQuery(events, new URLSearchParams(query));

describe('parseQuery', () => {
  it('turns filters into SQL over quoted known columns with the values as parameters', () => {
    const query = parse('select=id,note&note=eq.a%27b&start_s=gte.3&deleted=is.false&id=not.in.(x,"y,z",%22q\\%22%22)');
    const params: unknown[] = [];
    expect(selectList(query)).toBe('"id", "note"');
    expect(whereClause(query, params)).toBe(
      'WHERE "note" = $1 AND "start_s" >= $2 AND "deleted" IS FALSE AND NOT ("id" = ANY($3))',
    );
    expect(params).toEqual(["a'b", '3', ['x', 'y,z', 'q"']]);
  });

  it('orders, pages and caps at 1000 rows', () => {
    const query = parse('order=start_s.desc.nullslast,id&limit=5000&offset=20');
    expect(orderClause(query)).toBe('ORDER BY "start_s" DESC NULLS LAST, "id" ASC');
    expect([effectiveLimit(query), query.offset]).toEqual([1000, 20]);
    expect(effectiveLimit(parse('limit=10'))).toBe(10);
  });

  it('refuses unknown columns, unknown operators, embedding and bad numbers', () => {
    expect(() => parse('nope=eq.1')).toThrow(/does not exist/);
    expect(() => parse('select=id,nope')).toThrow(/does not exist/);
    expect(() => parse('note=regex.x')).toThrow(/not a filter/);
    expect(() => parse('select=id,games(*)')).toThrow(/plain columns/);
    expect(() => parse('limit=-1')).toThrow(/non-negative integer/);
    expect(() => parse('order=nope.asc')).toThrow(/does not exist/);
  });

  it('reads the upsert columns supabase-js sends quoted', () => {
    expect(parse('columns=%22id%22,%22note%22&on_conflict=id')).toMatchObject({
      columns: ['id', 'note'],
      onConflict: ['id'],
    });
  });
});
