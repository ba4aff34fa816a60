import { randomUUID } from 'node:crypto';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import type { LocalApi } from '../api/server.ts';

export const PASSWORD = 'correct horse battery';

/** A client that keeps its session in memory only: the "other analyst" of a test, not the app. */
export function plainClient(api: LocalApi): SupabaseClient {
  return createClient(api.url, api.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** Signs a new account up (the stand-in confirms at once) and returns it signed in. */
export async function newAnalyst(api: LocalApi, label: string): Promise<{ email: string; client: SupabaseClient }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
  const client = plainClient(api);
  const { error } = await client.auth.signUp({ email, password: PASSWORD });
  if (error) throw error;
  return { email, client };
}

/** A team made by its owner through create_team (nobody can make one any other way). */
export async function newTeam(owner: SupabaseClient, name: string): Promise<string> {
  const { data, error } = await owner.rpc('create_team', { name });
  if (error) throw new Error(error.message);
  return (data as { id: string }).id;
}

export async function addToTeam(owner: SupabaseClient, teamId: string, email: string): Promise<void> {
  const { error } = await owner.rpc('add_team_member', { team_id: teamId, email, member_role: 'member' });
  if (error) throw new Error(error.message);
}
