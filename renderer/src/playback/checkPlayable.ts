import type { VideoProbe } from '../../../electron/contract/index.ts';
import { playbackMime } from '../lib/codecMime.ts';

export type PlayableVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Asks this browser (Chromium in Electron or the browser host) whether it can decode the probed
 * file before loading it. Decided at run time, not from a list: Debian's Chromium lacks HEVC, a
 * Windows Electron may have it. The <video> error event stays the final word (see Player).
 */
export async function checkPlayable(probe: VideoProbe): Promise<PlayableVerdict> {
  const mime = playbackMime(probe);
  const what = `${probe.codec}${probe.profile ? ` (${probe.profile})` : ''} in ${probe.container.split(',')[0]}`;
  if (!mime) return { ok: false, reason: `The player has no decoder for ${what}.` };
  if (document.createElement('video').canPlayType(mime) === '') {
    return { ok: false, reason: `The player can't decode ${what}.` };
  }
  const capabilities = navigator.mediaCapabilities as MediaCapabilities | undefined;
  if (capabilities?.decodingInfo) {
    try {
      const info = await capabilities.decodingInfo({
        type: 'file',
        video: {
          contentType: mime,
          width: probe.width || 1280,
          height: probe.height || 720,
          bitrate: probe.bitRate ?? 8_000_000,
          framerate: probe.fps > 0 ? probe.fps : 30,
        },
      });
      if (!info.supported)
        return { ok: false, reason: `The player can't decode ${what} at ${probe.width}×${probe.height}.` };
    } catch {
      // A configuration this browser rejects as malformed says nothing about decoding:
      // canPlayType already agreed, and the element's error event catches the rest.
    }
  }
  return { ok: true };
}

/** Words the <video> element's MediaError; `unplayable` means the fix can help. */
export function describeMediaError(error: MediaError | null): { unplayable: boolean; reason: string } {
  switch (error?.code) {
    case MediaError.MEDIA_ERR_SRC_NOT_SUPPORTED:
      return { unplayable: true, reason: `The player does not support this file's format. ${error.message}`.trim() };
    case MediaError.MEDIA_ERR_DECODE:
      return { unplayable: true, reason: `The player failed to decode this file. ${error.message}`.trim() };
    case MediaError.MEDIA_ERR_NETWORK:
      return { unplayable: false, reason: `Streaming the file from disk failed. ${error.message}`.trim() };
    default:
      return { unplayable: false, reason: error?.message || 'The player stopped with an unknown error.' };
  }
}
