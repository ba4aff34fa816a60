/**
 * Frame steps for variable-frame-rate files, where k/fps does not land on frame k and the
 * contract carries no per-frame timestamps. Both directions work from the painted frame's exact
 * pts (requestVideoFrameCallback mediaTime):
 * - back: seek 1 ms before that pts, which lies inside the previous frame whatever its length;
 * - forward: play muted until the next frame is painted, pause, and settle on that frame's pts.
 */
export function stepBackVariable(video: HTMLVideoElement, presentedTime: number): void {
  video.currentTime = Math.max(0, presentedTime - 0.001);
}

/** Resolves once the next frame is on screen (or the clip ended). */
export function stepForwardVariable(video: HTMLVideoElement, presentedTime: number): Promise<void> {
  return new Promise((resolve) => {
    const wasMuted = video.muted;
    video.muted = true;
    let handle = 0;
    const finish = (settleAt: number | null) => {
      video.pause();
      video.muted = wasMuted;
      // Pausing may overshoot by a frame: seek back onto the one that was painted first.
      if (settleAt !== null) video.currentTime = settleAt;
      resolve();
    };
    const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
      if (metadata.mediaTime > presentedTime + 1e-6) finish(metadata.mediaTime + 0.0005);
      else if (video.ended) finish(null);
      else handle = video.requestVideoFrameCallback(onFrame);
    };
    handle = video.requestVideoFrameCallback(onFrame);
    video.play().catch(() => {
      video.cancelVideoFrameCallback(handle);
      finish(null);
    });
  });
}
