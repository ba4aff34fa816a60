import { useEffect } from 'react';
import type { Affiliation } from '../../../electron/contract/index.ts';
import { jerseyColours } from '../overlay/trackStyle.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

export const AFFILIATION_LABELS: Record<Affiliation, string> = {
  'team-a': 'Team A',
  'team-b': 'Team B',
  official: 'Official',
  'off-ice': 'Off ice',
};

/** Alt+1…4 set the picked track's affiliation (in this order), Alt+0 takes the correction back. */
export const AFFILIATION_KEYS: readonly Affiliation[] = ['team-a', 'team-b', 'official', 'off-ice'];

/** The picked track's team, official or off-ice, as measured or as the analyst corrected it. */
export function TrackTeam({ runId, trackId }: { runId: string; trackId: number }) {
  const s = useApp((st) => ({
    affiliations: st.affiliations,
    roster: st.roster,
    homeGroup: st.affiliations?.homeGroup ?? null,
    setTrackAffiliation: st.setTrackAffiliation,
  }));
  const { setTrackAffiliation } = s;
  const ours = s.affiliations?.runId === runId ? s.affiliations : null;
  const track = ours?.tracks.find((t) => t.trackId === trackId);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const digit = /^Digit([0-4])$/.exec(event.code)?.[1];
      if (digit === undefined) return;
      event.preventDefault();
      void setTrackAffiliation(runId, trackId, digit === '0' ? null : AFFILIATION_KEYS[Number(digit) - 1]!);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [runId, trackId, setTrackAffiliation]);

  if (!ours) return null;
  const palette = jerseyColours(ours, s.roster);
  const sideName = (a: Affiliation) =>
    (a === 'team-a' || a === 'team-b') && s.homeGroup ? (a === s.homeGroup ? ' (home)' : ' (away)') : '';
  return (
    <div className="track-team" role="group" aria-label={`Team of track ${trackId}`}>
      <span data-testid={TID.trackAffiliation} data-affiliation={track?.affiliation ?? ''}>
        {track
          ? `${AFFILIATION_LABELS[track.affiliation]}${sideName(track.affiliation)}${
              track.corrected ? ' · set by you' : ` · ${Math.round(track.confidence * 100)} % sure`
            }`
          : 'no jersey seen'}
      </span>
      {AFFILIATION_KEYS.map((a, k) => (
        <button
          key={a}
          type="button"
          aria-pressed={track?.affiliation === a}
          title={`Alt+${k + 1}`}
          onClick={() => void setTrackAffiliation(runId, trackId, a)}
          data-testid={`${TID.trackSetAffiliation}-${a}`}
        >
          <span className="swatch" style={{ background: palette[a] }} aria-hidden="true" />
          {AFFILIATION_LABELS[a]}
          {sideName(a)}
        </button>
      ))}
      {track?.corrected ? (
        <button
          type="button"
          className="link"
          title="Alt+0"
          onClick={() => void setTrackAffiliation(runId, trackId, null)}
          data-testid={TID.trackMeasuredAffiliation}
        >
          measured
        </button>
      ) : null}
    </div>
  );
}
