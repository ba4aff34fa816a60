import type { Affiliation, JerseyGroup } from '../../../electron/contract/index.ts';
import { jerseyColours } from '../overlay/trackStyle.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { AFFILIATION_LABELS } from './TrackTeam.tsx';

const GROUPS: readonly JerseyGroup[] = ['team-a', 'team-b'];
const SHOWN: readonly Affiliation[] = ['team-a', 'team-b', 'official', 'off-ice'];

/**
 * The analysis's jersey clusters for the shown run: which one is the home team (one click per
 * game; until then the measured jersey colours are shown), and the tracks in each, so linking
 * tracks to a team's players starts from the right few.
 */
export function JerseyTeams() {
  const s = useApp((st) => ({
    affiliations: st.affiliations,
    roster: st.roster,
    gameId: st.selectedGameId,
    game: st.games.find((g) => g.id === st.selectedGameId),
    setHomeJersey: st.setHomeJersey,
    pickTrack: st.pickTrack,
  }));
  const a = s.affiliations;
  if (!a || a.tracks.length === 0 || !s.gameId) return null;
  const gameId = s.gameId;
  const palette = jerseyColours(a, s.roster);
  // The roster's team name, else the name the game was created with.
  const teamName = (side: 'home' | 'away') =>
    s.roster?.teams.find((t) => t.side === side)?.name ?? s.game?.[side] ?? side;
  return (
    <section className="jersey-teams" aria-label="Teams by jersey">
      <h3>Teams by jersey</h3>
      <p className="muted">
        {a.homeGroup ? 'Home jersey chosen; click the other to swap.' : 'Which jersey is the home team? Click it once.'}
      </p>
      <div className="jersey-teams__home">
        {GROUPS.filter((g) => a.colours[g]).map((g) => (
          <button
            key={g}
            type="button"
            aria-pressed={a.homeGroup === g}
            onClick={() => void s.setHomeJersey(gameId, g)}
            data-testid={`${TID.jerseyHome}-${g}`}
          >
            <span className="swatch" style={{ background: a.colours[g] }} aria-hidden="true" />
            {AFFILIATION_LABELS[g]}
            {a.homeGroup ? ` · ${teamName(a.homeGroup === g ? 'home' : 'away')}` : ''}
          </button>
        ))}
      </div>
      <ul className="jersey-teams__tracks">
        {SHOWN.map((aff) => {
          const ids = a.tracks.filter((t) => t.affiliation === aff).map((t) => t.trackId);
          if (ids.length === 0) return null;
          return (
            <li key={aff} data-testid={`${TID.jerseyTracks}-${aff}`} data-tracks={ids.join(',')}>
              <span className="swatch" style={{ background: palette[aff] }} aria-hidden="true" />
              {AFFILIATION_LABELS[aff]}:{' '}
              {ids.map((id) => (
                <button
                  key={id}
                  type="button"
                  className="link"
                  onClick={() => s.pickTrack({ runId: a.runId, trackId: id })}
                >
                  #{id}
                </button>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
