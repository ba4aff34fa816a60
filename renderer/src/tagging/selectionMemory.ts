import type { AppState } from '../store/types.ts';

/** The few Storage methods used, so tests can pass a Map-backed fake. */
export type SelectionStorage = Pick<Storage, 'getItem' | 'setItem'>;

interface Remembered {
  gameId: string | null;
  videoId: string | null;
}

const KEY = 'rinkside.selection';

function read(storage: SelectionStorage): Remembered {
  try {
    const parsed = JSON.parse(storage.getItem(KEY) ?? 'null') as Partial<Remembered> | null;
    return {
      gameId: typeof parsed?.gameId === 'string' ? parsed.gameId : null,
      videoId: typeof parsed?.videoId === 'string' ? parsed.videoId : null,
    };
  } catch {
    return { gameId: null, videoId: null };
  }
}

interface StoreLike {
  getState: () => AppState;
  subscribe: (listener: (state: AppState, prev: AppState) => void) => () => void;
}

/**
 * Remembers the selected game and open video so a reload (or the next launch) lands where the
 * analyst was; everything else is already in the engine's store. Restoring waits for the games,
 * then the videos, and gives up quietly when the game or video is gone or the analyst picks
 * something else first.
 */
export function rememberSelection(store: StoreLike, storage: SelectionStorage): () => void {
  const saved = read(storage);
  let restoring = saved.gameId !== null;

  const restoreStep = (state: AppState, prev: AppState) => {
    if (state.selectedGameId === null) {
      if (state.games === prev.games || state.games.length === 0) return;
      if (state.games.some((g) => g.id === saved.gameId)) void state.selectGame(saved.gameId ?? '');
      else restoring = false;
      return;
    }
    if (state.selectedGameId !== saved.gameId || saved.videoId === null || state.currentVideoId !== null) {
      restoring = false;
      return;
    }
    // selectGame clears the videos in the same update as it sets the game: wait for the list.
    if (state.videos === prev.videos || state.selectedGameId !== prev.selectedGameId) return;
    if (state.videos.some((v) => v.id === saved.videoId)) state.openVideo(saved.videoId);
    restoring = false;
  };

  return store.subscribe((state, prev) => {
    if (restoring) {
      restoreStep(state, prev);
      return;
    }
    if (state.selectedGameId === prev.selectedGameId && state.currentVideoId === prev.currentVideoId) return;
    try {
      storage.setItem(KEY, JSON.stringify({ gameId: state.selectedGameId, videoId: state.currentVideoId }));
    } catch {
      // Storage full or disabled: the analyst just picks the game again after a reload.
    }
  });
}

/** The page's localStorage, or null where there is none (unit tests under Node). */
export function pageStorage(): SelectionStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}
