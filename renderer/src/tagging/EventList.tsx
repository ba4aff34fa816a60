import { useEffect, useMemo, useRef } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { formatTimecode } from '../lib/timecode.ts';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { EventEditor } from './EventEditor.tsx';
import { filterEvents } from './eventFilter.ts';
import { PERIODS } from './taggingKeys.ts';

interface Props {
  /** Shows the event's first frame in the player (double-click or Enter). */
  jumpTo: (event: GameEvent) => void;
}

/** The game's events: filter, search, sort; the active one opens its editor under its row. */
export function EventList({ jumpTo }: Props) {
  const { events, codes, roster, filter, activeEventId, setActiveEvent, setEventFilter, videos, openVideoId } = useApp(
    (s) => ({
      videos: s.videos,
      openVideoId: s.currentVideoId,
      events: s.events,
      codes: s.codes,
      roster: s.roster,
      filter: s.eventFilter,
      activeEventId: s.activeEventId,
      setActiveEvent: s.setActiveEvent,
      setEventFilter: s.setEventFilter,
    }),
  );
  const shown = useMemo(
    () => filterEvents(events, filter, roster.players, openVideoId),
    [events, filter, roster.players, openVideoId],
  );
  const videoName = (id: string) => videos.find((v) => v.id === id)?.fileName ?? 'a removed video';
  const severalVideos = videos.length > 1;
  const activeShown = shown.find((e) => e.id === activeEventId) ?? null;
  const colourOf = (codeId: string) => codes.find((c) => c.id === codeId)?.colour ?? '#9e9e9e';
  const playerOf = (id: string | undefined) => roster.players.find((p) => p.id === id);
  const activeRow = useRef<HTMLLIElement | null>(null);

  // ↑/↓ move the active event: keep it in view.
  useEffect(() => {
    activeRow.current?.scrollIntoView({ block: 'nearest' });
  }, [activeEventId]);

  return (
    <section className="event-list" aria-label="Events" data-testid={TID.eventList}>
      <div className="panel-head">
        <h3>
          Events{' '}
          <span className="muted">
            ({shown.length === events.length ? events.length : `${shown.length} of ${events.length}`})
          </span>
        </h3>
        {severalVideos ? (
          <button
            type="button"
            aria-pressed={filter.scope === 'game'}
            onClick={() => setEventFilter({ scope: filter.scope === 'game' ? 'video' : 'game' })}
            title="Show the events of every video of this game, or only the open one's"
            data-testid={TID.eventScope}
          >
            {filter.scope === 'game' ? 'Whole game' : 'This video'}
          </button>
        ) : null}
      </div>
      <div className="event-filters">
        <select
          aria-label="Filter by code"
          value={filter.codeId ?? ''}
          onChange={(e) => setEventFilter({ codeId: e.target.value || null })}
          data-testid={TID.eventFilterCode}
        >
          <option value="">all codes</option>
          {codes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by period"
          value={filter.period ?? ''}
          onChange={(e) => setEventFilter({ period: e.target.value || null })}
          data-testid={TID.eventFilterPeriod}
        >
          <option value="">all periods</option>
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label="Filter by team"
          value={filter.team ?? ''}
          onChange={(e) =>
            setEventFilter({ team: e.target.value === 'home' || e.target.value === 'away' ? e.target.value : null })
          }
          data-testid={TID.eventFilterTeam}
        >
          <option value="">both teams</option>
          <option value="home">home</option>
          <option value="away">away</option>
        </select>
        <input
          type="search"
          aria-label="Search note, code, player"
          placeholder="search note, code, player"
          value={filter.search}
          onChange={(e) => setEventFilter({ search: e.target.value })}
          data-testid={TID.eventSearch}
        />
        <select
          aria-label="Sort"
          value={filter.sort}
          onChange={(e) => setEventFilter({ sort: e.target.value === 'code' ? 'code' : 'time' })}
          data-testid={TID.eventSort}
        >
          <option value="time">by time</option>
          <option value="code">by code</option>
        </select>
      </div>
      <ol className="event-rows">
        {shown.map((event) => {
          const active = event.id === activeEventId;
          const player = playerOf(event.descriptors.playerId);
          return (
            <li
              key={event.id}
              ref={active ? activeRow : undefined}
              className={`event-row${active ? ' event-row--active' : ''}`}
              style={{ borderLeftColor: colourOf(event.codeId) }}
              tabIndex={0}
              aria-selected={active}
              onClick={() => setActiveEvent(event.id)}
              onFocus={() => setActiveEvent(event.id)}
              onDoubleClick={() => jumpTo(event)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && e.target === e.currentTarget) {
                  e.preventDefault();
                  jumpTo(event);
                }
              }}
              data-testid={TID.eventRow}
              data-code={event.codeName}
              data-start-frame={event.startFrame}
              data-end-frame={event.endFrame}
              data-period={event.descriptors.period ?? ''}
              data-team={event.descriptors.team ?? ''}
              data-player={player?.name ?? ''}
              data-video={videoName(event.videoId)}
            >
              <div className="event-row__line">
                <strong>{event.codeName}</strong>
                {severalVideos ? (
                  <span
                    className={`event-row__video${event.videoId === openVideoId ? ' event-row__video--open' : ''}`}
                    data-testid={TID.eventVideo}
                  >
                    {videoName(event.videoId)}
                  </span>
                ) : null}
                <span className="timecode">
                  {formatTimecode(event.startS)} f{event.startFrame} → f{event.endFrame}
                </span>
                <span className="muted">
                  {[
                    event.descriptors.period ? `P${event.descriptors.period}` : null,
                    event.descriptors.team,
                    player ? `${player.number ?? ''} ${player.name}`.trim() : null,
                    event.descriptors.strength,
                    event.descriptors.outcome,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
                {event.note ? <span className="event-row__note">{event.note}</span> : null}
              </div>
            </li>
          );
        })}
      </ol>
      {/* Docked under the list, not inside the row: rows keep their height, so a double-click
          lands on the row it began on. */}
      {activeShown ? <EventEditor event={activeShown} jumpTo={jumpTo} /> : null}
      {events.length === 0 ? (
        <p className="empty-state muted">No events yet: press a code's key while the video shows the moment.</p>
      ) : shown.length === 0 ? (
        <p className="empty-state muted">
          No events match{filter.scope === 'video' && severalVideos ? ' on this video — try Whole game' : ''}.
        </p>
      ) : null}
    </section>
  );
}
