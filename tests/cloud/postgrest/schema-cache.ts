import type pg from 'pg';

export interface Relation {
  name: string;
  columns: Set<string>;
  primaryKey: string[];
}

export interface RpcFunction {
  name: string;
  args: string[];
  returnsSet: boolean;
  /** 'composite' (a row type), 'void', or 'scalar'. */
  returns: 'composite' | 'void' | 'scalar';
}

export interface SchemaCache {
  relations: Map<string, Relation>;
  functions: Map<string, RpcFunction>;
  /** Roles a token may name: those granted to authenticator. */
  roles: Set<string>;
  /** Per-role settings (statement_timeout, …) applied to each request, as PostgREST does. */
  roleSettings: Map<string, [string, string][]>;
}

/**
 * What the API may name, read once from the catalog (as the owner: information_schema shows a
 * role only what it holds privileges on). Every identifier in a request is checked against it
 * and quoted, so nothing from a URL reaches SQL as text.
 */
export async function loadSchemaCache(owner: pg.Pool, schema = 'public'): Promise<SchemaCache> {
  const columns = await owner.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
     JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE c.table_schema = $1 ORDER BY c.table_name, c.ordinal_position`,
    [schema],
  );
  const keys = await owner.query<{ table_name: string; column_name: string }>(
    `SELECT k.table_name, k.column_name FROM information_schema.table_constraints tc
     JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema AND k.constraint_name = tc.constraint_name
     WHERE tc.table_schema = $1 AND tc.constraint_type = 'PRIMARY KEY' ORDER BY k.table_name, k.ordinal_position`,
    [schema],
  );
  const relations = new Map<string, Relation>();
  for (const row of columns.rows) {
    const relation = relations.get(row.table_name) ?? { name: row.table_name, columns: new Set(), primaryKey: [] };
    relation.columns.add(row.column_name);
    relations.set(row.table_name, relation);
  }
  for (const row of keys.rows) relations.get(row.table_name)?.primaryKey.push(row.column_name);

  const functions = await owner.query<{ name: string; args: string[] | null; retset: boolean; kind: string }>(
    `SELECT p.proname AS name, p.proargnames AS args, p.proretset AS retset,
            CASE WHEN t.typtype = 'c' THEN 'composite' WHEN t.oid = 'void'::regtype THEN 'void' ELSE 'scalar' END AS kind
     FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_type t ON t.oid = p.prorettype
     WHERE n.nspname = $1 AND p.prokind = 'f'`,
    [schema],
  );
  const roles = await owner.query<{ rolname: string; rolconfig: string[] | null }>(
    `SELECT r.rolname, r.rolconfig FROM pg_roles r
     WHERE pg_has_role('authenticator', r.oid, 'MEMBER') AND r.rolname <> 'authenticator'`,
  );
  return {
    relations,
    functions: new Map(
      functions.rows.map((f) => [
        f.name,
        { name: f.name, args: f.args ?? [], returnsSet: f.retset, returns: f.kind as RpcFunction['returns'] },
      ]),
    ),
    roles: new Set(roles.rows.map((r) => r.rolname)),
    roleSettings: new Map(
      roles.rows.map((r) => [
        r.rolname,
        (r.rolconfig ?? []).map((setting) => {
          const at = setting.indexOf('=');
          return [setting.slice(0, at), setting.slice(at + 1)] as [string, string];
        }),
      ]),
    ),
  };
}
