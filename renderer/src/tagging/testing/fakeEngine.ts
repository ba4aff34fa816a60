import type {
  Code,
  CommandName,
  EventName,
  Events,
  GameEvent,
  Player,
  RinksideBridge,
  Team,
  Video,
} from '../../../../electron/contract/index.ts';

/**
 * An in-memory stand-in for the engine's tagging commands, for the store slices' unit tests
 * (the real engine is exercised by tests/e2e/tagging.spec.ts). Soft deletes like the store.
 */
export function fakeTaggingEngine() {
  let seq = 0;
  const id = (prefix: string) => `${prefix}-${++seq}`;
  const codes = new Map<string, Code>();
  const events = new Map<string, GameEvent>();
  const teams = new Map<string, Team>();
  const players = new Map<string, Player>();
  const links = new Map<string, string | null>();
  const edits: string[] = [];
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const sync = { updatedAt: '2026-01-01T00:00:00Z', deviceId: 'd', deleted: false };

  const handlers: Partial<Record<CommandName, (args: never) => unknown>> = {
    'codes.list': () => [...codes.values()].filter((c) => !c.deleted).sort((a, b) => a.sortOrder - b.sortOrder),
    'codes.save': ({ id: codeId, code }: { id?: string; code: Omit<Code, keyof typeof sync | 'id'> }) => {
      if (codeId && (codes.get(codeId)?.deleted ?? true)) throw { kind: 'not-found', message: 'no code' };
      const saved = { ...sync, ...code, id: codeId ?? id('code') };
      codes.set(saved.id, saved);
      return saved;
    },
    'codes.delete': ({ id: codeId }: { id: string }) => {
      const code = codes.get(codeId);
      if (!code || code.deleted) throw { kind: 'not-found', message: 'no code' };
      codes.set(codeId, { ...code, deleted: true });
    },
    'events.list': ({ gameId }: { gameId: string }) =>
      [...events.values()].filter((e) => e.gameId === gameId && !e.deleted),
    'events.create': (input: Omit<GameEvent, 'id' | 'codeName' | 'createdAt' | keyof typeof sync>) => {
      const event: GameEvent = {
        ...sync,
        ...input,
        id: id('event'),
        codeName: codes.get(input.codeId)?.name ?? '?',
        createdAt: `t${seq}`,
      };
      events.set(event.id, event);
      return event;
    },
    'events.update': ({ id: eventId, patch }: { id: string; patch: Partial<GameEvent> }) => {
      const event = events.get(eventId);
      if (!event || event.deleted) throw { kind: 'not-found', message: 'no event' };
      const next = { ...event, ...patch, updatedAt: `u${++seq}` };
      events.set(eventId, next);
      return next;
    },
    'events.delete': ({ id: eventId }: { id: string }) => {
      const event = events.get(eventId);
      if (!event || event.deleted) throw { kind: 'not-found', message: 'no event' };
      events.set(eventId, { ...event, deleted: true });
    },
    'events.restore': ({ id: eventId }: { id: string }) => {
      const event = events.get(eventId);
      if (!event) throw { kind: 'not-found', message: 'no event' };
      const next = { ...event, deleted: false };
      events.set(eventId, next);
      return next;
    },
    'roster.get': () => ({ teams: [...teams.values()], players: [...players.values()].filter((p) => !p.deleted) }),
    'roster.saveTeam': ({ id: teamId, team }: { id?: string; team: Omit<Team, 'id' | keyof typeof sync> }) => {
      const existing = [...teams.values()].find((t) => t.side === team.side);
      const saved = { ...sync, ...team, id: teamId ?? existing?.id ?? id('team') };
      teams.set(saved.id, saved);
      return saved;
    },
    'roster.savePlayer': ({
      id: playerId,
      player,
    }: {
      id?: string;
      player: Omit<Player, 'id' | keyof typeof sync>;
    }) => {
      if (playerId && (players.get(playerId)?.deleted ?? true)) throw { kind: 'not-found', message: 'no player' };
      const saved = { ...sync, ...player, id: playerId ?? id('player') };
      players.set(saved.id, saved);
      return saved;
    },
    'roster.deletePlayer': ({ id: playerId }: { id: string }) => {
      const player = players.get(playerId);
      if (!player || player.deleted) throw { kind: 'not-found', message: 'no player' };
      players.set(playerId, { ...player, deleted: true });
    },
    'tracks.list': ({ runId }: { runId: string }) =>
      [1, 2, 3].map((trackId) => ({
        runId,
        trackId,
        playerId: links.get(`${runId}#${trackId}`) ?? null,
        firstFrame: 0,
        lastFrame: 9,
      })),
    'tracks.link': ({ runId, trackId, playerId }: { runId: string; trackId: number; playerId: string | null }) => {
      links.set(`${runId}#${trackId}`, playerId);
      return { runId, trackId, playerId };
    },
    'tracks.split': ({ runId, trackId, atFrame }: { runId: string; trackId: number; atFrame: number }) => {
      edits.push(`split ${runId}#${trackId}@${atFrame}`);
      return { newTrackId: 100 + edits.length };
    },
    'tracks.merge': ({
      runId,
      keepTrackId,
      mergeTrackId,
    }: {
      runId: string;
      keepTrackId: number;
      mergeTrackId: number;
    }) => {
      edits.push(`merge ${runId}#${mergeTrackId}→${keepTrackId}`);
    },
    'analysis.list': () => [],
  };

  const bridge: RinksideBridge = {
    invoke: (async (command: CommandName, args: unknown) => {
      calls.push([command, args]);
      const handler = handlers[command] as ((args: unknown) => unknown) | undefined;
      if (!handler) throw { kind: 'internal', message: `no fake for ${command}` };
      return handler(args);
    }) as RinksideBridge['invoke'],
    on: ((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return () => undefined;
    }) as RinksideBridge['on'],
  };
  const fire = <E extends EventName>(event: E, payload: Events[E]) => listeners.get(event)?.forEach((l) => l(payload));
  return { bridge, calls, fire, codes, events, players, links, edits };
}

/** A 25 fps, 250-frame video whose first frame is at 0.04 s. */
export function fakeVideo(gameId: string): Video {
  return {
    id: 'video-1',
    gameId,
    fileName: 'people-10s.mp4',
    probe: { fps: 25, firstFrameTimeS: 0.04, frameCount: 250, durationS: 10 },
    proxyPath: null,
  } as unknown as Video;
}
