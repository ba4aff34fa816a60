import { useState, type FormEvent } from 'react';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

function today(): string {
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function NewGameForm() {
  const { createGame } = useApp((s) => ({ createGame: s.createGame }));
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today);
  const [home, setHome] = useState('');
  const [away, setAway] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const created = await createGame({ title: title.trim(), date, home: home.trim(), away: away.trim() });
    setBusy(false);
    if (created) {
      setTitle('');
      setHome('');
      setAway('');
    }
  };

  const ready = title.trim() !== '' && home.trim() !== '' && away.trim() !== '' && date !== '';
  return (
    <form className="new-game" onSubmit={submit} aria-label="New game">
      <label>
        Title
        <input
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={200}
          required
          data-testid={TID.newGameTitle}
        />
      </label>
      <label>
        Date
        <input
          type="date"
          value={date}
          onChange={(e) => setDate(e.target.value)}
          required
          data-testid={TID.newGameDate}
        />
      </label>
      <label>
        Home
        <input
          value={home}
          onChange={(e) => setHome(e.target.value)}
          maxLength={100}
          required
          data-testid={TID.newGameHome}
        />
      </label>
      <label>
        Away
        <input
          value={away}
          onChange={(e) => setAway(e.target.value)}
          maxLength={100}
          required
          data-testid={TID.newGameAway}
        />
      </label>
      <button type="submit" disabled={!ready || busy} data-testid={TID.newGameSubmit}>
        Create game
      </button>
    </form>
  );
}
