import type { InvokeReply } from '../../contract/invoke.ts';
import type { LogRecord } from '../log.ts';
import type { MediaFile } from '../media-server/library-media.ts';

/** Settings the shell hands the engine process when it starts it. */
export interface EngineConfig {
  dataDir: string;
  appVersion: string;
  /** User settings for tool paths (null: resolve from env / packaged / PATH). */
  ffmpegPath: string | null;
  ffprobePath: string | null;
  nativeDialogs: boolean;
  /** Folder with the bundled default model and its manifest (unpacked from asar when packaged). */
  modelsDir: string;
  /** Entry script of the analysis job process; the TypeScript source when unset (plain Node). */
  analysisJobEntry?: string;
  /** The analysis job's inference-thread script; the TypeScript source when unset. */
  inferenceWorkerEntry?: string;
  /** The thread script that parses Sportscode files; the TypeScript source when unset. */
  sportscodeWorkerEntry?: string;
  /** The GPU provider probe's script (a process of its own); the TypeScript source when unset. */
  providerProbeEntry?: string;
  /**
   * Where the team-cloud session is kept: `sealed` in a file encrypted by the shell's OS key store
   * (Electron safeStorage, reached with shell calls), `memory` for this launch only (Electron
   * without a key store: never in plain text), `file` in a 0600 file (browser host, CLI, tests).
   * Unset: `file`.
   */
  sessionStore?: 'sealed' | 'memory' | 'file';
}

/** What the engine asks of the shell: only main holds safeStorage, so sealing goes through it. */
export interface ShellCalls {
  seal(plain: string): Promise<string>;
  open(sealed: string): Promise<string>;
}
export type ShellCallMethod = keyof ShellCalls;

/** Shell-only requests that are not part of the renderer's command table. */
export interface InternalMethods {
  /**
   * The file behind a media id, checked against what the import recorded, or null when the library
   * does not know it (no path traversal).
   */
  mediaPath: { args: { videoId: string; variant: 'original' | 'proxy' }; result: MediaFile | null };
}
export type InternalMethod = keyof InternalMethods;

export type ToEngine =
  | { type: 'init'; config: EngineConfig }
  | { type: 'invoke'; id: number; command: string; args: unknown }
  | { type: 'internal'; id: number; method: InternalMethod; args: unknown }
  | { type: 'shutdown' }
  /** The supervisor's heartbeat: an engine whose event loop runs answers at once with a pong. */
  | { type: 'ping' }
  | { type: 'shell-reply'; id: number; reply: InvokeReply };

export type FromEngine =
  | { type: 'ready'; pid: number }
  | { type: 'reply'; id: number; reply: InvokeReply }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'log'; record: LogRecord }
  /** `final`: restarting cannot help (another process holds the library); the supervisor gives up. */
  | { type: 'fatal'; message: string; final?: boolean }
  | { type: 'pong' }
  | { type: 'shell-call'; id: number; method: ShellCallMethod; text: string };
