// Who belongs to a team: nobody can make themselves a member of someone else's team; owners
// manage members; the teams and team_members tables follow the same matrix of verbs and actors.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attempt, commitAs, ownerConnection } from './sql-session.ts';
import { createUser, makeTeam, type TeamWorld } from './team-fixtures.ts';

let client: pg.Client;
let teamA: TeamWorld;
let teamB: TeamWorld;
let loner: string;
let lonerEmail: string;

const DENIED = '42501';

beforeAll(async () => {
  client = await ownerConnection();
  teamA = await makeTeam(client, 'ma');
  teamB = await makeTeam(client, 'mb');
  lonerEmail = `loner-${randomUUID().slice(0, 8)}@example.test`;
  loner = await createUser(client, lonerEmail);
});
afterAll(async () => {
  await client?.end();
});

const membersOf = (teamId: string) => ({
  sql: 'SELECT user_id, role FROM public.team_members WHERE team_id = $1 ORDER BY role, user_id',
  params: [teamId],
});
const join = 'INSERT INTO public.team_members (team_id, user_id, role) VALUES ($1, $2, $3)';

describe('joining a team', () => {
  it('a member of team B cannot add themselves to team A, as member or owner', async () => {
    for (const role of ['member', 'owner']) {
      const tried = await attempt(
        client,
        { user: teamB.member },
        join,
        [teamA.rows.teamId, teamB.member, role],
        membersOf(teamA.rows.teamId),
      );
      expect(tried.error?.code).toBe(DENIED);
      expect(tried.after.map((m) => m.user_id)).not.toContain(teamB.member);
    }
  });

  it("even team B's owner cannot, and add_team_member refuses them too", async () => {
    const direct = await attempt(client, { user: teamB.owner }, join, [teamA.rows.teamId, teamB.owner, 'owner']);
    expect(direct.error?.code).toBe(DENIED);
    const rpc = await attempt(client, { user: teamB.owner }, 'SELECT public.add_team_member($1, $2)', [
      teamA.rows.teamId,
      lonerEmail,
    ]);
    expect(rpc.error?.code).toBe(DENIED);
  });

  it('a plain member cannot add others or promote themselves', async () => {
    const add = await attempt(client, { user: teamA.member }, join, [teamA.rows.teamId, loner, 'member']);
    expect(add.error?.code).toBe(DENIED);
    const promote = await attempt(
      client,
      { user: teamA.member },
      "UPDATE public.team_members SET role = 'owner' WHERE team_id = $1 AND user_id = $2",
      [teamA.rows.teamId, teamA.member],
      membersOf(teamA.rows.teamId),
    );
    expect(promote.rowCount).toBe(0);
    expect(promote.after).toContainEqual({ user_id: teamA.member, role: 'member' });
  });

  it('an owner adds a member, by id or by email, and changes their role', async () => {
    const byId = await attempt(
      client,
      { user: teamA.owner },
      join,
      [teamA.rows.teamId, loner, 'member'],
      membersOf(teamA.rows.teamId),
    );
    expect(byId.error).toBeNull();
    expect(byId.after).toContainEqual({ user_id: loner, role: 'member' });
    const byEmail = await attempt(
      client,
      { user: teamA.owner },
      "SELECT user_id, role FROM public.add_team_member($1, $2, 'owner')",
      [teamA.rows.teamId, lonerEmail.toUpperCase()],
    );
    expect(byEmail.rows).toEqual([{ user_id: loner, role: 'owner' }]);
    const unknown = await attempt(client, { user: teamA.owner }, 'SELECT public.add_team_member($1, $2)', [
      teamA.rows.teamId,
      'nobody@example.test',
    ]);
    expect(unknown.error).toMatchObject({ code: 'P0002', message: expect.stringMatching(/no account/) });
  });

  it('the only way to make a team is create_team, which makes the caller its owner', async () => {
    const direct = await attempt(client, { user: loner }, "INSERT INTO public.teams (name) VALUES ('Mine')");
    expect(direct.error?.code).toBe(DENIED);
    const made = await commitAs(
      client,
      { user: loner },
      async (c) => (await c.query<{ id: string }>("SELECT id FROM public.create_team('Loners')")).rows[0]!.id,
    );
    const members = await client.query('SELECT user_id, role FROM public.team_members WHERE team_id = $1', [made]);
    expect(members.rows).toEqual([{ user_id: loner, role: 'owner' }]);
    const anon = await attempt(client, 'anon', "SELECT public.create_team('Nobody')");
    expect(anon.error?.code).toBe(DENIED);
  });
});

describe('teams', () => {
  const selectTeam = 'SELECT id, name FROM public.teams WHERE id = $1';

  it('members read their team; another team and anon do not', async () => {
    expect((await attempt(client, { user: teamA.member }, selectTeam, [teamA.rows.teamId])).rows).toHaveLength(1);
    expect((await attempt(client, { user: teamB.member }, selectTeam, [teamA.rows.teamId])).rows).toEqual([]);
    expect((await attempt(client, 'anon', selectTeam, [teamA.rows.teamId])).error?.code).toBe(DENIED);
  });

  it('owners rename their team; members, another team and anon cannot', async () => {
    const rename = "UPDATE public.teams SET name = 'Renamed' WHERE id = $1";
    const inspect = { sql: selectTeam, params: [teamA.rows.teamId] };
    expect((await attempt(client, { user: teamA.owner }, rename, [teamA.rows.teamId], inspect)).after[0]!.name).toBe(
      'Renamed',
    );
    for (const actor of [{ user: teamA.member }, { user: teamB.owner }]) {
      const tried = await attempt(client, actor, rename, [teamA.rows.teamId], inspect);
      expect(tried.rowCount).toBe(0);
      expect(tried.after[0]!.name).not.toBe('Renamed');
    }
    expect((await attempt(client, 'anon', rename, [teamA.rows.teamId])).error?.code).toBe(DENIED);
  });

  it('nobody deletes a team through the API, not even its owner', async () => {
    for (const actor of [{ user: teamA.owner }, { user: teamB.owner }, 'anon' as const]) {
      const tried = await attempt(client, actor, 'DELETE FROM public.teams WHERE id = $1', [teamA.rows.teamId]);
      expect(tried.error?.code).toBe(DENIED);
    }
  });
});

describe('team_members', () => {
  it("members see their team's list; another team and anon do not", async () => {
    const list = membersOf(teamA.rows.teamId);
    const seen = await attempt(client, { user: teamA.member }, list.sql, list.params);
    expect(seen.rows).toEqual(
      expect.arrayContaining([
        { user_id: teamA.owner, role: 'owner' },
        { user_id: teamA.member, role: 'member' },
      ]),
    );
    expect((await attempt(client, { user: teamB.member }, list.sql, list.params)).rows).toEqual([]);
    expect((await attempt(client, 'anon', list.sql, list.params)).error?.code).toBe(DENIED);
  });

  it('a member may leave; only an owner removes someone else; another team removes nobody', async () => {
    const remove = 'DELETE FROM public.team_members WHERE team_id = $1 AND user_id = $2';
    const list = membersOf(teamA.rows.teamId);
    const leave = await attempt(client, { user: teamA.member }, remove, [teamA.rows.teamId, teamA.member], list);
    expect(leave.rowCount).toBe(1);
    const kick = await attempt(client, { user: teamA.member }, remove, [teamA.rows.teamId, teamA.owner], list);
    expect(kick.rowCount).toBe(0);
    expect(kick.after).toContainEqual({ user_id: teamA.owner, role: 'owner' });
    const outsider = await attempt(client, { user: teamB.owner }, remove, [teamA.rows.teamId, teamA.member], list);
    expect(outsider.rowCount).toBe(0);
    const byOwner = await attempt(client, { user: teamA.owner }, remove, [teamA.rows.teamId, teamA.member], list);
    expect(byOwner.rowCount).toBe(1);
    expect((await attempt(client, 'anon', remove, [teamA.rows.teamId, teamA.member])).error?.code).toBe(DENIED);
  });

  it("a member who left no longer sees the team's rows", async () => {
    const leaver = await makeTeam(client, 'leaver');
    await commitAs(client, { user: leaver.member }, (c) =>
      c.query('DELETE FROM public.team_members WHERE team_id = $1 AND user_id = $2', [
        leaver.rows.teamId,
        leaver.member,
      ]),
    );
    const after = await attempt(client, { user: leaver.member }, 'SELECT id FROM public.games WHERE id = $1', [
      leaver.rows.game,
    ]);
    expect(after.rows).toEqual([]);
  });
});
