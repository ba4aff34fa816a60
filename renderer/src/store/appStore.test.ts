import { describe, expect, it } from 'vitest';
import type { CommandName, EventName, Events, Game, RinksideBridge, Video } from '../../../electron/contract/index.ts';
import { connectEvents, createAppStore } from './createAppStore.ts';

const GAME: Game = {
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  title: 'Final',
  date: '2026-03-01',
  home: 'Lions',
  away: 'Bears',
  createdAt: '2026-03-01T10:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
  teamId: null,
  fromTeammate: false,
  deviceId: 'd',
  deleted: false,
};
const VIDEO = {
  id: '7f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  gameId: GAME.id,
  fileName: 'cam.ts',
  probe: { container: 'mpegts' },
  proxyPath: null,
} as unknown as Video;

/** A scripted bridge: answers by command name and lets the test fire events. */
function fakeBridge(answers: Partial<Record<CommandName, (args: unknown) => unknown>>) {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const bridge: RinksideBridge = {
    invoke: (async (command: CommandName, args: unknown) => {
      calls.push([command, args]);
      const answer = answers[command];
      if (!answer) throw { kind: 'internal', message: `no answer for ${command}` };
      return answer(args);
    }) as RinksideBridge['invoke'],
    on: ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    }) as RinksideBridge['on'],
  };
  const fire = <E extends EventName>(event: E, payload: Events[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, calls, fire };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app store', () => {
  it('creates a game, selects it and loads its videos', async () => {
    const { bridge, calls } = fakeBridge({ 'games.create': () => GAME, 'videos.list': () => [VIDEO] });
    const store = createAppStore(bridge);
    const ok = await store.getState().createGame({ title: 'Final', date: '2026-03-01', home: 'Lions', away: 'Bears' });
    expect(ok).toBe(true);
    expect(store.getState().selectedGameId).toBe(GAME.id);
    expect(store.getState().videos).toEqual([VIDEO]);
    expect(calls.map(([c]) => c)).toEqual(['games.create', 'videos.list']);
  });

  it('shows a failed import in analyst wording, and never shows cancellation', async () => {
    const { bridge, fire } = fakeBridge({ 'videos.import': () => ({ jobId: 'j1' }), 'videos.list': () => [] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: GAME.id });
    await store.getState().importVideos(['/media/notes.txt']);
    expect(store.getState().jobs['j1']?.stage).toBe('starting');

    fire('job.progress', {
      jobId: 'j1',
      kind: 'import',
      stage: 'hashing',
      done: 5,
      total: 10,
      rate: 1,
      etaS: 5,
      subjectId: GAME.id,
    });
    expect(store.getState().jobs['j1']?.done).toBe(5);

    fire('job.finished', {
      jobId: 'j1',
      kind: 'import',
      subjectId: GAME.id,
      outcome: 'failed',
      error: { kind: 'not-video', message: 'Invalid data' },
    });
    expect(store.getState().jobs['j1']).toBeUndefined();
    expect(store.getState().error?.title).toBe('Import notes.txt: This file is not a video Rinkside can read');

    store.getState().dismissError();
    fire('job.finished', { jobId: 'j2', kind: 'import', subjectId: GAME.id, outcome: 'cancelled' });
    expect(store.getState().error).toBeNull();
  });

  it('ignores progress that arrives after the job finished', () => {
    const { bridge, fire } = fakeBridge({ 'videos.list': () => [] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    fire('job.finished', { jobId: 'j3', kind: 'import', subjectId: null, outcome: 'done', result: null });
    fire('job.progress', {
      jobId: 'j3',
      kind: 'import',
      stage: 'probing',
      done: 1,
      total: 1,
      rate: 0,
      etaS: 0,
      subjectId: null,
    });
    expect(store.getState().jobs).toEqual({});
  });

  it('remuxes an MPEG-TS file, then reloads and re-checks with the proxy', async () => {
    const withProxy = { ...VIDEO, proxyPath: '/cache/cam.mp4' };
    let listed: Video[] = [VIDEO];
    const { bridge, calls, fire } = fakeBridge({
      'videos.makePlayable': () => ({ jobId: 'fix1' }),
      'videos.list': () => listed,
      'media.url': (args) => ({ url: `http://127.0.0.1:1/media/${(args as { variant: string }).variant}` }),
    });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: GAME.id, videos: [VIDEO] });
    store.getState().openVideo(VIDEO.id);
    store.getState().setPlayability('unplayable', 'no decoder');
    await store.getState().makePlayable();
    expect(calls).toContainEqual(['videos.makePlayable', { id: VIDEO.id, fix: 'remux' }]);
    expect(store.getState().fixJobId).toBe('fix1');

    listed = [withProxy];
    fire('job.finished', { jobId: 'fix1', kind: 'proxy', subjectId: VIDEO.id, outcome: 'done', result: null });
    await flush();
    expect(store.getState().fixJobId).toBeNull();
    expect(store.getState().videos[0]?.proxyPath).toBe('/cache/cam.mp4');
    // The player then opens the playable copy, which is judged afresh.
    await store.getState().loadMedia(VIDEO.id, 'proxy');
    expect(store.getState().playability).toBe('unknown');
    expect(store.getState().mediaSrc).toBe('http://127.0.0.1:1/media/proxy');
  });

  it('keeps the fix offer after a cancelled fix, without an error', async () => {
    const { bridge, fire } = fakeBridge({ 'videos.makePlayable': () => ({ jobId: 'fix2' }) });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: GAME.id, videos: [VIDEO] });
    store.getState().openVideo(VIDEO.id);
    store.getState().setPlayability('unplayable');
    await store.getState().makePlayable();
    fire('job.finished', { jobId: 'fix2', kind: 'proxy', subjectId: VIDEO.id, outcome: 'cancelled' });
    expect(store.getState().fixJobId).toBeNull();
    expect(store.getState().playability).toBe('unplayable');
    expect(store.getState().error).toBeNull();
  });

  it('drops bars of jobs that ended while the connection was down', async () => {
    const running = {
      jobId: 'live',
      kind: 'import' as const,
      stage: 'hashing',
      done: 1,
      total: 2,
      rate: 1,
      etaS: 1,
      subjectId: null,
    };
    const { bridge, fire } = fakeBridge({ 'games.list': () => [], 'jobs.list': () => [running] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ jobs: { gone: { ...running, jobId: 'gone' } }, fixJobId: 'gone' });
    fire('library.changed', { gameId: null });
    await flush();
    expect(Object.keys(store.getState().jobs)).toEqual(['live']);
    expect(store.getState().fixJobId).toBeNull();
  });

  it('refetches on library.changed for the shown game', async () => {
    const { bridge, calls, fire } = fakeBridge({ 'games.list': () => [GAME], 'videos.list': () => [] });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: GAME.id });
    fire('library.changed', { gameId: GAME.id });
    await flush();
    expect(calls.map(([c]) => c).sort()).toEqual(['games.list', 'videos.list']);
  });
});
