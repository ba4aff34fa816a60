/**
 * A helper process's line to whoever started it: process.parentPort in an Electron utility
 * process (started by main), the IPC channel of child_process.fork under plain Node.
 */

interface UtilityParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

export interface ParentChannel {
  /** True in an Electron utility process. */
  readonly utility: boolean;
  post(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /**
   * The parent went away. Under Node that is the channel closing; a utility process needs no
   * notice: main ends the processes it started for an owner when that owner ends, and all of
   * them when it quits.
   */
  onParentGone(listener: () => void): void;
  /** Done talking: lets the process end once its work is finished. */
  close(): void;
}

export function parentChannel(): ParentChannel {
  const port = (process as unknown as { parentPort?: UtilityParentPort }).parentPort;
  if (port) {
    return {
      utility: true,
      post: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
      onParentGone: () => {},
      // A listening parent port keeps a utility process alive: end it, a moment after the last
      // message has been handed over.
      close: () => {
        setTimeout(() => process.exit(0), 200);
      },
    };
  }
  return {
    utility: false,
    post: (message) => process.send?.(message),
    onMessage: (listener) => process.on('message', listener),
    onParentGone: (listener) => process.on('disconnect', listener),
    close: () => process.disconnect?.(),
  };
}
