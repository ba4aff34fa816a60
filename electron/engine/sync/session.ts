import { createClient, type Session, type SupabaseClient } from '@supabase/supabase-js';
import { AppFailure } from '../../contract/errors.ts';
import type { CloudAccount, CloudTeam } from '../../contract/sync.ts';
import type { Logger } from '../log.ts';
import { cloudFailure } from './cloud-errors.ts';
import type { CloudProject } from './cloud-project.ts';
import type { SessionStorage } from './session-storage.ts';

/** The key supabase-js keeps the session under inside the storage (one project per library). */
const STORAGE_KEY = 'rinkside-team-cloud';
/** A request that hangs (a half-open connection, a stuck proxy) fails after this instead of forever. */
export const REQUEST_TIMEOUT_MS = 20_000;

export interface CloudSessionOptions {
  project: CloudProject | null;
  storage: SessionStorage;
  log: Logger;
  /**
   * The fetch every request goes through, with its own time limit (the row sync's transport);
   * unset: the global fetch limited to requestTimeoutMs.
   */
  fetch?: typeof fetch;
  requestTimeoutMs?: number;
}

/**
 * The analyst's sign-in to the team's Supabase project: one supabase-js client, its session kept
 * in the storage adapter and refreshed automatically. supabase-js refreshes single-flight (callers
 * that find the token expired share the one refresh in flight), which matters because refresh
 * tokens are single-use: two refreshes with the same token would have the server revoke the session.
 */
export interface CloudSession {
  project(): CloudProject | null;
  /** Points the session at a project; a different one than before signs the analyst out. */
  setProject(project: CloudProject | null): Promise<void>;
  account(): CloudAccount | null;
  /** Loads the session kept from the last launch (refreshing it if it expired). */
  restore(): Promise<void>;
  signIn(email: string, password: string): Promise<CloudAccount>;
  /** Ends the session on the server when it can, and always forgets it here. */
  signOut(): Promise<void>;
  /** The client for row sync; throws not-signed-in without a project and a session. */
  client(): SupabaseClient;
  teams(): Promise<CloudTeam[]>;
  /** Called with every change of account (sign-in, sign-out, a session the server ended). */
  onAccountChange(listener: (account: CloudAccount | null) => void): () => void;
  close(): Promise<void>;
}

function accountOf(session: Session | null): CloudAccount | null {
  return session ? { userId: session.user.id, email: session.user.email ?? '' } : null;
}

function timedFetch(base: typeof fetch, timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    return base(input, { ...init, signal });
  };
}

export function createCloudSession(options: CloudSessionOptions): CloudSession {
  const { storage, log } = options;
  const listeners = new Set<(account: CloudAccount | null) => void>();
  let project = options.project;
  let client: SupabaseClient | null = null;
  let unsubscribe: (() => void) | null = null;
  let current: CloudAccount | null = null;

  const setAccount = (next: CloudAccount | null) => {
    if (next?.userId === current?.userId && next?.email === current?.email) return;
    current = next;
    log.info(next ? 'signed in to the team cloud' : 'signed out of the team cloud', next ? { user: next.userId } : {});
    for (const listener of listeners) listener(next);
  };

  function makeClient(p: CloudProject): SupabaseClient {
    const made = createClient(p.url, p.anonKey, {
      auth: {
        storage,
        storageKey: STORAGE_KEY,
        persistSession: true,
        autoRefreshToken: true,
        detectSessionInUrl: false,
      },
      global: { fetch: options.fetch ?? timedFetch(fetch, options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS) },
    });
    // The callback must not call back into auth (supabase-js holds its session lock meanwhile).
    const { data } = made.auth.onAuthStateChange((_event, session) => setAccount(accountOf(session)));
    unsubscribe = () => data.subscription.unsubscribe();
    return made;
  }

  async function dropClient(): Promise<void> {
    unsubscribe?.();
    unsubscribe = null;
    if (client) await client.auth.stopAutoRefresh();
    client = null;
  }

  const need = (): SupabaseClient => {
    if (!project)
      throw new AppFailure('not-signed-in', 'No team cloud is set up: enter its project URL and key first.');
    client ??= makeClient(project);
    return client;
  };

  return {
    project: () => project,
    async setProject(next) {
      const same = next && project && next.url === project.url && next.anonKey === project.anonKey;
      if (same) {
        project = next;
        return;
      }
      // Tokens of one project mean nothing to another: forget them.
      if (client) await client.auth.signOut({ scope: 'local' }).catch(() => undefined);
      await dropClient();
      await storage.removeItem(STORAGE_KEY);
      setAccount(null);
      project = next;
    },
    account: () => current,
    async restore() {
      if (!project) return;
      const { data, error } = await need().auth.getSession();
      if (error) log.warn('the kept team-cloud session could not be restored', { error: error.message });
      setAccount(accountOf(data.session));
    },
    async signIn(email, password) {
      const auth = need().auth;
      const { data, error } = await auth.signInWithPassword({ email, password });
      if (error || !data.session) throw cloudFailure(error ?? new Error('no session'), 'Signing in');
      const account = accountOf(data.session);
      setAccount(account);
      return account as CloudAccount;
    },
    async signOut() {
      if (client) {
        // The server revokes the refresh token when it can be reached; the local copy goes either way.
        const { error } = await client.auth.signOut({ scope: 'local' });
        if (error) log.warn('sign-out could not reach the team cloud; the session is forgotten here', {});
      }
      // A client whose sign-out failed on the network may still hold the session in memory.
      await dropClient();
      await storage.removeItem(STORAGE_KEY);
      setAccount(null);
    },
    client() {
      const made = need();
      if (!current) throw new AppFailure('not-signed-in', 'Sign in to the team cloud first.');
      return made;
    },
    async teams() {
      const made = this.client();
      const userId = current?.userId ?? '';
      const [teams, members] = await Promise.all([
        made.from('teams').select('id,name').order('name'),
        made.from('team_members').select('team_id,role').eq('user_id', userId),
      ]);
      if (teams.error) throw cloudFailure(teams.error, 'Loading your teams');
      if (members.error) throw cloudFailure(members.error, 'Loading your teams');
      const roles = new Map((members.data as { team_id: string; role: string }[]).map((m) => [m.team_id, m.role]));
      return (teams.data as { id: string; name: string }[])
        .filter((team) => roles.has(team.id))
        .map((team) => ({ id: team.id, name: team.name, role: roles.get(team.id) ?? 'member' }));
    },
    onAccountChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      await dropClient();
    },
  };
}
