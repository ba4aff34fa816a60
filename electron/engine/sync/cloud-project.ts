import { CloudProjectInput, type CloudProjectSource } from '../../contract/sync.ts';
import type { Database } from '../store/db.ts';
import { getSetting, setSetting } from '../store/settings.ts';

/** The team's Supabase project. The anon key is public by design (RLS guards the data), so it may sit in settings. */
export interface CloudProject {
  url: string;
  anonKey: string;
  source: CloudProjectSource;
}

/** Environment names for a project set outside the app (CI, the e2e tests, a managed install). */
export const PROJECT_URL_ENV = 'RINKSIDE_SUPABASE_URL';
export const PROJECT_KEY_ENV = 'RINKSIDE_SUPABASE_ANON_KEY';

const URL_KEY = 'cloud.project_url';
const KEY_KEY = 'cloud.anon_key';

/** What the Cloud panel saved wins over the environment; neither: no project (sync off). */
export function readCloudProject(db: Database, env: NodeJS.ProcessEnv = process.env): CloudProject | null {
  const url = getSetting(db, URL_KEY);
  const anonKey = getSetting(db, KEY_KEY);
  if (url && anonKey) return { url, anonKey, source: 'settings' };
  const fromEnv = CloudProjectInput.safeParse({ url: env[PROJECT_URL_ENV], anonKey: env[PROJECT_KEY_ENV] });
  return fromEnv.success ? { ...fromEnv.data, source: 'env' } : null;
}

export function saveCloudProject(db: Database, project: { url: string; anonKey: string }): void {
  setSetting(db, URL_KEY, project.url);
  setSetting(db, KEY_KEY, project.anonKey);
}
