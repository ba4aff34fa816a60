import type { ProcessLauncher } from './process/launcher.ts';
import type { CommandResult, EngineCommandName, ParsedCommandArgs } from '../contract/commands.ts';
import type { EventName, Events } from '../contract/events.ts';
import type { JobRunner } from './jobs/runner.ts';
import type { Logger } from './log.ts';
import type { EngineConfig } from './process/protocol.ts';
import type { StoreContext } from './store/games.ts';
import type { MediaOps } from './import/media-ops.ts';
import type { Tools } from './media/tools.ts';
import type { TeamStorageAccess } from './sync/team-storage-access.ts';

/** What every group of command handlers gets: the library, media tools, jobs, events. */
export interface EngineContext {
  config: EngineConfig;
  store: StoreContext;
  /** ffmpeg and ffprobe as the user's settings choose them; every handler finds them here. */
  tools: Tools;
  media: MediaOps;
  jobs: JobRunner;
  /** Starts helper processes (analysis jobs): forks under Node, asks main under Electron. */
  launcher: ProcessLauncher;
  log: Logger;
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  /** The team's storage: its gateway and the signed-in analyst's token (uploads, downloads). */
  teamStorage: TeamStorageAccess;
  /** Tells every window that a game's data changed (games, videos, events, roster…). */
  changed(gameId: string | null): void;
}

/** Arguments arrive already parsed by the command's zod schema (defaults applied). */
export type Handler<N extends EngineCommandName> = (
  args: ParsedCommandArgs<N>,
) => CommandResult<N> | Promise<CommandResult<N>>;

/**
 * A handler for every command the shell does not answer itself: a command added to the contract
 * without one fails to compile, instead of answering "unknown-command" at run time.
 */
export type Handlers = { [N in EngineCommandName]: Handler<N> };

/** One room's share of the table (library, analysis, tagging…); the engine joins them into Handlers. */
export type HandlerGroup = Partial<Handlers>;
