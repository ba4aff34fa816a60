/**
 * The file behind a library video, as the media route may serve it: the path the library knows,
 * the identity the import recorded, and whether the file there is still that file. Serving then
 * opens the path without following a symlink and checks the open file against the identity, so a
 * file swapped in between (a symlink to /etc/passwd, another video) is never served.
 */
import { lstat } from 'node:fs/promises';
import type { Video } from '../../contract/domain.ts';
import { AppFailure } from '../../contract/errors.ts';
import { identityOf, MEDIA_CHANGED_MESSAGE, sameFile, type FileIdentity } from '../media/file-identity.ts';
import type { StoreContext } from '../store/games.ts';
import { recordFileIdentity, videoFileIdentity } from '../store/videos.ts';
import {
  mediaChangedResponse,
  serveFile,
  type MediaRequest,
  type MediaResponse,
  type ServeFileOptions,
} from './serve-file.ts';

export interface MediaFile {
  path: string;
  /** What the open file must be; null for files Rinkside made itself (proxies). */
  identity: FileIdentity | null;
  /** The file at `path` is not the one imported (replaced, edited, moved away): re-link it. */
  changed: boolean;
}

export async function videoMediaFile(store: StoreContext, video: Video): Promise<MediaFile> {
  const recorded = videoFileIdentity(store, video.id);
  let current: FileIdentity;
  try {
    const info = await lstat(video.path, { bigint: true });
    if (!info.isFile()) return { path: video.path, identity: recorded, changed: true };
    current = identityOf(info);
  } catch {
    return { path: video.path, identity: recorded, changed: true };
  }
  if (recorded) return { path: video.path, identity: recorded, changed: !sameFile(recorded, current) };
  // Imported before identities were kept: the size must still match; this file is then recorded.
  if (current.size !== video.sizeBytes) return { path: video.path, identity: null, changed: true };
  recordFileIdentity(store, video.id, current);
  return { path: video.path, identity: current, changed: false };
}

/**
 * The path of a library video's imported file for work that reads it (analysis, jersey sampling,
 * exports): refused with media-changed when the file there is not the one imported, so a video
 * replaced by another file — or by a symlink to anything — is never analysed or exported blindly.
 */
export async function importedVideoPath(store: StoreContext, video: Video): Promise<string> {
  const file = await videoMediaFile(store, video);
  if (file.changed) throw new AppFailure('media-changed', MEDIA_CHANGED_MESSAGE, `${video.fileName}: ${video.path}`);
  return file.path;
}

/** Serves a media file, or 409 with the reason when it is not the file the library knows. */
export async function serveMediaFile(
  request: MediaRequest,
  file: MediaFile,
  opts: ServeFileOptions = {},
): Promise<MediaResponse> {
  if (file.changed) return mediaChangedResponse();
  return serveFile(request, file.path, file.identity ? { ...opts, expect: file.identity } : opts);
}
