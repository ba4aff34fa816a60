import type { Database } from './db.ts';

/** Records a change for the future sync; call inside the same transaction as the change. */
export function recordChange(
  db: Database,
  tableName: string,
  rowId: string,
  op: 'upsert' | 'delete',
  now: string,
): void {
  db.prepare('INSERT INTO outbox (table_name, row_id, op, created_at) VALUES (?, ?, ?, ?)').run(
    tableName,
    rowId,
    op,
    now,
  );
}

export function pendingChanges(db: Database): { table: string; rowId: string; op: string }[] {
  const rows = db.prepare('SELECT table_name, row_id, op FROM outbox ORDER BY seq').all() as {
    table_name: string;
    row_id: string;
    op: string;
  }[];
  return rows.map((row) => ({ table: row.table_name, rowId: row.row_id, op: row.op }));
}
