// What a sync says changed: every applied row traced to its game through its parents on the
// laptop (a run through its video, a correction through its run), so the window showing another
// game does not reload; only a team's codes (used by every game) belong to no game. A laptop's own
// rows coming back change nothing.
import { describe, expect, it } from 'vitest';
import { AnalysisOptions } from '../../../electron/contract/analysis.ts';
import { setAffiliationCorrection, setHomeJersey, setRinkRegion } from '../../../electron/engine/store/affiliation.ts';
import { createRun, setRunStatus } from '../../../electron/engine/store/analysis-runs.ts';
import type { CodeInput } from '../../../electron/contract/tagging.ts';
import { saveCode } from '../../../electron/engine/store/codes.ts';
import { createEvent, updateEvent } from '../../../electron/engine/store/events.ts';
import { shareGame } from '../../../electron/engine/store/sharing.ts';
import { makeGame, makeTeamOf, type Laptop } from './sync-world.ts';
import { syncSuite } from './sync-suite.ts';

const suite = syncSuite();

const CODE: CodeInput = {
  name: 'forecheck',
  hotkey: 'q',
  colour: '#123456',
  leadS: 3,
  lagS: 2,
  mode: 'instant',
  sortOrder: 200,
};

async function synced(l: Laptop) {
  const report = await l.sync.syncOnce();
  expect(report.error).toBeNull();
  return report;
}

describe('remote changes', () => {
  it('name the game of run-level rows, and only codes as rows of no game', async () => {
    const { teamId, users } = await makeTeamOf(suite.owner, 'remote', 2);
    const a = await suite.laptop(users[0]!.email);
    const b = await suite.laptop(users[1]!.email);
    const first = makeGame(a.store, 'Lions vs Bears');
    const second = makeGame(a.store, 'Lions vs Wolves');
    const run = createRun(a.store, {
      videoId: first.videoId,
      modelName: 'yolox_nano_416_coco',
      modelSha256: 'cd'.repeat(32),
      options: AnalysisOptions.parse({ stride: 2 }),
      framesTotal: 10,
    });
    setRunStatus(a.store, run.id, 'done');
    const code = saveCode(a.store, undefined, CODE);
    const base = { startS: 1, endS: 2, startFrame: 30, endFrame: 60, descriptors: {}, note: '' };
    createEvent(a.store, { ...base, gameId: first.gameId, videoId: first.videoId, codeId: code.id });
    const other = createEvent(a.store, { ...base, gameId: second.gameId, videoId: second.videoId, codeId: code.id });
    shareGame(a.store, first.gameId, teamId);
    shareGame(a.store, second.gameId, teamId);
    await synced(a);

    // The teammate's first pull brings both games and the team's code.
    const everything = await synced(b);
    expect(new Set(everything.applied.gameIds)).toEqual(new Set([first.gameId, second.gameId]));
    expect(everything.applied.outsideGames).toBe(1);

    // Run-level rows of the first game only: a run's status, a track's jersey correction, the
    // drawn rink of its video, its home jersey.
    setRunStatus(a.store, run.id, 'failed');
    setAffiliationCorrection(a.store, run.id, 4, 'team-b');
    setRinkRegion(a.store, first.videoId, [
      { x: 0.1, y: 0.1 },
      { x: 0.9, y: 0.1 },
      { x: 0.5, y: 0.9 },
    ]);
    setHomeJersey(a.store, first.gameId, 'team-b');
    await synced(a);
    const runLevel = await synced(b);
    expect(runLevel.pulled.applied).toBe(4);
    expect(runLevel.applied).toEqual({ gameIds: [first.gameId], outsideGames: 0 });

    // The code is shared by every game: it names none.
    saveCode(a.store, code.id, { ...CODE, colour: '#654321' });
    await synced(a);
    const codeOnly = await synced(b);
    expect(codeOnly.pulled.applied).toBe(1);
    expect(codeOnly.applied).toEqual({ gameIds: [], outsideGames: 1 });

    // The teammate's own edit comes back in its next pull: nothing changed for them, but laptop A
    // learns which game it was.
    updateEvent(b.store, other.id, { note: 'from the teammate' });
    const own = await synced(b);
    expect(own.pushed.rows).toBe(1);
    expect(own.applied).toEqual({ gameIds: [], outsideGames: 0 });
    expect((await synced(a)).applied).toEqual({ gameIds: [second.gameId], outsideGames: 0 });
    expect((await synced(a)).applied).toEqual({ gameIds: [], outsideGames: 0 });
  });
});
