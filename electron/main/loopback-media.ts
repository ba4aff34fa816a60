import { randomBytes } from 'node:crypto';
import type { Logger } from '../engine/log.ts';
import { createMediaRegistry, mediaIdFor } from '../engine/media-server/media-registry.ts';
import { startMediaServer } from '../engine/media-server/http-server.ts';
import type { MediaFile } from '../engine/media-server/library-media.ts';

/**
 * The fallback media transport: the loopback HTTP server with a per-launch token, serving only
 * files registered when the renderer asked for their URL (media.url checks the library first).
 */
export async function startLoopbackMedia(log: Logger) {
  const registry = createMediaRegistry();
  const token = randomBytes(24).toString('base64url');
  const server = await startMediaServer({
    registry,
    token,
    host: '127.0.0.1',
    port: 0,
    log: log.child('media-server'),
  });
  return {
    /** What the request filter lets through: exactly this port with this token. */
    access: { port: Number(new URL(server.origin).port), token },
    url(videoId: string, variant: string, file: MediaFile): string {
      const id = mediaIdFor(videoId, variant);
      registry.register(id, file.path, file.identity);
      return server.url(id);
    },
    close: () => server.close(),
  };
}
