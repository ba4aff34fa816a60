/**
 * Which files the media path may serve. The library registers each video it knows (original,
 * proxy…) under an opaque id; a URL carries only that id. There is no way to put a filesystem
 * path in a URL, so there is nothing to traverse.
 */
import { isAbsolute } from 'node:path';
import { AppFailure } from '../../contract/errors.ts';
import type { FileIdentity } from '../media/file-identity.ts';
import { serveFile, type MediaRequest, type MediaResponse, type ServeFileOptions } from './serve-file.ts';

/** Ids are URL-safe as they are: letters, digits, `_`, `-` and `.`, never `.` or `..` alone. */
const MEDIA_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/;

export function isMediaId(id: string): boolean {
  return MEDIA_ID.test(id) && id !== '.' && id !== '..';
}

/** The id of one variant of a library video, e.g. `3f2a…-9c.proxy`. */
export function mediaIdFor(videoId: string, variant: string): string {
  const id = `${videoId}.${variant}`;
  if (!isMediaId(id)) throw new AppFailure('invalid-args', `Not a valid media id: ${JSON.stringify(id)}`);
  return id;
}

export interface MediaRegistry {
  /**
   * Maps `id` to an absolute path; replaces an earlier path for the same id. With `identity`, only
   * that very file is served from it (see library-media.ts).
   */
  register(id: string, filePath: string, identity?: FileIdentity | null): void;
  unregister(id: string): boolean;
  /** The registered path, or null for anything not registered (including malformed ids). */
  resolve(id: string): string | null;
  /** The identity the file registered as `id` must have, or null. */
  identityOf(id: string): FileIdentity | null;
  ids(): string[];
}

export function createMediaRegistry(): MediaRegistry {
  // A Map, not an object: ids like "__proto__" or "constructor" must not hit the prototype.
  const files = new Map<string, string>();
  const identities = new Map<string, FileIdentity>();
  return {
    register(id, filePath, identity) {
      if (!isMediaId(id)) throw new AppFailure('invalid-args', `Not a valid media id: ${JSON.stringify(id)}`);
      if (!isAbsolute(filePath)) throw new AppFailure('invalid-args', `Media path must be absolute: ${filePath}`);
      files.set(id, filePath);
      if (identity) identities.set(id, identity);
      else identities.delete(id);
    },
    unregister: (id) => {
      identities.delete(id);
      return files.delete(id);
    },
    resolve: (id) => (isMediaId(id) ? (files.get(id) ?? null) : null),
    identityOf: (id) => (isMediaId(id) ? (identities.get(id) ?? null) : null),
    ids: () => [...files.keys()],
  };
}

/** Serves the file registered as `mediaId`; 404 for any id the registry does not know. */
export async function handleMediaRequest(
  registry: MediaRegistry,
  request: MediaRequest,
  mediaId: string,
  opts: ServeFileOptions = {},
): Promise<MediaResponse> {
  const filePath = registry.resolve(mediaId);
  if (filePath === null) return { status: 404, headers: { 'Content-Length': '0' }, body: null };
  const expect = registry.identityOf(mediaId);
  return serveFile(request, filePath, expect ? { ...opts, expect } : opts);
}
