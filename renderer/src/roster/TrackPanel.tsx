import { useState } from 'react';
import { frameIndexAt } from '../lib/frames.ts';
import { useApp } from '../store/useApp.ts';
import { timingOf } from '../tagging/eventTiming.ts';
import { TID } from '../testids.ts';
import { TrackTeam } from './TrackTeam.tsx';

/**
 * The picked track (a clicked box on the overlay, or chosen here): link it to a player, unlink,
 * merge another track into it, split it at the shown frame.
 */
export function TrackPanel({ presentedTime }: { presentedTime: () => number | null }) {
  const s = useApp((st) => ({
    runs: st.trackRuns,
    runId: st.tracksRunId,
    tracks: st.tracks,
    picked: st.pickedTrack,
    players: st.roster.players,
    video: st.videos.find((v) => v.id === st.currentVideoId),
    pickTrack: st.pickTrack,
    chooseTrackRun: st.chooseTrackRun,
    linkTrack: st.linkTrack,
    mergeIntoPicked: st.mergeIntoPicked,
    splitPicked: st.splitPicked,
  }));
  const [linkTo, setLinkTo] = useState('');
  const [mergeId, setMergeId] = useState('');
  if (!s.video) return null;
  if (s.runs.length === 0) return <p className="muted">Run an analysis on this video to link its tracks to players.</p>;
  const row = s.picked
    ? s.tracks.find((t) => t.runId === s.picked?.runId && t.trackId === s.picked.trackId)
    : undefined;
  const linked = s.players.find((p) => p.id === row?.playerId);
  const label = (playerId: string | null) => {
    const p = s.players.find((x) => x.id === playerId);
    return p ? ` · ${p.number ?? ''} ${p.name}` : '';
  };
  const video = s.video;
  const splitHere = () => {
    const timeS = presentedTime();
    if (timeS !== null) void s.splitPicked(frameIndexAt(timingOf(video.probe), timeS));
  };

  return (
    <div className="track-panel">
      <h3>Track</h3>
      <select
        aria-label="Analysis run"
        value={s.runId ?? ''}
        onChange={(e) => s.chooseTrackRun(e.target.value)}
        data-testid={TID.trackRun}
      >
        {s.runs.map((r) => (
          <option key={r.id} value={r.id}>
            {r.modelName} · {r.status} · {r.createdAt.slice(0, 16).replace('T', ' ')}
          </option>
        ))}
      </select>
      <select
        aria-label="Track"
        value={s.picked ? String(s.picked.trackId) : ''}
        onChange={(e) =>
          s.pickTrack(e.target.value === '' || !s.runId ? null : { runId: s.runId, trackId: Number(e.target.value) })
        }
        data-testid={TID.trackSelect}
      >
        <option value="">pick a track (or click a box)</option>
        {s.tracks.map((t) => (
          <option key={t.trackId} value={t.trackId}>
            #{t.trackId} · f{t.firstFrame}–f{t.lastFrame}
            {label(t.playerId)}
          </option>
        ))}
      </select>
      {s.picked ? (
        <>
          <p data-testid={TID.trackLinked} data-player={linked?.name ?? ''}>
            Track {s.picked.trackId}: {linked ? `${linked.number ?? ''} ${linked.name}`.trim() : 'not linked'}
          </p>
          <TrackTeam runId={s.picked.runId} trackId={s.picked.trackId} />
          <div className="track-actions">
            <select
              aria-label="Player to link"
              value={linkTo}
              onChange={(e) => setLinkTo(e.target.value)}
              data-testid={TID.trackPlayer}
            >
              <option value="">player…</option>
              {s.players.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.number ?? ''} {p.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              disabled={!linkTo}
              onClick={() => void s.linkTrack(linkTo)}
              data-testid={TID.trackLink}
            >
              Link
            </button>
            <button
              type="button"
              disabled={!linked}
              onClick={() => void s.linkTrack(null)}
              data-testid={TID.trackUnlink}
            >
              Unlink
            </button>
          </div>
          <div className="track-actions">
            <select
              aria-label="Track to merge in"
              value={mergeId}
              onChange={(e) => setMergeId(e.target.value)}
              data-testid={TID.trackMergeSelect}
            >
              <option value="">merge track…</option>
              {s.tracks
                .filter((t) => t.trackId !== s.picked?.trackId)
                .map((t) => (
                  <option key={t.trackId} value={t.trackId}>
                    #{t.trackId}
                  </option>
                ))}
            </select>
            <button
              type="button"
              disabled={!mergeId}
              title="Merging cannot be undone (the engine has no unmerge)"
              onClick={() => void s.mergeIntoPicked(Number(mergeId)).then(() => setMergeId(''))}
              data-testid={TID.trackMerge}
            >
              Merge into #{s.picked.trackId}
            </button>
            <button
              type="button"
              onClick={splitHere}
              title="From the shown frame on it is a new track"
              data-testid={TID.trackSplit}
            >
              Split at shown frame
            </button>
          </div>
        </>
      ) : null}
    </div>
  );
}
