import { useState, type FormEvent } from 'react';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/** Type an absolute path (works everywhere), or Browse… where the shell has native dialogs. */
export function ImportForm() {
  const { importVideos, pickVideos, nativeDialogs } = useApp((s) => ({
    importVideos: s.importVideos,
    pickVideos: s.pickVideos,
    nativeDialogs: s.appInfo?.nativeDialogs === true,
  }));
  const [path, setPath] = useState('');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = path.trim();
    if (!trimmed) return;
    setPath('');
    await importVideos([trimmed]);
  };

  const browse = async () => {
    const paths = await pickVideos();
    if (paths.length > 0) await importVideos(paths);
  };

  return (
    <form className="import-form" onSubmit={submit} aria-label="Import video">
      <label className="import-form__path">
        Video file
        <input
          value={path}
          onChange={(e) => setPath(e.target.value)}
          placeholder="/path/to/game.mp4"
          spellCheck={false}
          data-testid={TID.importPath}
        />
      </label>
      <button type="submit" disabled={path.trim() === ''} data-testid={TID.importSubmit}>
        Import
      </button>
      {nativeDialogs ? (
        <button type="button" onClick={() => void browse()} data-testid={TID.importBrowse}>
          Browse…
        </button>
      ) : null}
    </form>
  );
}
