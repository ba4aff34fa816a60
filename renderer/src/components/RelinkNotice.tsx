import { useState, type FormEvent } from 'react';
import type { Video } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/**
 * The video's file moved or was replaced since import: point Rinkside at it again. Rinkside checks
 * the file is the same video (its SHA-256) before using it, so tags and analyses stay right.
 */
export function RelinkNotice({ video }: { video: Video }) {
  const { relinkVideo, pickVideos, nativeDialogs } = useApp((s) => ({
    relinkVideo: s.relinkVideo,
    pickVideos: s.pickVideos,
    nativeDialogs: s.appInfo?.nativeDialogs === true,
  }));
  const [path, setPath] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await relinkVideo(path);
  };

  const browse = async () => {
    const [picked] = await pickVideos();
    if (picked) await relinkVideo(picked);
  };

  return (
    <form className="relink-notice" onSubmit={submit} aria-label="Re-link video" data-testid={TID.relinkNotice}>
      <p>
        <strong>{video.fileName}</strong> changed on disk since it was imported (moved, replaced or edited), so it is
        not played. Show Rinkside where the original file is now.
      </p>
      <label>
        Video file
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder={video.path}
          spellCheck={false}
          data-testid={TID.relinkPath}
        />
      </label>
      <button type="submit" disabled={path.trim() === ''}>
        Re-link
      </button>
      {nativeDialogs ? (
        <button type="button" onClick={() => void browse()}>
          Browse…
        </button>
      ) : null}
    </form>
  );
}
