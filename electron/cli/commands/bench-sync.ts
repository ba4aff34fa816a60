/**
 * `rinkside bench sync [--events 10000]` — the row sync against the local cloud (started the way
 * the tests start it: real PostgreSQL 15 with the real migrations, the PostgREST and GoTrue
 * stand-ins; docs/cloud.md). Laptop A makes a shared game with N new events and pushes them;
 * laptop B, a teammate, then pulls them. Prints one JSON line: the push's upsert requests, rows
 * per request and rows/s, and the pull's requests and rows/s on the second laptop, each counted
 * at the HTTP layer (every request the sync's fetch made) as well as by the sync's own report.
 * Development only: it needs the local cloud's packages (scripts/cloud-setup.sh).
 */
import { parseArgs } from 'node:util';
import { createEvent } from '../../engine/store/events.ts';
import { defaultCodeId } from '../../engine/store/migrations/0003-tagging.ts';
import { shareGame } from '../../engine/store/sharing.ts';
import { startLocalApi } from '../../../tests/cloud/api/server.ts';
import { makeGame, makeTeamOf, openLaptop, ownerConnection } from '../../../tests/cloud/sync/sync-world.ts';
import { usage } from '../cli-error.ts';

interface Counted {
  fetch: typeof fetch;
  requests: { method: string; path: string }[];
}

function countingFetch(): Counted {
  const requests: Counted['requests'] = [];
  const counted = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), path: url.pathname });
    return fetch(input, init);
  };
  return { fetch: counted as typeof fetch, requests };
}

const PERIODS = ['1', '2', '3'] as const;

const perSecond = (rows: number, ms: number) => Math.round(rows / Math.max(ms / 1000, 1e-6));

export async function benchSyncCommand(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { events: { type: 'string', default: '10000' } } });
  const events = Number(values.events);
  if (!Number.isInteger(events) || events < 1 || events > 200_000) {
    throw usage(`--events must be a whole number 1–200000, not "${values.events}"`);
  }
  process.stderr.write('starting the local cloud…\n');
  const api = await startLocalApi();
  const owner = await ownerConnection();
  const counterA = countingFetch();
  const counterB = countingFetch();
  try {
    const { teamId, users } = await makeTeamOf(owner, 'bench', 2);
    const a = await openLaptop({ url: api.url, anonKey: api.anonKey, email: users[0]!.email, fetch: counterA.fetch });
    const b = await openLaptop({ url: api.url, anonKey: api.anonKey, email: users[1]!.email, fetch: counterB.fetch });
    try {
      process.stderr.write(`tagging ${events} events on laptop A…\n`);
      const { gameId, videoId } = makeGame(a.store, 'Bench game');
      for (let i = 0; i < events; i++) {
        createEvent(a.store, {
          gameId,
          videoId,
          codeId: defaultCodeId(i % 15),
          startS: i * 0.5,
          endS: i * 0.5 + 1,
          startFrame: i * 15,
          endFrame: i * 15 + 30,
          descriptors: { period: PERIODS[i % 3]! },
          note: '',
        });
      }
      shareGame(a.store, gameId, teamId);
      counterA.requests.length = 0;
      process.stderr.write('laptop A syncs (push)…\n');
      const pushed = await a.sync.syncOnce();
      if (pushed.error) throw new Error(`push failed: ${pushed.error.message}`);
      const upserts = counterA.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/rest/v1/'));
      counterB.requests.length = 0;
      process.stderr.write('laptop B syncs (pull)…\n');
      const pulled = await b.sync.syncOnce();
      if (pulled.error) throw new Error(`pull failed: ${pulled.error.message}`);
      const bEvents = (
        b.store.db.prepare('SELECT count(*) AS n FROM events WHERE game_id = ?').get(gameId) as {
          n: number;
        }
      ).n;
      if (bEvents !== events) throw new Error(`laptop B has ${bEvents} of the ${events} events`);
      const sizes = pushed.pushed.batches.map((x) => x.rows);
      const result = {
        events,
        push: {
          rows: pushed.pushed.rows,
          requests: upserts.length,
          requests_by_sync: pushed.pushed.requests,
          rows_per_request_max: Math.max(...sizes),
          rows_per_request_mean: Math.round(pushed.pushed.rows / Math.max(sizes.length, 1)),
          batches: pushed.pushed.batches,
          ms: Math.round(pushed.pushed.ms),
          rows_per_s: perSecond(pushed.pushed.rows, pushed.pushed.ms),
        },
        // Laptop A's own pull right after its push reads its rows back (the cursor must pass them).
        push_side_pull: {
          rows: pushed.pulled.rows,
          requests: pushed.pulled.requests,
          ms: Math.round(pushed.pulled.ms),
        },
        pull: {
          rows: pulled.pulled.rows,
          applied: pulled.pulled.applied,
          requests: counterB.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/rest/v1/')).length,
          requests_by_sync: pulled.pulled.requests,
          ms: Math.round(pulled.pulled.ms),
          rows_per_s: perSecond(pulled.pulled.rows, pulled.pulled.ms),
        },
        retries: { push: pushed.retries, pull: pulled.retries },
        session_refreshes: pushed.sessionRefreshes + pulled.sessionRefreshes,
        http_requests: { laptop_a: counterA.requests.length, laptop_b: counterB.requests.length },
      };
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return 0;
    } finally {
      a.close();
      b.close();
    }
  } finally {
    await owner.end();
    await api.stop();
  }
}
