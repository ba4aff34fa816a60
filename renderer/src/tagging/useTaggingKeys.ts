import { useEffect, useRef } from 'react';
import type { GameEvent } from '../../../electron/contract/index.ts';
import { appStore } from '../store/useApp.ts';
import { TID } from '../testids.ts';
import { filterEvents, neighbourEvent } from './eventFilter.ts';
import { codeForPress } from './hotkeys.ts';
import { nextStrength, resolveTaggingKey, type TaggingAction } from './taggingKeys.ts';

const FIELD_IDS = { player: TID.descPlayer, outcome: TID.descOutcome, note: TID.descNote } as const;

function focusField(field: keyof typeof FIELD_IDS): void {
  document.querySelector<HTMLElement>(`[data-testid="${FIELD_IDS[field]}"]`)?.focus();
}

/** "hit f30–f80": the event a key acted on, as the list shows it. */
const eventWords = (event: GameEvent) => `${event.codeName} f${event.startFrame}–f${event.endFrame}`;

function teamWords(side: 'home' | 'away'): string {
  const state = appStore.getState();
  const game = state.games.find((g) => g.id === state.selectedGameId);
  const name = state.roster.teams.find((t) => t.side === side)?.name ?? (side === 'home' ? game?.home : game?.away);
  return name ? `${side} (${name})` : side;
}

/** Runs a tagging key against the store (active event, undo history, open spans). */
function runTaggingAction(action: TaggingAction, jumpTo: (event: GameEvent) => void): void {
  const state = appStore.getState();
  const active = state.activeEventId;
  const event = state.events.find((e) => e.id === active);
  // Keys that change an event say which one, on screen: the active event may not be the last tagged.
  const say = (what: string) =>
    state.setKeyNotice(event ? `${what} → ${eventWords(event)}` : `${what}: no event picked`);
  switch (action.kind) {
    case 'undo':
      return void state.undo();
    case 'redo':
      return void state.redo();
    case 'cancelSpans':
      return state.cancelSpans();
    case 'selectEvent': {
      const shown = filterEvents(state.events, state.eventFilter, state.roster.players, state.currentVideoId);
      return state.setActiveEvent(neighbourEvent(shown, active, action.step));
    }
    case 'period':
      // Also the period of the next events: a whole period is tagged in one go.
      state.setCurrentPeriod(action.period);
      if (event) void state.setDescriptors(event.id, { period: action.period });
      return say(`period ${action.period}`);
    case 'focusField':
      if (action.field === 'player') say('player');
      return focusField(action.field);
    default:
      break;
  }
  if (!event) {
    if (action.kind === 'team') say(teamWords(action.team));
    return;
  }
  switch (action.kind) {
    case 'team':
      say(teamWords(action.team));
      return void state.setDescriptors(event.id, { team: action.team });
    case 'cycleStrength': {
      const strength = nextStrength(event.descriptors.strength);
      say(`strength ${strength ?? 'none'}`);
      return void state.setDescriptors(event.id, { strength });
    }
    case 'nudge':
      return void state.nudgeEvent(event.id, action.edge, action.frames);
    case 'deleteEvent':
      return void state.deleteEvent(event.id);
    case 'jumpToEvent':
      return jumpTo(event);
  }
}

/**
 * Window-level tagging keys, beside the player's (usePlaybackKeys): the tagging keymap first, then
 * the codes' hotkeys at the presented time. Keys aimed at text fields are the field's own.
 */
export function useTaggingKeys(presentedTime: () => number | null, jumpTo: (event: GameEvent) => void): void {
  const clock = useRef(presentedTime);
  const jump = useRef(jumpTo);
  useEffect(() => {
    clock.current = presentedTime;
    jump.current = jumpTo;
  }, [presentedTime, jumpTo]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const press = {
        key: event.key,
        shiftKey: event.shiftKey,
        ctrlKey: event.ctrlKey,
        altKey: event.altKey,
        metaKey: event.metaKey,
        targetTag: target?.tagName ?? null,
        targetEditable: target?.isContentEditable ?? false,
      };
      const tagging = resolveTaggingKey(press);
      if (tagging) {
        // A focused list row or button handles its own Delete/arrows; everything else is global.
        event.preventDefault();
        runTaggingAction(tagging.action, jump.current);
        return;
      }
      if (press.targetEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(press.targetTag ?? '')) return;
      const code = codeForPress(appStore.getState().codes, press);
      if (!code) return;
      event.preventDefault();
      // A held key would tag a burst of events; one press is one tag.
      if (event.repeat) return;
      const timeS = clock.current();
      if (timeS === null) {
        appStore
          .getState()
          .showError(
            { kind: 'invalid-args', message: 'Open a video first: events are tagged at the frame it shows.' },
            `Tagging ${code.name}`,
          );
        return;
      }
      void appStore.getState().tagCode(code.id, timeS);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
