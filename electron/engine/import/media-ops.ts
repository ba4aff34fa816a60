import type { VideoProbe } from '../../contract/domain.ts';
import type { Logger } from '../log.ts';

export interface MediaOpOptions {
  signal: AbortSignal;
  log: Logger;
  onProgress?: (done: number, total: number) => void;
}

/** The media operations the library needs; engine/media implements them with ffmpeg. */
export interface MediaOps {
  probe(path: string, options: MediaOpOptions): Promise<VideoProbe>;
  sha256(path: string, options: MediaOpOptions): Promise<string>;
  /** Both write dest atomically and return the time shift (original time = output time + shift). */
  remux(source: string, dest: string, options: MediaOpOptions): Promise<number>;
  proxy(source: string, dest: string, options: MediaOpOptions): Promise<number>;
}
