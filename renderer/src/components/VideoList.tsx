import { describeProbe, shortHash } from '../lib/videoMeta.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { TeamUpload } from './TeamUpload.tsx';

export function VideoList() {
  const { videos, currentVideoId, openVideo } = useApp((s) => ({
    videos: s.videos,
    currentVideoId: s.currentVideoId,
    openVideo: s.openVideo,
  }));
  if (videos.length === 0) return <p className="muted">No videos in this game yet — import one above.</p>;
  return (
    <ul className="video-list" aria-label="Videos">
      {videos.map((video) => (
        <li key={video.id}>
          <button
            type="button"
            className={video.id === currentVideoId ? 'video-item video-item--open' : 'video-item'}
            aria-current={video.id === currentVideoId ? 'true' : undefined}
            onClick={() => openVideo(video.id)}
            title={video.path}
            data-testid={TID.videoItem}
          >
            <span className="video-item__name">{video.fileName}</span>
            <span className="video-item__meta" data-testid={TID.videoMeta}>
              {describeProbe(video.probe).join(' · ')} · sha256 {shortHash(video.sha256)}
              {video.proxyPath ? ' · playable copy' : ''}
            </span>
          </button>
          <TeamUpload video={video} />
        </li>
      ))}
    </ul>
  );
}
