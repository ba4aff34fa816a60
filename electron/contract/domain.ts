import { z } from 'zod';

/** Client-generated UUID v4; every synced row carries one. */
export const Id = z.uuid();
export type Id = z.infer<typeof Id>;

/** Columns every locally stored row carries so it can sync later (docs/cloud.md). */
export interface SyncColumns {
  id: Id;
  updatedAt: string; // ISO-8601 UTC
  deviceId: string;
  deleted: boolean;
}

export const GameInput = z.object({
  title: z.string().trim().min(1).max(200),
  date: z.iso.date(), // YYYY-MM-DD, the day the game was played
  home: z.string().trim().min(1).max(100),
  away: z.string().trim().min(1).max(100),
});
export type GameInput = z.infer<typeof GameInput>;

export interface Game extends SyncColumns, GameInput {
  createdAt: string;
  /** The team the game is shared with; null while it is the analyst's own (it never leaves the laptop). */
  teamId: string | null;
  /** Made on another device and pulled from the team (a teammate's game), not made here. */
  fromTeammate: boolean;
}

/** What ffprobe tells us about a file; times in seconds, presentation timestamps. */
export interface VideoProbe {
  container: string; // ffprobe format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2"
  durationS: number;
  width: number;
  height: number;
  codec: string; // video codec name, e.g. "h264"
  profile: string | null;
  pixelFormat: string | null;
  /** Average frame rate (frames per second). */
  fps: number;
  /** True when r_frame_rate and avg_frame_rate disagree or frame durations vary. */
  variableFrameRate: boolean;
  /** nb_frames from the stream header, else estimated from duration × fps (see frameCountExact). */
  frameCount: number;
  frameCountExact: boolean;
  /** PTS of the first video frame in seconds (not always 0). */
  firstFrameTimeS: number;
  rotation: number;
  audio: { codec: string; channels: number; sampleRate: number } | null;
  bitRate: number | null;
}

export interface Video extends SyncColumns {
  gameId: Id;
  path: string;
  fileName: string;
  sizeBytes: number;
  sha256: string;
  probe: VideoProbe;
  /** A playable stand-in (remux or H.264 proxy) when the original does not play; null otherwise. */
  proxyPath: string | null;
  /** A time in the original = a time in the proxy + this (remux/transcode may restart the clock at 0). */
  proxyTimeShiftS: number;
  importedAt: string;
}

/** A long-running piece of work: analysis, export, import hashing, proxy. */
export const JobKind = z.enum(['import', 'proxy', 'analysis', 'export', 'thumbnails', 'jerseys', 'upload', 'download']);
export type JobKind = z.infer<typeof JobKind>;

export interface JobProgress {
  jobId: string;
  kind: JobKind;
  /** Human-readable stage, e.g. "hashing", "probing", "transcoding". */
  stage: string;
  done: number;
  total: number; // 0 when unknown
  /** Units of `done` per second, smoothed. */
  rate: number;
  /** Seconds left, null when unknown. */
  etaS: number | null;
  /** Subject of the job, e.g. the video id, so the UI can place the bar. */
  subjectId: string | null;
}

export const PlayabilityFix = z.enum(['remux', 'proxy']);
export type PlayabilityFix = z.infer<typeof PlayabilityFix>;
