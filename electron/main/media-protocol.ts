import { protocol } from 'electron';
import { serveMediaFile } from '../engine/media-server/library-media.ts';
import type { EngineSupervisor } from '../engine/process/supervisor.ts';

export const MEDIA_SCHEME = 'rinkside-media';

/** Must run before app 'ready': the scheme needs stream + fetch privileges for <video> seeking. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: MEDIA_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

/**
 * rinkside-media://video/<id>/<variant> → the library's file, through the same range-serving
 * module as the loopback fallback server. Only ids the engine knows resolve: no paths in URLs.
 */
export function handleMediaProtocol(engine: EngineSupervisor): void {
  protocol.handle(MEDIA_SCHEME, async (request) => {
    const url = new URL(request.url);
    const match = /^\/([0-9a-f-]{36})\/(original|proxy)$/.exec(url.pathname);
    const file =
      url.host === 'video' && match
        ? await engine.internal('mediaPath', { videoId: match[1] ?? '', variant: match[2] as 'original' | 'proxy' })
        : null;
    if (!file) return new Response(null, { status: 404 });
    const headers: Record<string, string | undefined> = {};
    request.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const served = await serveMediaFile({ method: request.method, headers }, file);
    return new Response(served.body, { status: served.status, headers: served.headers });
  });
}
