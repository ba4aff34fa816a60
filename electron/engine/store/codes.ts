import { randomUUID } from 'node:crypto';
import { AppFailure } from '../../contract/errors.ts';
import type { Code, CodeInput } from '../../contract/tagging.ts';
import { transaction } from './db.ts';
import type { StoreContext } from './games.ts';
import { recordChange } from './outbox.ts';

interface CodeRow {
  id: string;
  name: string;
  hotkey: string | null;
  colour: string;
  lead_s: number;
  lag_s: number;
  mode: 'instant' | 'span';
  sort_order: number;
  updated_at: string;
  device_id: string;
  deleted: number;
}

function toCode(row: CodeRow): Code {
  return {
    id: row.id,
    name: row.name,
    hotkey: row.hotkey,
    colour: row.colour,
    leadS: row.lead_s,
    lagS: row.lag_s,
    mode: row.mode,
    sortOrder: row.sort_order,
    updatedAt: row.updated_at,
    deviceId: row.device_id,
    deleted: row.deleted === 1,
  };
}

/** The code window's buttons in the analyst's order. */
export function listCodes(store: StoreContext): Code[] {
  const rows = store.db
    .prepare('SELECT * FROM codes WHERE deleted = 0 ORDER BY sort_order, name COLLATE NOCASE, id')
    .all() as unknown as CodeRow[];
  return rows.map(toCode);
}

export function getCode(store: StoreContext, id: string): Code {
  const row = store.db.prepare('SELECT * FROM codes WHERE id = ? AND deleted = 0').get(id) as CodeRow | undefined;
  if (!row) throw new AppFailure('not-found', 'That code is no longer in the code window.');
  return toCode(row);
}

/** One key must make one kind of event, so a hotkey already on another live code is refused. */
function checkHotkeyFree(store: StoreContext, hotkey: string | null, ownId: string | null): void {
  if (hotkey === null) return;
  const clash = store.db
    .prepare('SELECT name FROM codes WHERE hotkey = ? AND deleted = 0 AND id IS NOT ?')
    .get(hotkey, ownId) as { name: string } | undefined;
  if (clash) throw new AppFailure('conflict', `The key ${hotkey} already tags "${clash.name}".`);
}

/** Creates a code (id undefined) or replaces an existing live one; an unknown id is not-found. */
export function saveCode(store: StoreContext, id: string | undefined, input: CodeInput): Code {
  if (id !== undefined) getCode(store, id);
  checkHotkeyFree(store, input.hotkey, id ?? null);
  const codeId = id ?? randomUUID();
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare(
        `INSERT INTO codes (id, name, hotkey, colour, lead_s, lag_s, mode, sort_order, updated_at, device_id, deleted)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
         ON CONFLICT(id) DO UPDATE SET name = excluded.name, hotkey = excluded.hotkey, colour = excluded.colour,
           lead_s = excluded.lead_s, lag_s = excluded.lag_s, mode = excluded.mode, sort_order = excluded.sort_order,
           updated_at = excluded.updated_at, device_id = excluded.device_id`,
      )
      .run(
        codeId,
        input.name,
        input.hotkey,
        input.colour,
        input.leadS,
        input.lagS,
        input.mode,
        input.sortOrder,
        now,
        store.deviceId,
      );
    recordChange(store.db, 'codes', codeId, 'upsert', now);
  });
  return getCode(store, codeId);
}

/** Soft delete: events made with the code keep its id and their copied code_name. */
export function deleteCode(store: StoreContext, id: string): void {
  getCode(store, id);
  const now = store.now();
  transaction(store.db, () => {
    store.db
      .prepare('UPDATE codes SET deleted = 1, updated_at = ?, device_id = ? WHERE id = ?')
      .run(now, store.deviceId, id);
    recordChange(store.db, 'codes', id, 'delete', now);
  });
}
