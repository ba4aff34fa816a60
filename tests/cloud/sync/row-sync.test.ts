// The row sync against the local cloud: offline edits queue in the outbox and reach the team when
// the laptop syncs; a teammate's laptop pulls them; unshared games never leave.
import { describe, expect, it } from 'vitest';
import { defaultCodeId } from '../../../electron/engine/store/migrations/0003-tagging.ts';
import { createEvent, deleteEvent, listEvents, updateEvent } from '../../../electron/engine/store/events.ts';
import { getGame, listGames } from '../../../electron/engine/store/games.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { makeGame, makeTeamOf, type Laptop } from './sync-world.ts';
import { syncSuite } from './sync-suite.ts';

const suite = syncSuite();

const laptop = (email: string): Promise<Laptop> => suite.laptop(email);

const outboxCount = (l: Laptop) => (l.store.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

describe('row sync', () => {
  it('queues offline edits, pushes them when shared, and a teammate pulls them', async () => {
    const { teamId, users } = await makeTeamOf(suite.owner, 'rs', 2);
    const a = await laptop(users[0]!.email);
    const b = await laptop(users[1]!.email);
    const { gameId, videoId } = makeGame(a.store);
    const shot = createEvent(a.store, {
      gameId,
      videoId,
      codeId: defaultCodeId(0),
      startS: 1,
      endS: 2,
      startFrame: 30,
      endFrame: 60,
      descriptors: { period: '1' },
      note: '',
    });
    const goal = createEvent(a.store, {
      gameId,
      videoId,
      codeId: defaultCodeId(2),
      startS: 5,
      endS: 5,
      startFrame: 150,
      endFrame: 150,
      descriptors: {},
      note: 'top shelf',
    });
    updateEvent(a.store, shot.id, { note: 'wrist shot' });
    deleteEvent(a.store, goal.id);

    // Unshared: nothing leaves the laptop, the outbox keeps every change.
    const before = outboxCount(a);
    const unshared = await a.sync.syncOnce();
    expect(unshared.ok).toBe(true);
    expect(unshared.pushed.rows).toBe(0);
    expect(outboxCount(a)).toBe(before);
    expect(
      (await suite.owner.query('SELECT count(*)::int AS n FROM public.games WHERE id = $1', [gameId])).rows[0].n,
    ).toBe(0);

    shareGame(a.store, gameId, teamId);
    expect(a.sync.pendingByGame().get(gameId)).toBe(4); // game, video, two events (each once)
    const pushed = await a.sync.syncOnce();
    expect(pushed.error).toBeNull();
    expect(pushed.pushed.rows).toBe(4);
    expect(pushed.pushed.batches.map((b) => b.table)).toEqual(['games', 'videos', 'events']);
    expect(outboxCount(a)).toBe(0);
    const server = await suite.owner.query(
      'SELECT id, note, deleted, team_id FROM public.events WHERE game_id = $1 ORDER BY start_s',
      [gameId],
    );
    expect(server.rows).toEqual([
      { id: shot.id, note: 'wrist shot', deleted: false, team_id: teamId },
      { id: goal.id, note: 'top shelf', deleted: true, team_id: teamId },
    ]);
    expect(a.sync.gameStates().find((g) => g.gameId === gameId)).toMatchObject({ teamId, pending: 0 });
    expect(a.sync.gameStates().find((g) => g.gameId === gameId)!.lastSyncedAt).not.toBeNull();

    const pulled = await b.sync.syncOnce();
    expect(pulled.error).toBeNull();
    expect(pulled.pulled.applied).toBeGreaterThanOrEqual(4);
    const game = getGame(b.store, gameId);
    expect(game).toMatchObject({ teamId, fromTeammate: true, title: 'Lions vs Bears' });
    expect(listGames(b.store).map((g) => g.id)).toContain(gameId);
    expect(listEvents(b.store, gameId).map((e) => [e.id, e.note])).toEqual([[shot.id, 'wrist shot']]);
    // Pulled rows are not changes of b's: nothing to push back.
    expect(outboxCount(b)).toBe(0);
  });

  it('refuses to share a game again with another team', async () => {
    const { teamId, users } = await makeTeamOf(suite.owner, 'rt', 1);
    const a = await laptop(users[0]!.email);
    const { gameId } = makeGame(a.store);
    shareGame(a.store, gameId, teamId);
    expect(shareGame(a.store, gameId, teamId).teamId).toBe(teamId);
    expect(() => shareGame(a.store, gameId, '00000000-0000-4000-8000-000000000001')).toThrow(/another team/);
  });
});
