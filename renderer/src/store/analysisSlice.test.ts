import { describe, expect, it } from 'vitest';
import type { AnalysisRun, CommandName, RinksideBridge } from '../../../electron/contract/index.ts';
import { createAppStore } from './createAppStore.ts';

const VIDEO_ID = '7f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';

function run(id: string, status: AnalysisRun['status'], createdAt: string): AnalysisRun {
  return {
    id,
    videoId: VIDEO_ID,
    modelName: 'm',
    modelSha256: 's',
    options: { ep: 'auto', threads: 1, score: 0.3, nms: 0.45 },
    provider: null,
    providerAttempts: [],
    status,
    framesDone: 0,
    framesTotal: 100,
    error: null,
    createdAt,
    updatedAt: createdAt,
  };
}

/** A bridge answering from mutable tables, so a test can change what the engine says. */
function engine() {
  const state = {
    runs: [run('a', 'done', '2026-01-01')],
    tracks: [
      { trackId: 1, playerId: null },
      { trackId: 2, playerId: 'p' },
    ],
  };
  const calls: [string, unknown][] = [];
  const bridge = {
    invoke: async (command: CommandName, args: unknown) => {
      calls.push([command, args]);
      if (command === 'analysis.list') return state.runs;
      if (command === 'analysis.start') return { runId: 'b', jobId: 'job-b' };
      if (command === 'tracks.list') return state.tracks;
      throw { kind: 'internal', message: command };
    },
    on: () => () => undefined,
  } as unknown as RinksideBridge;
  return { state, calls, bridge };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('analysis and overlay slices', () => {
  it('shows the newest done or running run, and a started run at once with its job bar', async () => {
    const e = engine();
    const store = createAppStore(e.bridge);
    store.setState({ currentVideoId: VIDEO_ID });
    await store.getState().loadRuns();
    expect(store.getState().selectedRunId).toBe('a');

    e.state.runs = [run('b', 'running', '2026-01-02'), ...e.state.runs];
    expect(await store.getState().startAnalysis({ ep: 'cpu' })).toBe(true);
    expect(e.calls).toContainEqual(['analysis.start', { videoId: VIDEO_ID, options: { ep: 'cpu' } }]);
    expect(store.getState().selectedRunId).toBe('b');
    expect(store.getState().jobs['job-b']).toMatchObject({ kind: 'analysis', subjectId: 'b' });
  });

  it('keeps a run the analyst picked while the list reloads', async () => {
    const e = engine();
    e.state.runs = [run('new', 'done', '2026-01-02'), run('old', 'done', '2026-01-01')];
    const store = createAppStore(e.bridge);
    store.setState({ currentVideoId: VIDEO_ID });
    await store.getState().loadRuns();
    store.getState().selectRun('old');
    await store.getState().loadRuns();
    expect(store.getState().selectedRunId).toBe('old');
  });

  it('loads track links with the runs and counts a change of track ids as an edit', async () => {
    const e = engine();
    const store = createAppStore(e.bridge);
    store.setState({ currentVideoId: VIDEO_ID });
    await store.getState().loadRuns();
    await flush();
    expect(store.getState().trackPlayers).toEqual({ 1: null, 2: 'p' });
    expect(store.getState().trackEdits).toBe(0);
    e.state.tracks = [{ trackId: 1, playerId: 'q' }, ...e.state.tracks.slice(1)];
    await store.getState().loadRuns();
    await flush();
    expect(store.getState().trackEdits).toBe(0); // a link is not an id change
    e.state.tracks = [{ trackId: 1, playerId: 'q' }]; // track 2 merged into 1
    await store.getState().loadRuns();
    await flush();
    expect(store.getState().trackEdits).toBe(1);
  });

  it('toggles classes, labels and the selected track', () => {
    const store = createAppStore(engine().bridge);
    store.getState().toggleClass('person');
    expect(store.getState().hiddenClasses).toEqual(['person']);
    store.getState().toggleClass('person');
    expect(store.getState().hiddenClasses).toEqual([]);
    store.getState().toggleLabels();
    expect(store.getState().showLabels).toBe(false);
    store.getState().selectTrack({ runId: 'a', trackId: 3 });
    expect(store.getState().selectedTrack).toEqual({ runId: 'a', trackId: 3 });
  });
});
