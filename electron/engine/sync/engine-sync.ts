import type { EventName, Events } from '../../contract/events.ts';
import type { Logger } from '../log.ts';
import type { EngineConfig, ShellCalls } from '../process/protocol.ts';
import type { StoreContext } from '../store/games.ts';
import { readCloudProject, saveCloudProject } from './cloud-project.ts';
import { rowSyncPort } from './row-sync-port.ts';
import { sessionStorageFor } from './session-store-choice.ts';
import { createCloudSession } from './session.ts';
import { createTeamSync, type TeamSync } from './team-sync.ts';
import { createSyncTransport } from './transport.ts';

/**
 * How often to look for teammates' changes, in seconds, when set (development, the e2e tests);
 * the scheduler's default otherwise.
 */
export const POLL_ENV = 'RINKSIDE_SYNC_POLL_S';

function pollFromEnv(log: Logger): { pollMs: number } | null {
  const raw = process.env[POLL_ENV];
  if (raw === undefined || raw === '') return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 1 && seconds <= 3600) return { pollMs: seconds * 1000 };
  log.warn(`${POLL_ENV} must be 1–3600 seconds; using the default`, { value: raw });
  return null;
}

/** The engine's team sync: the project from settings or env, the kept session, the row sync, the scheduler. */
export function createEngineTeamSync(deps: {
  config: EngineConfig;
  store: StoreContext;
  log: Logger;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  shell?: ShellCalls;
  afterSync?: () => void;
}): TeamSync {
  const { store, log } = deps;
  const poll = pollFromEnv(log);
  const transport = createSyncTransport();
  const session = createCloudSession({
    project: readCloudProject(store.db),
    storage: sessionStorageFor(deps.config, deps.shell),
    log: log.child('session'),
    fetch: transport.fetch,
  });
  return createTeamSync({
    session,
    rows: rowSyncPort(store, transport),
    log: log.child('sync'),
    emit: deps.emit,
    ...(poll ? { timings: poll } : {}),
    ...(deps.afterSync ? { afterSync: deps.afterSync } : {}),
    saveProject(project) {
      saveCloudProject(store.db, project);
      return readCloudProject(store.db) ?? { ...project, source: 'settings' };
    },
  });
}
