import { useEffect, useMemo, useState } from 'react';
import type { EventDataFormat, Overlays } from '../../../electron/contract/index.ts';
import { appStore, useApp } from '../store/useApp.ts';
import { filterEvents } from '../tagging/eventFilter.ts';
import { TID } from '../testids.ts';

const ALL_OVERLAYS: Overlays = { boxes: true, ids: true, names: true, caption: true };
const DATA_EXTENSIONS: Record<EventDataFormat, string> = { csv: 'csv', json: 'json', sportscode: 'xml' };

/**
 * Export: the events the event list shows (its filter and search), or a hand-picked subset of
 * them, as one clip each or one reel, with or without overlays; event data as CSV/JSON/Sportscode;
 * a Sportscode XML import; the selected run's tracks as MOT text. Progress and cancel are the job
 * bars above (per clip in the stage text, overall in the bar and ETA).
 */
export function ExportPanel() {
  const { events, eventFilter, players, runId, exportMessage, savedTo, playlists, gameId, openVideoId, nativeDialogs } =
    useApp((s) => ({
      events: s.events,
      eventFilter: s.eventFilter,
      players: s.roster.players,
      runId: s.selectedRunId,
      exportMessage: s.exportMessage,
      savedTo: s.savedTo,
      playlists: s.playlists,
      gameId: s.selectedGameId,
      openVideoId: s.currentVideoId,
      nativeDialogs: s.appInfo?.nativeDialogs === true,
    }));
  useEffect(() => {
    void appStore.getState().loadPlaylists();
  }, [gameId]);
  const [playlistId, setPlaylistId] = useState('');
  const [playlistName, setPlaylistName] = useState('');
  const playlist = playlists.find((p) => p.id === playlistId) ?? null;
  const filtered = useMemo(
    () => filterEvents(events, eventFilter, players, openVideoId),
    [events, eventFilter, players, openVideoId],
  );
  // A playlist plays in its own order; events deleted since it was saved drop out.
  const shown = useMemo(() => {
    if (!playlist) return filtered;
    const byId = new Map(events.map((e) => [e.id, e]));
    return playlist.eventIds.flatMap((id) => byId.get(id) ?? []);
  }, [playlist, filtered, events]);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [mode, setMode] = useState<'clips' | 'reel'>('clips');
  const [overlays, setOverlays] = useState<Overlays>(ALL_OVERLAYS);
  const [clean, setClean] = useState(false);
  const [outDir, setOutDir] = useState('');
  const [format, setFormat] = useState<EventDataFormat>('csv');
  const [dataPath, setDataPath] = useState('');
  const selected = picked.size > 0 ? shown.filter((e) => picked.has(e.id)) : shown;
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <section className="export-panel" data-testid={TID.exportPanel} aria-label="Export">
      <section className="pane-section" aria-label="Which events">
        <h2 className="pane-section__title">Which events</h2>
        <p className="muted">
          {picked.size > 0
            ? `${selected.length} picked`
            : playlist
              ? `All ${shown.length} events of the playlist “${playlist.name}”`
              : `All ${shown.length} events in the list`}{' '}
          — filter in the event list, choose a playlist, or tick events here to hand-pick.
        </p>
        <label>
          From
          <select
            data-testid={TID.exportPlaylist}
            value={playlistId}
            onChange={(e) => {
              setPlaylistId(e.target.value);
              setPicked(new Set());
            }}
          >
            <option value="">events in the list</option>
            {playlists.map((p) => (
              <option key={p.id} value={p.id}>
                playlist: {p.name} ({p.eventIds.length})
              </option>
            ))}
          </select>
        </label>
        {shown.length === 0 ? (
          <p className="empty-state muted">No events to export yet: tag some with the code window.</p>
        ) : (
          <ul className="export-events">
            {shown.map((event) => (
              <li key={event.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid={TID.exportPick}
                    checked={picked.has(event.id)}
                    onChange={() => toggle(event.id)}
                  />
                  {event.codeName} · frames {event.startFrame}–{event.endFrame}
                </label>
              </li>
            ))}
          </ul>
        )}
        <div className="field-row">
          <input
            aria-label="Playlist name"
            data-testid={TID.exportPlaylistName}
            placeholder="playlist name"
            value={playlistName}
            onChange={(e) => setPlaylistName(e.target.value)}
          />
          <button
            type="button"
            data-testid={TID.exportPlaylistSave}
            disabled={playlistName.trim() === '' || selected.length === 0}
            onClick={() =>
              void appStore
                .getState()
                .savePlaylist(
                  playlistName.trim(),
                  selected.map((e) => e.id),
                )
                .then((saved) => saved && setPlaylistId(saved.id))
            }
          >
            Save as playlist
          </button>
          {playlist && (
            <button
              type="button"
              onClick={() =>
                void appStore
                  .getState()
                  .deletePlaylist(playlist.id)
                  .then(() => setPlaylistId(''))
              }
            >
              Delete playlist
            </button>
          )}
        </div>
      </section>
      <section className="pane-section" aria-label="Video clips">
        <h2 className="pane-section__title">Video clips</h2>
        <label>
          As
          <select
            data-testid={TID.exportMode}
            value={mode}
            onChange={(e) => setMode(e.target.value as 'clips' | 'reel')}
          >
            <option value="clips">one clip per event</option>
            <option value="reel">one highlight reel</option>
          </select>
        </label>
        <div className="check-group" role="group" aria-label="Overlay in the video">
          <label className="check">
            <input
              type="checkbox"
              data-testid={TID.exportClean}
              checked={clean}
              onChange={(e) => setClean(e.target.checked)}
            />
            clean (no overlay)
          </label>
          {(Object.keys(ALL_OVERLAYS) as (keyof Overlays)[]).map((key) => (
            <label key={key} className="check">
              <input
                type="checkbox"
                disabled={clean}
                checked={overlays[key]}
                onChange={(e) => setOverlays({ ...overlays, [key]: e.target.checked })}
              />
              {key}
            </label>
          ))}
        </div>
        <label>
          Into the folder
          <input
            data-testid={TID.exportDir}
            placeholder="/path/to/output folder"
            value={outDir}
            onChange={(e) => setOutDir(e.target.value)}
          />
        </label>
        {nativeDialogs && (
          <button
            type="button"
            onClick={() =>
              void appStore
                .getState()
                .chooseExportFolder()
                .then((dir) => dir && setOutDir(dir))
            }
          >
            Choose folder…
          </button>
        )}
        <button
          type="button"
          className="primary"
          data-testid={TID.exportStart}
          disabled={selected.length === 0 || outDir.trim() === ''}
          onClick={() =>
            void appStore.getState().exportClips(
              selected.map((e) => e.id),
              mode,
              clean ? null : overlays,
              outDir.trim(),
            )
          }
        >
          Export {selected.length}
        </button>
      </section>
      <section className="pane-section" aria-label="Event data">
        <h2 className="pane-section__title">Event data and tracks</h2>
        <div className="field-row">
          <label>
            Format
            <select
              data-testid={TID.exportFormat}
              value={format}
              onChange={(e) => setFormat(e.target.value as EventDataFormat)}
            >
              <option value="csv">CSV</option>
              <option value="json">JSON</option>
              <option value="sportscode">Sportscode XML</option>
            </select>
          </label>
          <label className="field-row__grow">
            File
            <input
              data-testid={TID.exportDataPath}
              placeholder="/path/to/events.csv"
              value={dataPath}
              onChange={(e) => setDataPath(e.target.value)}
            />
          </label>
          {nativeDialogs && (
            <button
              type="button"
              onClick={() => {
                const ext = DATA_EXTENSIONS[format];
                void appStore
                  .getState()
                  .chooseSaveFile(`events.${ext}`, [ext])
                  .then((file) => file && setDataPath(file));
              }}
            >
              Save as…
            </button>
          )}
        </div>
        <div className="field-row">
          <button
            type="button"
            data-testid={TID.exportData}
            disabled={dataPath.trim() === ''}
            onClick={() => void appStore.getState().exportEventData(format, dataPath.trim())}
          >
            Export data
          </button>
          <button
            type="button"
            disabled={dataPath.trim() === ''}
            onClick={() => void appStore.getState().importSportscode(dataPath.trim())}
          >
            Import Sportscode XML
          </button>
          <button
            type="button"
            disabled={dataPath.trim() === '' || runId === null}
            onClick={() => runId && void appStore.getState().exportTracks(runId, dataPath.trim())}
          >
            Export tracks (MOT)
          </button>
        </div>
      </section>
      {exportMessage || savedTo ? (
        <div className="export-result" role="status">
          {exportMessage ? <p data-testid={TID.exportMessage}>{exportMessage}</p> : null}
          {savedTo ? (
            <p className="export-result__saved">
              <span data-testid={TID.exportSavedTo}>saved to {savedTo}</span>{' '}
              <button
                type="button"
                onClick={() => void appStore.getState().revealSaved()}
                data-testid={TID.exportReveal}
              >
                Reveal
              </button>
            </p>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
