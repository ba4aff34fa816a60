import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  GATEWAY_ROUTES,
  partLength,
  planParts,
  type GatewayRouteName,
  type StorageTarget,
} from '../../../electron/contract/gateway.ts';
import { signToken, type SigningAlg } from '../api/keys.ts';
import { startLocalApi, type LocalApi } from '../api/server.ts';
import { commitAs, insertSql, ownerConnection } from '../sql-session.ts';
import { T0, DEVICE, makeTeam, type TeamWorld } from '../team-fixtures.ts';

/**
 * What the gateway suites share: the local Supabase API (real Postgres under the stand-ins), two
 * teams with a member each, and the members' access tokens as the auth server signs them.
 */
export interface GatewayWorld {
  api: LocalApi;
  owner: pg.Client;
  teamA: TeamWorld;
  teamB: TeamWorld;
  stop(): Promise<void>;
}

export async function makeGatewayWorld(): Promise<GatewayWorld> {
  const api = await startLocalApi();
  const owner = await ownerConnection();
  const teamA = await makeTeam(owner, 'gwa');
  const teamB = await makeTeam(owner, 'gwb');
  return {
    api,
    owner,
    teamA,
    teamB,
    async stop() {
      await owner.end();
      await api.stop();
    },
  };
}

/** A user's access token with GoTrue's claims, signed as the project signs (ES256 or HS256). */
export function accessToken(
  world: GatewayWorld,
  userId: string,
  alg: SigningAlg = 'ES256',
  ttlS = 3600,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signToken(world.api.keys, alg, {
    sub: userId,
    role: 'authenticated',
    aud: 'authenticated',
    iss: `${world.api.url}/auth/v1`,
    iat: now,
    exp: now + ttlS,
  });
}

/** A new video row in the team's game (written as a member, as the sync would) for these bytes. */
export async function addVideo(world: GatewayWorld, team: TeamWorld, bytes: Buffer): Promise<string> {
  const id = randomUUID();
  const row = {
    id,
    game_id: team.rows.game,
    file_name: `${id}.mp4`,
    size_bytes: bytes.length,
    sha256: sha256(bytes),
    probe_json: { width: 1280, height: 720 },
    imported_at: T0,
    updated_at: T0,
    device_id: DEVICE,
    deleted: false,
  };
  await commitAs(world.owner, { user: team.member }, async (c) => {
    const { sql, params } = insertSql('videos', row);
    await c.query(sql, params);
  });
  return id;
}

/** A new analysis run of the team's video, for a results object of its own. */
export async function addRun(world: GatewayWorld, team: TeamWorld): Promise<string> {
  const id = randomUUID();
  const row = {
    id,
    video_id: team.rows.video,
    model_name: 'yolox_nano_416_coco',
    model_sha256: 'cd'.repeat(32),
    params_json: { stride: 1 },
    status: 'done',
    frames_done: 10,
    frames_total: 10,
    created_at: T0,
    updated_at: T0,
    device_id: DEVICE,
    deleted: false,
  };
  await commitAs(world.owner, { user: team.member }, async (c) => {
    const { sql, params } = insertSql('analysis_runs', row);
    await c.query(sql, params);
  });
  return id;
}

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function randomVideo(size: number): Buffer {
  return randomBytes(size);
}

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** One gateway call as the app makes it: POST JSON with the bearer token. */
export async function call<T = Record<string, unknown>>(
  gatewayUrl: string,
  route: GatewayRouteName,
  body: unknown,
  token?: string,
): Promise<Answer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${gatewayUrl}${GATEWAY_ROUTES[route].path}`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

export const MiB = 1024 * 1024;

/**
 * The whole upload as the uploader does it: plan, create, sign every part, PUT each part's bytes
 * to its URL, keep the ETags, complete. Returns the create and complete answers.
 */
export async function uploadBytes(
  gatewayUrl: string,
  token: string,
  target: StorageTarget,
  bytes: Buffer,
  partSize = 8 * MiB,
): Promise<{ created: Answer; completed: Answer | null; etags: string[] }> {
  const plan = planParts(bytes.length, partSize);
  const created = await call(gatewayUrl, 'createUpload', { target, sha256: sha256(bytes), ...plan }, token);
  if (created.status !== 200 || created.body.status !== 'created') return { created, completed: null, etags: [] };
  const uploadId = created.body.uploadId as string;
  const numbers = Array.from({ length: plan.partCount }, (_, i) => i + 1);
  const signed = await call<{ parts: { partNumber: number; url: string; size: number }[] }>(
    gatewayUrl,
    'signParts',
    { target, uploadId, partNumbers: numbers },
    token,
  );
  if (signed.status !== 200) throw new Error(`sign-parts answered ${signed.status}: ${JSON.stringify(signed.body)}`);
  const etags: string[] = [];
  for (const part of signed.body.parts) {
    const start = (part.partNumber - 1) * plan.partSize;
    const put = await fetch(part.url, {
      method: 'PUT',
      body: bytes.subarray(start, start + partLength(plan, part.partNumber)),
    });
    if (!put.ok) throw new Error(`part ${part.partNumber} PUT answered ${put.status}: ${await put.text()}`);
    etags[part.partNumber - 1] = put.headers.get('etag')!;
  }
  const parts = etags.map((etag, i) => ({ partNumber: i + 1, etag }));
  const completed = await call(gatewayUrl, 'completeUpload', { target, uploadId, parts }, token);
  return { created, completed, etags };
}
