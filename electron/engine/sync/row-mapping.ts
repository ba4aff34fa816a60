import { localTime } from './timestamps.ts';
import type { SyncedTable } from './tables.ts';

export type LocalRow = Record<string, unknown>;
export type ServerRow = Record<string, unknown>;

function parseJson(value: unknown, where: string): unknown {
  if (value === null || value === undefined) return null;
  try {
    return JSON.parse(String(value));
  } catch {
    throw new Error(`${where} holds text that is not JSON`);
  }
}

/** A local row as the server stores it (server column names, booleans, jsonb values). */
export function toServerRow(table: SyncedTable, row: LocalRow): ServerRow {
  const out: ServerRow = {};
  for (const c of table.columns) {
    const value = row[c.local];
    switch (c.kind) {
      case 'bool':
        out[c.server] = value === 1 || value === true;
        break;
      case 'json':
        out[c.server] = parseJson(value, `${table.local}.${c.local}`);
        break;
      default:
        out[c.server] = value ?? null;
    }
  }
  return out;
}

/**
 * A server row as the laptop stores it. Columns the server adds (team_id where the laptop has
 * none, server_seq) are dropped; timestamps come back in the laptop's form.
 */
export function toLocalRow(table: SyncedTable, row: ServerRow): LocalRow {
  const out: LocalRow = {};
  for (const c of table.columns) {
    const value = row[c.server];
    switch (c.kind) {
      case 'bool':
        out[c.local] = value === true ? 1 : 0;
        break;
      case 'json':
        out[c.local] = value === null || value === undefined ? null : JSON.stringify(value);
        break;
      case 'time':
        out[c.local] = typeof value === 'string' ? localTime(value) : value;
        break;
      default:
        out[c.local] = value ?? null;
    }
  }
  return out;
}
