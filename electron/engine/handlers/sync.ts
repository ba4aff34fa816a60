import type { HandlerGroup } from '../context.ts';
import type { TeamSync } from '../sync/team-sync.ts';

/** Team sync: the project, sign-in, teams, sharing a game, status and Retry (docs/sync.md). */
export function syncHandlers(sync: TeamSync) {
  return {
    'sync.status': () => sync.status(),
    'sync.configure': (args) => sync.configure(args),
    'sync.signIn': (args) => sync.signIn(args.email, args.password),
    'sync.signOut': () => sync.signOut(),
    'sync.teams': () => sync.teams(),
    'sync.shareGame': (args) => sync.shareGame(args.gameId, args.teamId),
    'sync.retry': () => sync.retry(),
  } satisfies HandlerGroup;
}
