import { useRef, useState, type KeyboardEvent } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { PERIODS, STRENGTHS } from './taggingKeys.ts';

const OUTCOMES = ['goal', 'save', 'miss', 'blocked', 'won', 'lost', 'successful', 'failed'];

/**
 * Leaves a field with the keyboard so the hotkeys work again: Enter (Ctrl+Enter in the note)
 * blurs, and blur commits; Esc reverts, and the skip flag keeps that blur from committing.
 */
function leaveOnEnterOrEscape(event: KeyboardEvent<HTMLElement>, revert: () => void, skip: { current: boolean }) {
  if (event.key === 'Enter' && (!(event.currentTarget instanceof HTMLTextAreaElement) || event.ctrlKey)) {
    event.preventDefault();
    event.currentTarget.blur();
  } else if (event.key === 'Escape') {
    event.preventDefault();
    skip.current = true;
    revert();
    event.currentTarget.blur();
  }
}

/** Descriptors of the active event (the one just tagged, or picked in the list). */
export function DescriptorBar() {
  const { event } = useApp((s) => ({ event: s.events.find((e) => e.id === s.activeEventId) }));
  if (!event) {
    return (
      <section className="descriptor-bar muted" data-testid={TID.descriptorBar}>
        Tag an event (or pick one in the list) to add period, team, player, strength and outcome.
      </section>
    );
  }
  // Keyed by the stored version so the text fields show what was saved after each change.
  return <EventDescriptors key={`${event.id}:${event.updatedAt}`} event={event} />;
}

function EventDescriptors({ event }: { event: GameEvent }) {
  const { roster, setDescriptors, updateEvent } = useApp((s) => ({
    roster: s.roster,
    setDescriptors: s.setDescriptors,
    updateEvent: s.updateEvent,
  }));
  const d = event.descriptors;
  const [outcome, setOutcome] = useState(d.outcome ?? '');
  const [note, setNote] = useState(event.note);
  const skipCommit = useRef(false);
  const teamName = (side: 'home' | 'away') => roster.teams.find((t) => t.side === side)?.name ?? side;
  const commitOutcome = () => {
    if (skipCommit.current) return void (skipCommit.current = false);
    if (outcome.trim() !== (d.outcome ?? '')) void setDescriptors(event.id, { outcome: outcome.trim() || undefined });
  };
  const commitNote = () => {
    if (skipCommit.current) return void (skipCommit.current = false);
    if (note !== event.note) void updateEvent(event.id, { note }, `note on ${event.codeName}`);
  };

  return (
    <section
      className="descriptor-bar"
      aria-label={`Descriptors of ${event.codeName}`}
      data-testid={TID.descriptorBar}
      data-event={event.id}
    >
      <strong>{event.codeName}</strong>
      <span className="muted">
        f{event.startFrame}–f{event.endFrame}
      </span>
      <div
        className="seg"
        role="group"
        aria-label="Period (keys 1–5)"
        data-testid={TID.descPeriod}
        data-value={d.period ?? ''}
      >
        {PERIODS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={d.period === p}
            onClick={() => void setDescriptors(event.id, { period: d.period === p ? undefined : p })}
          >
            {p}
          </button>
        ))}
      </div>
      <div
        className="seg"
        role="group"
        aria-label="Team (Shift+H / Shift+A)"
        data-testid={TID.descTeam}
        data-value={d.team ?? ''}
      >
        {(['home', 'away'] as const).map((side) => (
          <button
            key={side}
            type="button"
            aria-pressed={d.team === side}
            onClick={() => void setDescriptors(event.id, { team: d.team === side ? undefined : side })}
          >
            {teamName(side)}
          </button>
        ))}
      </div>
      <select
        aria-label="Strength (W cycles)"
        value={d.strength ?? ''}
        onChange={(e) =>
          void setDescriptors(event.id, { strength: (e.target.value || undefined) as typeof d.strength })
        }
        data-testid={TID.descStrength}
      >
        <option value="">strength</option>
        {STRENGTHS.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </select>
      <select
        aria-label="Player (R, then type the number)"
        value={d.playerId ?? ''}
        onChange={(e) => {
          const player = roster.players.find((p) => p.id === e.target.value);
          const team = player ? roster.teams.find((t) => t.id === player.teamId)?.side : undefined;
          void setDescriptors(event.id, { playerId: player?.id, ...(team ? { team } : {}) });
        }}
        onKeyDown={(e) => leaveOnEnterOrEscape(e, () => undefined, { current: false })}
        data-testid={TID.descPlayer}
      >
        <option value="">player</option>
        {roster.players.map((p) => (
          <option key={p.id} value={p.id}>
            {p.number === null ? '' : `${p.number} `}
            {p.name} ({roster.teams.find((t) => t.id === p.teamId)?.side === 'away' ? 'A' : 'H'})
          </option>
        ))}
      </select>
      {d.trackId !== undefined ? <span className="badge">track {d.trackId}</span> : null}
      <input
        aria-label="Outcome (O)"
        list="outcomes"
        placeholder="outcome"
        value={outcome}
        maxLength={60}
        onChange={(e) => setOutcome(e.target.value)}
        onBlur={commitOutcome}
        onKeyDown={(e) => leaveOnEnterOrEscape(e, () => setOutcome(d.outcome ?? ''), skipCommit)}
        data-testid={TID.descOutcome}
      />
      <datalist id="outcomes">
        {OUTCOMES.map((o) => (
          <option key={o} value={o} />
        ))}
      </datalist>
      <textarea
        aria-label="Note (M; Ctrl+Enter saves)"
        placeholder="note"
        rows={1}
        value={note}
        maxLength={2000}
        onChange={(e) => setNote(e.target.value)}
        onBlur={commitNote}
        onKeyDown={(e) => leaveOnEnterOrEscape(e, () => setNote(event.note), skipCommit)}
        data-testid={TID.descNote}
      />
    </section>
  );
}
