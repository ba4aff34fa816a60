// The storage gateway over HTTP, the same suite on Node and on Deno (each a real process), against
// the local cloud: the Supabase API stand-ins over real Postgres with the real RLS, and fauxqs (a
// real S3 server process that checks multipart ETags and part sizes) behind the logging proxy.
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { objectKey, type StorageTarget } from '../../../electron/contract/gateway.ts';
import {
  startGatewayProcess,
  localGatewayEnv,
  startLocalStorage,
  type GatewayProcess,
  type LocalStorage,
} from '../storage/index.ts';
import {
  accessToken,
  addRun,
  addVideo,
  call,
  makeGatewayWorld,
  MiB,
  randomVideo,
  sha256,
  uploadBytes,
  type GatewayWorld,
} from './world.ts';

let world: GatewayWorld;
let storage: LocalStorage;

beforeAll(async () => {
  [world, storage] = await Promise.all([makeGatewayWorld(), startLocalStorage('fauxqs')]);
});
afterAll(async () => {
  await storage?.stop();
  await world?.stop();
});

describe.each(['node', 'deno'] as const)('the gateway on %s', (runtime) => {
  let gateway: GatewayProcess;
  let url: string;
  let tokenA: string;
  let tokenB: string;

  beforeAll(async () => {
    gateway = await startGatewayProcess(runtime, localGatewayEnv(world.api, storage));
    url = gateway.url;
    [tokenA, tokenB] = await Promise.all([
      accessToken(world, world.teamA.member),
      accessToken(world, world.teamB.member),
    ]);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const videoTarget = (videoId: string): StorageTarget => ({ kind: 'video', videoId });

  describe('who may call it', () => {
    let target: StorageTarget;
    let plan: Record<string, unknown>;

    beforeAll(async () => {
      const bytes = randomVideo(1000);
      target = videoTarget(await addVideo(world, world.teamA, bytes));
      plan = { target, sha256: sha256(bytes), size: 1000, partSize: 1000, partCount: 1 };
    });

    it('refuses a request without a token, and answers its error kind', async () => {
      const answer = await call(url, 'createUpload', plan);
      expect(answer).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
    });

    it('refuses an expired, a forged and a wrong-secret token with 401', async () => {
      const expired = await accessToken(world, world.teamA.member, 'ES256', -60);
      const stranger = await generateKeyPair('ES256');
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub: world.teamA.member, role: 'authenticated', aud: 'authenticated', iat: now, exp: now + 600 };
      // A key of our own, under the kid the project publishes: the signature cannot verify.
      const forged = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: world.api.keys.es256.kid })
        .sign(stranger.privateKey);
      const wrongSecret = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256' })
        .sign(new TextEncoder().encode('another-project-secret-of-at-least-32-characters'));
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`;
      // A member's real token with its claims changed (another user's id): the signature no longer fits.
      const [head, , signature] = tokenA.split('.');
      const altered = `${head}.${Buffer.from(JSON.stringify({ ...claims, sub: world.teamB.member })).toString('base64url')}.${signature}`;
      for (const token of [expired, forged, wrongSecret, unsigned, altered]) {
        const answer = await call(url, 'createUpload', plan, token);
        expect(answer).toMatchObject({ status: 401, body: { error: { kind: 'unauthorized' } } });
      }
      expect((await call(url, 'createUpload', plan, expired)).body).toMatchObject({ error: { message: /expired/ } });
    });

    it('refuses the API keys as a caller: they name no user', async () => {
      for (const key of [world.api.anonKey, world.api.serviceKey]) {
        expect(await call(url, 'createUpload', plan, key)).toMatchObject({ status: 401 });
      }
    });

    it('accepts a member’s HS256 and ES256 tokens', async () => {
      for (const alg of ['HS256', 'ES256'] as const) {
        const token = await accessToken(world, world.teamA.member, alg);
        const created = await call(url, 'createUpload', plan, token);
        expect(created).toMatchObject({ status: 200, body: { status: 'created', partCount: 1 } });
        const aborted = await call(url, 'abortUpload', { target, uploadId: created.body.uploadId }, token);
        expect(aborted).toMatchObject({ status: 200, body: { status: 'aborted' } });
      }
    });

    it('accepts the token the auth server hands out at sign-in', async () => {
      const { hashPassword } = await import('../gotrue/passwords.ts');
      await world.owner.query('UPDATE auth.users SET encrypted_password = $2 WHERE id = $1', [
        world.teamA.member,
        await hashPassword('gateway password'),
      ]);
      const { rows } = await world.owner.query<{ email: string }>('SELECT email FROM auth.users WHERE id = $1', [
        world.teamA.member,
      ]);
      const signIn = await fetch(`${world.api.url}/auth/v1/token?grant_type=password`, {
        method: 'POST',
        headers: { apikey: world.api.anonKey, 'content-type': 'application/json' },
        body: JSON.stringify({ email: rows[0]!.email, password: 'gateway password' }),
      });
      const { access_token: token } = (await signIn.json()) as { access_token: string };
      const created = await call(url, 'createUpload', plan, token);
      expect(created).toMatchObject({ status: 200, body: { status: 'created' } });
      await call(url, 'abortUpload', { target, uploadId: created.body.uploadId }, token);
    });
  });

  describe('team boundaries', () => {
    it('gives a member of team A no create, part, complete, abort or download URL for team B’s video', async () => {
      const bytes = randomVideo(9 * MiB);
      const target = videoTarget(await addVideo(world, world.teamB, bytes));
      const plan = { target, sha256: sha256(bytes), size: bytes.length, partSize: 8 * MiB, partCount: 2 };
      expect(await call(url, 'createUpload', plan, tokenA)).toMatchObject({
        status: 403,
        body: { error: { kind: 'forbidden' } },
      });

      // Team B's member starts it; team A's member, knowing the upload id, still gets nothing.
      const created = await call(url, 'createUpload', plan, tokenB);
      expect(created.status).toBe(200);
      const uploadId = created.body.uploadId as string;
      const ownVideo = videoTarget(await addVideo(world, world.teamA, randomVideo(100)));
      for (const asked of [target, ownVideo]) {
        expect(await call(url, 'signParts', { target: asked, uploadId, partNumbers: [1, 2] }, tokenA)).toMatchObject({
          status: 403,
        });
        expect(
          await call(
            url,
            'completeUpload',
            { target: asked, uploadId, parts: [{ partNumber: 1, etag: '"x"' }] },
            tokenA,
          ),
        ).toMatchObject({ status: 403 });
        expect(await call(url, 'abortUpload', { target: asked, uploadId }, tokenA)).toMatchObject({ status: 403 });
      }
      // The upload survived team A's abort.
      expect(await call(url, 'signParts', { target, uploadId, partNumbers: [1] }, tokenB)).toMatchObject({
        status: 200,
      });
      await call(url, 'abortUpload', { target, uploadId }, tokenB);

      const stored = await uploadBytes(url, tokenB, target, randomVideo(10));
      expect(stored.created.status).toBe(400); // not the video's bytes
      const uploaded = await uploadBytes(url, tokenB, target, bytes);
      expect(uploaded.completed).toMatchObject({ status: 200 });
      expect(await call(url, 'signDownload', { target }, tokenA)).toMatchObject({
        status: 403,
        body: { error: { kind: 'forbidden' } },
      });
      expect(await call(url, 'signDownload', { target }, tokenB)).toMatchObject({ status: 200 });
    });

    it('answers not-found for a video that is not on the server', async () => {
      const target = videoTarget(crypto.randomUUID());
      expect(await call(url, 'signDownload', { target }, tokenA)).toMatchObject({
        status: 404,
        body: { error: { kind: 'not-found' } },
      });
    });
  });

  describe('the part plan', () => {
    it('refuses parts under 8 MiB, a count that does not cover the size, and bytes that are not the video’s', async () => {
      const bytes = randomVideo(12 * MiB);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      const base = { target, sha256: sha256(bytes), size: bytes.length };
      storage.proxy.clear();
      for (const plan of [
        { partSize: 6 * MiB, partCount: 2 },
        { partSize: 8 * MiB, partCount: 1 },
        { partSize: 8 * MiB, partCount: 3 },
      ]) {
        expect(await call(url, 'createUpload', { ...base, ...plan }, tokenA)).toMatchObject({
          status: 422,
          body: { error: { kind: 'bad-plan' } },
        });
      }
      expect(
        await call(url, 'createUpload', { ...base, sha256: 'ab'.repeat(32), partSize: 8 * MiB, partCount: 2 }, tokenA),
      ).toMatchObject({ status: 400, body: { error: { kind: 'invalid-request' } } });
      expect(await call(url, 'createUpload', { ...base, partSize: 'big' }, tokenA)).toMatchObject({
        status: 400,
        body: { error: { kind: 'invalid-request', detail: /partSize/ } },
      });
      // Nothing refused reached the object store.
      expect(storage.proxy.requests.filter((r) => r.createsUpload)).toEqual([]);
    });

    it('signs no part beyond the plan and completes only with every part', async () => {
      const bytes = randomVideo(9 * MiB);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      const plan = { target, sha256: sha256(bytes), size: bytes.length, partSize: 8 * MiB, partCount: 2 };
      const created = await call(url, 'createUpload', plan, tokenA);
      const uploadId = created.body.uploadId as string;
      expect(await call(url, 'signParts', { target, uploadId, partNumbers: [3] }, tokenA)).toMatchObject({
        status: 400,
      });
      const signed = await call<{ parts: { size: number }[] }>(
        url,
        'signParts',
        { target, uploadId, partNumbers: [1, 2] },
        tokenA,
      );
      expect(signed.body.parts.map((p) => p.size)).toEqual([8 * MiB, MiB]);
      expect(
        await call(url, 'completeUpload', { target, uploadId, parts: [{ partNumber: 1, etag: '"a"' }] }, tokenA),
      ).toMatchObject({ status: 409, body: { error: { kind: 'incomplete-upload', message: /parts 2 are missing/ } } });
      await call(url, 'abortUpload', { target, uploadId }, tokenA);
    });
  });

  describe('a multipart upload through fauxqs', () => {
    it('round-trips: parts PUT to their URLs, complete, a ranged GET of the signed download; bytes and SHA-256 equal', async () => {
      const bytes = randomVideo(2 * 8 * MiB + 123_457);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      storage.proxy.clear();
      const { created, completed } = await uploadBytes(url, tokenA, target, bytes);
      expect(created.body).toMatchObject({ status: 'created', partCount: 3 });
      const key = objectKey(world.teamA.rows.teamId, sha256(bytes));
      expect(completed).toMatchObject({
        status: 200,
        body: { status: 'stored', key, sha256: sha256(bytes), size: bytes.length },
      });

      const puts = storage.proxy.requests.filter((r) => r.method === 'PUT');
      expect(puts.map((r) => [r.partNumber, r.uploadId, r.status, r.bytes])).toEqual([
        [1, created.body.uploadId, 200, 8 * MiB],
        [2, created.body.uploadId, 200, 8 * MiB],
        [3, created.body.uploadId, 200, 123_457],
      ]);

      const signed = await call<{ url: string; sha256: string; size: number }>(url, 'signDownload', { target }, tokenA);
      expect(signed).toMatchObject({ status: 200, body: { sha256: sha256(bytes), size: bytes.length, key } });
      const from = 8 * MiB - 10;
      const ranged = await fetch(signed.body.url, { headers: { range: `bytes=${from}-${from + 99}` } });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(from, from + 100))).toBe(true);
      const whole = Buffer.from(await (await fetch(signed.body.url)).arrayBuffer());
      expect(sha256(whole)).toBe(sha256(bytes));

      const recorded = await world.owner.query(
        'SELECT size_bytes FROM public.stored_objects WHERE team_id = $1 AND sha256 = $2',
        [world.teamA.rows.teamId, sha256(bytes)],
      );
      expect(recorded.rows).toEqual([{ size_bytes: String(bytes.length) }]);
      const pending = await world.owner.query('SELECT 1 FROM public.storage_uploads WHERE upload_id = $1', [
        created.body.uploadId,
      ]);
      expect(pending.rows).toEqual([]);
    });

    it('stores the same content once: a second video with the same bytes is already stored', async () => {
      const bytes = randomVideo(8 * MiB + 5);
      const first = videoTarget(await addVideo(world, world.teamA, bytes));
      const second = videoTarget(await addVideo(world, world.teamA, bytes));
      expect((await uploadBytes(url, tokenA, first, bytes)).completed?.status).toBe(200);
      storage.proxy.clear();
      const again = await uploadBytes(url, tokenA, second, bytes);
      expect(again.created).toMatchObject({ status: 200, body: { status: 'already-stored', size: bytes.length } });
      expect(storage.proxy.requests.filter((r) => r.createsUpload || r.method === 'PUT')).toEqual([]);
      const download = await call<{ url: string }>(url, 'signDownload', { target: second }, tokenA);
      expect(sha256(Buffer.from(await (await fetch(download.body.url)).arrayBuffer()))).toBe(sha256(bytes));
    });

    it('refuses a complete with a wrong ETag (the server checks it) and keeps the upload for a retry', async () => {
      const bytes = randomVideo(8 * MiB + 1);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      const created = await call(
        url,
        'createUpload',
        { target, sha256: sha256(bytes), size: bytes.length, partSize: 8 * MiB, partCount: 2 },
        tokenA,
      );
      const uploadId = created.body.uploadId as string;
      const signed = await call<{ parts: { partNumber: number; url: string }[] }>(
        url,
        'signParts',
        { target, uploadId, partNumbers: [1, 2] },
        tokenA,
      );
      const etags = [];
      for (const part of signed.body.parts) {
        const start = (part.partNumber - 1) * 8 * MiB;
        const put = await fetch(part.url, { method: 'PUT', body: bytes.subarray(start, start + 8 * MiB) });
        etags.push(put.headers.get('etag')!);
      }
      const wrong = await call(
        url,
        'completeUpload',
        {
          target,
          uploadId,
          parts: [
            { partNumber: 1, etag: etags[0] },
            { partNumber: 2, etag: '"0123456789abcdef0123456789abcdef"' },
          ],
        },
        tokenA,
      );
      expect(wrong).toMatchObject({
        status: 409,
        body: { error: { kind: 'incomplete-upload', detail: /InvalidPart/ } },
      });
      const right = await call(
        url,
        'completeUpload',
        { target, uploadId, parts: etags.map((etag, i) => ({ partNumber: i + 1, etag })) },
        tokenA,
      );
      expect(right).toMatchObject({ status: 200, body: { status: 'stored', size: bytes.length } });
    });

    it('removes an object that is not the planned size at complete (fauxqs checks no signed length)', async () => {
      const bytes = randomVideo(8 * MiB + 1000);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      const plan = { target, sha256: sha256(bytes), size: bytes.length, partSize: 8 * MiB, partCount: 2 };
      const created = await call(url, 'createUpload', plan, tokenA);
      const uploadId = created.body.uploadId as string;
      const signed = await call<{ parts: { partNumber: number; url: string }[] }>(
        url,
        'signParts',
        { target, uploadId, partNumbers: [1, 2] },
        tokenA,
      );
      // The last part one byte short: a store that checked the signed length would refuse it.
      const bodies = [bytes.subarray(0, 8 * MiB), bytes.subarray(8 * MiB, bytes.length - 1)];
      const parts = [];
      for (const part of signed.body.parts) {
        const put = await fetch(part.url, { method: 'PUT', body: bodies[part.partNumber - 1] });
        parts.push({ partNumber: part.partNumber, etag: put.headers.get('etag')! });
      }
      expect(await call(url, 'completeUpload', { target, uploadId, parts }, tokenA)).toMatchObject({
        status: 409,
        body: {
          error: { kind: 'incomplete-upload', detail: `stored ${bytes.length - 1}, planned ${bytes.length} bytes` },
        },
      });
      expect(await call(url, 'signDownload', { target }, tokenA)).toMatchObject({ status: 404 });
      const left = await world.owner.query('SELECT 1 FROM public.storage_uploads WHERE upload_id = $1', [uploadId]);
      expect(left.rows).toEqual([]);
    });

    it('aborts: the store drops the upload and its part URLs are no longer handed out', async () => {
      const bytes = randomVideo(8 * MiB + 1);
      const target = videoTarget(await addVideo(world, world.teamA, bytes));
      const created = await call(
        url,
        'createUpload',
        { target, sha256: sha256(bytes), size: bytes.length, partSize: 8 * MiB, partCount: 2 },
        tokenA,
      );
      const uploadId = created.body.uploadId as string;
      storage.proxy.clear();
      expect(await call(url, 'abortUpload', { target, uploadId }, tokenA)).toMatchObject({ status: 200 });
      expect(storage.proxy.requests.map((r) => [r.method, r.uploadId])).toEqual([['DELETE', uploadId]]);
      expect(await call(url, 'signParts', { target, uploadId, partNumbers: [1] }, tokenA)).toMatchObject({
        status: 404,
        body: { error: { kind: 'not-found' } },
      });
    });

    it('uploads and downloads a run’s results object', async () => {
      const results = randomVideo(300_000);
      const target: StorageTarget = { kind: 'results', runId: await addRun(world, world.teamA) };
      expect(await call(url, 'signDownload', { target }, tokenA)).toMatchObject({ status: 404 });
      const { completed } = await uploadBytes(url, tokenA, target, results);
      expect(completed).toMatchObject({ status: 200, body: { sha256: sha256(results) } });
      const signed = await call<{ url: string; sha256: string }>(url, 'signDownload', { target }, tokenA);
      expect(signed.body.sha256).toBe(sha256(results));
      expect(sha256(Buffer.from(await (await fetch(signed.body.url)).arrayBuffer()))).toBe(sha256(results));
      expect(await call(url, 'signDownload', { target }, tokenB)).toMatchObject({ status: 403 });
    });
  });

  describe('the team quota', () => {
    it('refuses an upload that would exceed it, counting uploads in progress, with the numbers', async () => {
      // A team of its own, so the other tests' objects do not count.
      const { makeTeam } = await import('../team-fixtures.ts');
      const team = await makeTeam(world.owner, `q${runtime}`);
      const token = await accessToken(world, team.member);
      await world.owner.query('INSERT INTO public.team_storage (team_id, quota_bytes) VALUES ($1, $2)', [
        team.rows.teamId,
        15 * MiB,
      ]);
      const first = randomVideo(9 * MiB);
      const second = randomVideo(9 * MiB);
      const [a, b] = [await addVideo(world, team, first), await addVideo(world, team, second)];
      const plan = (bytes: Buffer, videoId: string) => ({
        target: videoTarget(videoId),
        sha256: sha256(bytes),
        size: bytes.length,
        partSize: 8 * MiB,
        partCount: 2,
      });
      const started = await call(url, 'createUpload', plan(first, a), token);
      expect(started).toMatchObject({ status: 200, body: { status: 'created' } });
      const refused = await call(url, 'createUpload', plan(second, b), token);
      expect(refused).toMatchObject({
        status: 413,
        body: {
          error: {
            kind: 'quota-exceeded',
            quota: { quotaBytes: 15 * MiB, usedBytes: 9 * MiB, requestedBytes: 9 * MiB },
          },
        },
      });
      // Aborting the first frees its share.
      await call(url, 'abortUpload', { target: videoTarget(a), uploadId: started.body.uploadId }, token);
      expect(await call(url, 'createUpload', plan(second, b), token)).toMatchObject({ status: 200 });
      const members = await world.owner.query(
        'SELECT count(*)::int AS n FROM public.storage_uploads WHERE team_id = $1',
        [team.rows.teamId],
      );
      expect(members.rows[0].n).toBe(1);
    });

    it('lets only one of two uploads racing for the last room have it', async () => {
      const { makeTeam } = await import('../team-fixtures.ts');
      const team = await makeTeam(world.owner, `r${runtime}`);
      const token = await accessToken(world, team.member);
      await world.owner.query('INSERT INTO public.team_storage (team_id, quota_bytes) VALUES ($1, $2)', [
        team.rows.teamId,
        10 * MiB,
      ]);
      const contents = [randomVideo(9 * MiB), randomVideo(9 * MiB)];
      const plans = await Promise.all(
        contents.map(async (bytes) => ({
          target: videoTarget(await addVideo(world, team, bytes)),
          sha256: sha256(bytes),
          size: bytes.length,
          partSize: 8 * MiB,
          partCount: 2,
        })),
      );
      const answers = await Promise.all(plans.map((plan) => call(url, 'createUpload', plan, token)));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 413]);
    });
  });
});
