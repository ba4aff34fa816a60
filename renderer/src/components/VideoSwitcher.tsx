import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/** The game's videos (periods, camera angles) one click apart, above the picture. */
export function VideoSwitcher() {
  const { videos, currentVideoId, openVideo } = useApp((s) => ({
    videos: s.videos,
    currentVideoId: s.currentVideoId,
    openVideo: s.openVideo,
  }));
  if (videos.length === 0) return null;
  return (
    <div className="video-switcher" role="group" aria-label="Videos of this game">
      {videos.map((video) => (
        <button
          key={video.id}
          type="button"
          className="video-switcher__video"
          aria-pressed={video.id === currentVideoId}
          onClick={() => openVideo(video.id)}
          title={video.path}
          data-testid={TID.videoSwitch}
          data-video={video.fileName}
        >
          {video.fileName}
        </button>
      ))}
    </div>
  );
}
