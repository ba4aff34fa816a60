import { describe, expect, it } from 'vitest';
import type { CommandName, EventName, Events, RinksideBridge, Video } from '../../../electron/contract/index.ts';
import { connectEvents, createAppStore } from './createAppStore.ts';

const VIDEO = {
  id: '7f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  gameId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  fileName: 'cam1.mp4',
  path: '/videos/cam1.mp4',
  probe: { container: 'mov,mp4,m4a,3gp,3g2,mj2' },
  proxyPath: null,
} as unknown as Video;

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

describe('a video whose file changed on disk', () => {
  it('offers re-linking instead of an error banner, then re-links and reloads the videos', async () => {
    const moved = { ...VIDEO, path: '/backup/cam1.mp4' };
    let listed: Video[] = [VIDEO];
    const { bridge, calls, fire } = fakeBridge({
      'media.url': () => {
        throw { kind: 'media-changed', message: 'The video file changed on disk since it was imported — re-link it.' };
      },
      'videos.relink': () => ({ jobId: 'relink1' }),
      'videos.list': () => listed,
    });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: VIDEO.gameId, videos: [VIDEO] });
    store.getState().openVideo(VIDEO.id);
    await store.getState().loadMedia(VIDEO.id, 'original');
    expect(store.getState().mediaChanged).toBe(true);
    expect(store.getState().mediaSrc).toBeNull();
    expect(store.getState().error).toBeNull();

    await store.getState().relinkVideo('  /backup/cam1.mp4 ');
    expect(calls).toContainEqual(['videos.relink', { id: VIDEO.id, path: '/backup/cam1.mp4' }]);
    expect(store.getState().jobs['relink1']).toMatchObject({ kind: 'import', subjectId: VIDEO.id });
    listed = [moved];
    fire('job.finished', { jobId: 'relink1', kind: 'import', subjectId: VIDEO.id, outcome: 'done', result: moved });
    await flush();
    expect(store.getState().videos[0]?.path).toBe('/backup/cam1.mp4');
  });

  it('shows a refused re-link (another file) in the banner, and other media errors as before', async () => {
    const { bridge, fire } = fakeBridge({
      'media.url': () => {
        throw { kind: 'not-found', message: 'That video has no playable file in the library.' };
      },
      'videos.relink': () => ({ jobId: 'relink2' }),
      'videos.list': () => [VIDEO],
    });
    const store = createAppStore(bridge);
    connectEvents(store, bridge);
    store.setState({ selectedGameId: VIDEO.gameId, videos: [VIDEO] });
    store.getState().openVideo(VIDEO.id);
    await store.getState().loadMedia(VIDEO.id, 'original');
    expect(store.getState().mediaChanged).toBe(false);
    expect(store.getState().error?.message).toMatch(/no playable file/);

    await store.getState().relinkVideo('/elsewhere/other.mp4');
    fire('job.finished', {
      jobId: 'relink2',
      kind: 'import',
      subjectId: VIDEO.id,
      outcome: 'failed',
      error: {
        kind: 'conflict',
        message: '"/elsewhere/other.mp4" is not the video that was imported (its SHA-256 differs).',
      },
    });
    await flush();
    expect(store.getState().error).toMatchObject({
      title: expect.stringMatching(/^Re-link cam1\.mp4/),
      message: expect.stringMatching(/SHA-256 differs/),
    });
  });
});
