import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { AppFailure } from '../contract/errors.ts';
import type { Video } from '../contract/domain.ts';
import type { Logger } from '../engine/log.ts';
import { realFilePath } from '../engine/import/import-video.ts';
import { identityOf } from '../engine/media/file-identity.ts';
import { sha256File } from '../engine/media/hash.ts';
import { probeVideo } from '../engine/media/probe.ts';
import { refuseNonRegularFile } from '../engine/media/regular-file.ts';
import type { ResolvedMediaTools } from '../engine/media/tools.ts';
import { checkSqliteAvailable } from '../engine/store/db.ts';
import { createGame, listGames, type StoreContext } from '../engine/store/games.ts';
import { checkLibraryFile } from '../engine/store/library-file.ts';
import { openOwnedLibrary } from '../engine/store/owned-library.ts';
import { addVideo, listVideos } from '../engine/store/videos.ts';

const CLI_GAME = 'Command line';

export interface CliLibrary {
  store: StoreContext;
  path: string;
  /** A throwaway library in the temp folder (no --db): removed when the CLI exits. */
  temporary: boolean;
  close(): void;
}

/**
 * The library the CLI writes into: --db FILE (a Rinkside library, or a new one made there), or a
 * throwaway one in the temp folder. Either way the CLI holds its lock while it runs.
 */
export function openCliLibrary(dbPath: string | undefined): CliLibrary {
  // Before any file or throwaway folder is made: a runtime without node:sqlite is told so, clearly.
  checkSqliteAvailable();
  if (dbPath !== undefined) {
    const path = resolve(dbPath);
    if (checkLibraryFile(path) === 'absent') {
      const folder = dirname(path);
      let isFolder = false;
      try {
        isFolder = statSync(folder).isDirectory();
      } catch {
        isFolder = false;
      }
      if (!isFolder) throw new AppFailure('not-found', `The folder for the library "${path}" does not exist.`);
    }
    const library = openOwnedLibrary(path);
    return { store: library.store, path, temporary: false, close: () => library.close() };
  }
  const folder = mkdtempSync(join(tmpdir(), 'rinkside-cli-'));
  const remove = () => {
    process.off('exit', remove);
    try {
      library?.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  // process.exit() runs no finally blocks: every way out removes the folder (a kill -9 cannot).
  process.on('exit', remove);
  let library: ReturnType<typeof openOwnedLibrary> | undefined;
  try {
    library = openOwnedLibrary(join(folder, 'library.sqlite'));
  } catch (error) {
    remove();
    throw error;
  }
  return { store: library.store, path: library.dbPath, temporary: true, close: remove };
}

/** The video's row in the library (probed and hashed on first use), under a "Command line" game. */
export async function ensureVideo(
  store: StoreContext,
  tools: ResolvedMediaTools,
  file: string,
  log: Logger,
  signal: AbortSignal,
): Promise<Video> {
  const path = await realFilePath(resolve(file));
  await refuseNonRegularFile(path, 'video');
  const probe = await probeVideo(tools, path, { log, signal });
  const identity = identityOf(await stat(path, { bigint: true }));
  const sha256 = await sha256File(path, { signal });
  const game =
    listGames(store).find((g) => g.title === CLI_GAME) ??
    createGame(store, { title: CLI_GAME, date: new Date().toISOString().slice(0, 10), home: 'Home', away: 'Away' });
  const existing = listVideos(store, game.id).find((v) => v.path === path && v.sha256 === sha256);
  if (existing) return existing;
  return addVideo(store, { gameId: game.id, path, sizeBytes: identity.size, sha256, probe, identity });
}
