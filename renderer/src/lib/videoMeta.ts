import type { VideoProbe } from '../../../electron/contract/index.ts';
import { formatTimecode } from './timecode.ts';

/** "29.97", "10", "25": up to two decimals, no trailing zeros. */
export function formatFps(fps: number): string {
  return String(Math.round(fps * 100) / 100);
}

/**
 * The facts an analyst checks after import, in one line, e.g.
 * "00:10.00 · 768×576 · 10 fps · 100 frames · first frame 0.0000 s · h264 (High) · no audio".
 */
export function describeProbe(probe: VideoProbe): string[] {
  const parts = [
    formatTimecode(probe.durationS),
    `${probe.width}×${probe.height}`,
    `${formatFps(probe.fps)} fps${probe.variableFrameRate ? ' (VFR)' : ''}`,
    `${probe.frameCountExact ? '' : '~'}${probe.frameCount} frames`,
    `first frame ${probe.firstFrameTimeS.toFixed(4)} s`,
    probe.profile ? `${probe.codec} (${probe.profile})` : probe.codec,
    probe.audio
      ? `audio ${probe.audio.codec} ${probe.audio.channels}ch ${Math.round(probe.audio.sampleRate / 100) / 10} kHz`
      : 'no audio',
  ];
  return parts;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
