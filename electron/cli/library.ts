import { mkdtempSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Video } from '../contract/domain.ts';
import type { Logger } from '../engine/log.ts';
import { sha256File } from '../engine/media/hash.ts';
import { probeVideo } from '../engine/media/probe.ts';
import type { ResolvedMediaTools } from '../engine/media/tools.ts';
import { checkSqliteAvailable, openDatabase } from '../engine/store/db.ts';
import { createGame, listGames, type StoreContext } from '../engine/store/games.ts';
import { deviceId } from '../engine/store/settings.ts';
import { addVideo, listVideos } from '../engine/store/videos.ts';

const CLI_GAME = 'Command line';

/** The library the CLI writes into: --db FILE, or a throwaway one in the temp folder. */
export function openCliStore(dbPath: string | undefined): { store: StoreContext; path: string } {
  // Before the throwaway folder is made: a runtime without node:sqlite is told so, clearly.
  checkSqliteAvailable();
  const path = dbPath ? resolve(dbPath) : join(mkdtempSync(join(tmpdir(), 'rinkside-cli-')), 'library.sqlite');
  const db = openDatabase(path);
  return { store: { db, deviceId: deviceId(db), now: () => new Date().toISOString() }, path };
}

/** The video's row in the library (probed and hashed on first use), under a "Command line" game. */
export async function ensureVideo(
  store: StoreContext,
  tools: ResolvedMediaTools,
  file: string,
  log: Logger,
): Promise<Video> {
  const path = resolve(file);
  const probe = await probeVideo(tools, path, { log });
  const sha256 = await sha256File(path);
  const game =
    listGames(store).find((g) => g.title === CLI_GAME) ??
    createGame(store, { title: CLI_GAME, date: new Date().toISOString().slice(0, 10), home: 'Home', away: 'Away' });
  const existing = listVideos(store, game.id).find((v) => v.path === path && v.sha256 === sha256);
  if (existing) return existing;
  const { size } = await stat(path);
  return addVideo(store, { gameId: game.id, path, sizeBytes: size, sha256, probe });
}
