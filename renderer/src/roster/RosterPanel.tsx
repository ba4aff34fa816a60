import { useState } from 'react';
import type { Team } from '../../../electron/contract/index.ts';
import { DEFAULT_TEAM_COLOURS } from '../store/rosterSlice.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { JerseyTeams } from './JerseyTeams.tsx';
import { TrackPanel } from './TrackPanel.tsx';

const POSITIONS = ['F', 'D', 'G'] as const;
type Position = (typeof POSITIONS)[number];

/** The game's two teams and their players; the picked track's link, merge and split. */
export function RosterPanel({ presentedTime }: { presentedTime: () => number | null }) {
  const { roster, game } = useApp((s) => ({ roster: s.roster, game: s.games.find((g) => g.id === s.selectedGameId) }));
  return (
    <section className="roster" aria-label="Roster" data-testid={TID.roster}>
      <h3>Roster</h3>
      {(['home', 'away'] as const).map((side) => (
        <TeamForm
          key={`${side}:${roster.teams.find((t) => t.side === side)?.updatedAt ?? ''}`}
          side={side}
          team={roster.teams.find((t) => t.side === side)}
          fallbackName={side === 'home' ? (game?.home ?? '') : (game?.away ?? '')}
        />
      ))}
      <JerseyTeams />
      <PlayerForm />
      <ul className="player-rows">
        {roster.players.map((p) => (
          <PlayerRow key={p.id} id={p.id} />
        ))}
      </ul>
      <TrackPanel presentedTime={presentedTime} />
    </section>
  );
}

function TeamForm({ side, team, fallbackName }: { side: Team['side']; team: Team | undefined; fallbackName: string }) {
  const { saveTeam } = useApp((s) => ({ saveTeam: s.saveTeam }));
  const [name, setName] = useState(team?.name ?? fallbackName);
  const [colour, setColour] = useState(team?.colour ?? DEFAULT_TEAM_COLOURS[side]);
  const changed = !team || team.name !== name.trim() || team.colour !== colour;
  return (
    <form
      className="team-form"
      data-side={side}
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void saveTeam(side, name.trim(), colour);
      }}
    >
      <span className="team-form__side">{side}</span>
      <input
        aria-label={`${side} team name`}
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        data-testid={TID.teamName}
        data-side={side}
      />
      <input
        aria-label={`${side} team colour`}
        type="color"
        value={colour}
        onChange={(e) => setColour(e.target.value)}
        data-testid={TID.teamColour}
        data-side={side}
      />
      <button type="submit" disabled={!changed || name.trim() === ''} data-testid={TID.teamSave} data-side={side}>
        {team ? 'Save' : 'Add team'}
      </button>
    </form>
  );
}

/** Adds a player to either of the game's teams; a team not on the roster yet is added with it. */
function PlayerForm() {
  const { teams, game, savePlayer, teamFor } = useApp((s) => ({
    teams: s.roster.teams,
    game: s.games.find((g) => g.id === s.selectedGameId),
    savePlayer: s.savePlayer,
    teamFor: s.teamFor,
  }));
  const [side, setSide] = useState<Team['side']>('home');
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [position, setPosition] = useState<Position | ''>('');
  if (!game) return null;
  const teamName = (s: Team['side']) => teams.find((t) => t.side === s)?.name ?? game[s];
  const parsedNumber = number.trim() === '' ? null : Number(number);
  const numberOk = parsedNumber === null || (Number.isInteger(parsedNumber) && parsedNumber >= 0 && parsedNumber <= 99);
  return (
    <form
      className="player-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!name.trim() || !numberOk) return;
        void teamFor(side)
          .then((teamId) =>
            teamId === null
              ? false
              : savePlayer(null, { teamId, name: name.trim(), number: parsedNumber, position: position || null }),
          )
          .then((ok) => {
            if (ok) {
              setName('');
              setNumber('');
            }
          });
      }}
    >
      <select
        aria-label="Team"
        value={side}
        onChange={(e) => setSide(e.target.value as Team['side'])}
        data-testid={TID.playerTeam}
      >
        {(['home', 'away'] as const).map((s) => (
          <option key={s} value={s}>
            {teamName(s)}
          </option>
        ))}
      </select>
      <input
        aria-label="Number"
        placeholder="#"
        inputMode="numeric"
        size={3}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        className={numberOk ? undefined : 'invalid'}
        data-testid={TID.playerNumber}
      />
      <input
        aria-label="Player name"
        placeholder="player name"
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        data-testid={TID.playerName}
      />
      <select
        aria-label="Position"
        value={position}
        onChange={(e) => setPosition(e.target.value as Position | '')}
        data-testid={TID.playerPosition}
      >
        <option value="">pos</option>
        {POSITIONS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
      <button type="submit" disabled={!name.trim() || !numberOk} data-testid={TID.playerAdd}>
        Add player
      </button>
    </form>
  );
}

function PlayerRow({ id }: { id: string }) {
  const { player, team, deletePlayer, savePlayer } = useApp((s) => {
    const player = s.roster.players.find((p) => p.id === id);
    return {
      player,
      team: s.roster.teams.find((t) => t.id === player?.teamId),
      deletePlayer: s.deletePlayer,
      savePlayer: s.savePlayer,
    };
  });
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState('');
  const [number, setNumber] = useState('');
  const [position, setPosition] = useState<Position | ''>('');
  if (!player) return null;
  const parsedNumber = number.trim() === '' ? null : Number(number);
  const numberOk = parsedNumber === null || (Number.isInteger(parsedNumber) && parsedNumber >= 0 && parsedNumber <= 99);
  const startEditing = () => {
    setName(player.name);
    setNumber(player.number === null ? '' : String(player.number));
    setPosition(player.position ?? '');
    setEditing(true);
  };

  if (editing) {
    return (
      <li
        className="player-row"
        style={{ borderLeftColor: team?.colour }}
        data-testid={TID.playerRow}
        data-player={player.name}
      >
        <form
          className="player-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (!name.trim() || !numberOk) return;
            const fields = {
              teamId: player.teamId,
              name: name.trim(),
              number: parsedNumber,
              position: position || null,
            };
            void savePlayer(player.id, fields).then((ok) => ok && setEditing(false));
          }}
        >
          <input
            aria-label="Number"
            size={3}
            value={number}
            onChange={(e) => setNumber(e.target.value)}
            className={numberOk ? undefined : 'invalid'}
          />
          <input aria-label="Player name" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} />
          <select aria-label="Position" value={position} onChange={(e) => setPosition(e.target.value as Position | '')}>
            <option value="">pos</option>
            {POSITIONS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
          <button type="submit" disabled={!name.trim() || !numberOk}>
            Save
          </button>
          <button type="button" onClick={() => setEditing(false)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li
      className="player-row"
      style={{ borderLeftColor: team?.colour }}
      data-testid={TID.playerRow}
      data-player={player.name}
    >
      <span className="player-row__number">{player.number ?? '–'}</span>
      <span>{player.name}</span>
      <span className="muted">{player.position ?? ''}</span>
      <span className="muted">{team?.side}</span>
      <button type="button" onClick={startEditing} aria-label={`Edit ${player.name}`}>
        ✎
      </button>
      <button
        type="button"
        className="danger"
        onClick={() => void deletePlayer(player.id)}
        aria-label={`Delete ${player.name}`}
        data-testid={TID.playerDelete}
      >
        ✕
      </button>
    </li>
  );
}
