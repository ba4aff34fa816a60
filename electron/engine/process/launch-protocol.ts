import type { LaunchSpec, ProcessExit } from './launcher.ts';

/**
 * A utility process asking main to start a helper process, and main's answers: every message is
 * tagged with the launch's id, numbered by the asking process.
 */
export type ToLaunchBroker =
  | { type: 'launch.start'; id: number; spec: LaunchSpec }
  | { type: 'launch.send'; id: number; message: unknown }
  | { type: 'launch.kill'; id: number };

export type FromLaunchBroker =
  | { type: 'launch.spawned'; id: number; pid: number }
  | { type: 'launch.message'; id: number; message: unknown }
  | { type: 'launch.exit'; id: number; exit: ProcessExit };

const REQUESTS = new Set(['launch.start', 'launch.send', 'launch.kill']);
const REPLIES = new Set(['launch.spawned', 'launch.message', 'launch.exit']);

function typeOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
}

export function isLaunchRequest(message: unknown): message is ToLaunchBroker {
  const type = typeOf(message);
  return typeof type === 'string' && REQUESTS.has(type) && typeof (message as { id?: unknown }).id === 'number';
}

export function isLaunchReply(message: unknown): message is FromLaunchBroker {
  const type = typeOf(message);
  return typeof type === 'string' && REPLIES.has(type) && typeof (message as { id?: unknown }).id === 'number';
}
