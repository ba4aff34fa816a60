import { useEffect, useState, type FormEvent } from 'react';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/**
 * "Share with team…" for the open game. A game made here is the analyst's own until shared; an
 * analyst in two teams picks which. A shared game (or a teammate's) says whose it is.
 */
export function ShareGame() {
  const { game, sync, teams, shareGame, syncBusy, loadTeams } = useApp((s) => ({
    game: s.games.find((g) => g.id === s.selectedGameId) ?? null,
    sync: s.sync,
    teams: s.teams,
    shareGame: s.shareGame,
    syncBusy: s.syncBusy,
    loadTeams: s.loadTeams,
  }));
  const [open, setOpen] = useState(false);
  const [teamId, setTeamId] = useState('');
  // An analyst in one team has nothing to pick: that team is chosen once the list is in.
  const onlyTeam = teams.length === 1 ? (teams[0]?.id ?? '') : '';
  useEffect(() => {
    if (open && onlyTeam) setTeamId((current) => current || onlyTeam);
  }, [open, onlyTeam]);
  if (!game || !sync?.project) return null;

  if (game.teamId) {
    const team = teams.find((t) => t.id === game.teamId);
    return (
      <p className="muted" data-testid={TID.shareShared}>
        {game.fromTeammate ? 'A teammate’s game, ' : 'Shared '}with {team ? team.name : 'your team'}.
      </p>
    );
  }
  if (!sync.account) return <p className="muted">Sign in (Cloud tab) to share this game with your team.</p>;

  if (!open) {
    return (
      <div className="field-row">
        <button
          type="button"
          onClick={() => {
            setOpen(true);
            setTeamId('');
            void loadTeams();
          }}
          data-testid={TID.shareOpen}
        >
          Share with team…
        </button>
      </div>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (teamId && (await shareGame(game.id, teamId))) setOpen(false);
  };
  return (
    <form
      className="field-row"
      onSubmit={submit}
      aria-label="Share with team"
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      <label className="field-row__grow">
        Team
        <select
          value={teamId}
          onChange={(e) => setTeamId(e.target.value)}
          autoFocus
          required
          data-testid={TID.shareTeam}
        >
          <option value="" disabled>
            {teams.length === 0 ? 'You are in no team yet' : 'Pick a team…'}
          </option>
          {teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!teamId || syncBusy} data-testid={TID.shareSubmit}>
        Share
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        Cancel
      </button>
      <p className="muted">Everyone in the team will see this game, its events, roster and analysis.</p>
    </form>
  );
}
