import { useState, type DragEvent, type ReactNode } from 'react';
import type { RinksideFiles } from '../../../electron/contract/index.ts';
import { droppedPaths } from '../lib/droppedFiles.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a browser, which never learns a file's path. */
    rinksideFiles?: RinksideFiles;
  }
}

const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer.types).includes('Files');

/** Video files dropped anywhere on the window are imported into the open game. */
export function DropImport({ children }: { children: ReactNode }) {
  const { hasGame, importVideos, showError } = useApp((s) => ({
    hasGame: s.selectedGameId !== null,
    importVideos: s.importVideos,
    showError: s.showError,
  }));
  const [over, setOver] = useState(false);

  const onDrop = (event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    setOver(false);
    if (!hasGame) {
      showError(
        { kind: 'invalid-args', message: 'Open or create a game first: videos are imported into a game.' },
        'Importing',
      );
      return;
    }
    const files = window.rinksideFiles;
    const { paths, withoutPath } = droppedPaths(
      Array.from(event.dataTransfer.files),
      files ? (file) => files.pathForFile(file) : null,
    );
    if (withoutPath.length > 0) {
      showError(
        {
          kind: 'invalid-args',
          message: `No path for ${withoutPath.join(', ')} here: type the file's path in the Library's import field.`,
        },
        'Importing dropped files',
      );
    }
    if (paths.length > 0) void importVideos(paths);
  };

  return (
    <div
      className={`drop-import${over ? ' drop-import--over' : ''}`}
      data-testid={TID.dropZone}
      onDragOver={(event) => {
        if (!carriesFiles(event)) return;
        // Without this the browser opens the dropped video in place of the app.
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(event) => {
        if (event.currentTarget === event.target) setOver(false);
      }}
      onDrop={onDrop}
    >
      {children}
      {over ? (
        <div className="drop-import__hint" aria-hidden="true">
          Drop to import into this game
        </div>
      ) : null}
    </div>
  );
}
