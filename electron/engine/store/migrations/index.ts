import type { DatabaseSync } from 'node:sqlite';
import { m0001GamesVideos } from './0001-games-videos.ts';
import { m0002Analysis } from './0002-analysis.ts';
import { m0003Tagging } from './0003-tagging.ts';
import { m0004Playlists } from './0004-playlists.ts';
import { m0005Affiliation } from './0005-affiliation.ts';
import { m0006VideoFileIdentity } from './0006-video-file-identity.ts';
import { m0007Sync } from './0007-sync.ts';
import { m0008Uploads } from './0008-uploads.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: DatabaseSync): void;
}

/** In order; a migration is never edited once released — add the next number instead. */
export const migrations: readonly Migration[] = [
  m0001GamesVideos,
  m0002Analysis,
  m0003Tagging,
  m0004Playlists,
  m0005Affiliation,
  m0006VideoFileIdentity,
  m0007Sync,
  m0008Uploads,
];
