/**
 * ffprobe names → the MIME type and codecs string Chromium's canPlayType / mediaCapabilities
 * understand. Returns null when there is no web MIME for the pair: such a file cannot play in
 * a <video> element, so the app offers the fix straight away.
 */
export interface ProbedFormat {
  container: string; // ffprobe format_name, comma-separated demuxer aliases
  codec: string;
  profile: string | null;
}

export function containerMime(container: string): string | null {
  const names = container.toLowerCase().split(',');
  // mov and mp4 share one demuxer in ffprobe; Chromium plays both through its MP4 parser.
  if (names.some((n) => n === 'mp4' || n === 'mov' || n === 'm4a')) return 'video/mp4';
  if (names.includes('webm') || names.includes('matroska')) return 'video/webm';
  if (names.includes('ogg')) return 'video/ogg';
  if (names.includes('mpegts')) return 'video/mp2t';
  if (names.includes('avi')) return 'video/x-msvideo';
  return null;
}

/** RFC 6381 codecs parameter for the video codec (a representative level; decoding support is what we ask). */
export function videoCodecString(codec: string, profile: string | null): string | null {
  const p = (profile ?? '').toLowerCase();
  switch (codec.toLowerCase()) {
    case 'h264':
      if (p.includes('high 4:4:4')) return 'avc1.F4001F';
      if (p.includes('high 10')) return 'avc1.6E001F';
      if (p.includes('high')) return 'avc1.640028';
      if (p.includes('main')) return 'avc1.4D401F';
      return 'avc1.42E01E'; // baseline / constrained baseline / unknown
    case 'hevc':
      return p.includes('main 10') ? 'hvc1.2.4.L120.B0' : 'hvc1.1.6.L120.B0';
    case 'vp9':
      return p.includes('2') ? 'vp09.02.40.10' : 'vp09.00.40.08';
    case 'vp8':
      return 'vp8';
    case 'av1':
      return 'av01.0.08M.08';
    case 'mpeg4':
      return 'mp4v.20.9';
    case 'theora':
      return 'theora';
    default:
      return null; // mpeg2video, mjpeg, prores, dnxhd, rawvideo…: no browser decoder
  }
}

/** e.g. `video/mp4; codecs="avc1.640028"`, or null when the pair has no web MIME. */
export function playbackMime(format: ProbedFormat): string | null {
  const container = containerMime(format.container);
  const codec = videoCodecString(format.codec, format.profile);
  if (!container || !codec) return null;
  return `${container}; codecs="${codec}"`;
}

/** The fix to offer: a lossless remux for MPEG-TS, an H.264 proxy for anything else. */
export function fixFor(container: string): 'remux' | 'proxy' {
  return container.toLowerCase().split(',').includes('mpegts') ? 'remux' : 'proxy';
}
