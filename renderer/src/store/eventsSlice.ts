import type { StateCreator } from 'zustand';
import type { Descriptors, EventPatch, GameEvent, RinksideBridge, Video } from '../../../electron/contract/index.ts';
import { asAppError } from '../lib/errorWording.ts';
import { NO_FILTER, byTime, type EventFilter } from '../tagging/eventFilter.ts';
import { eventSpan, momentAt, nudgeSpan, timingOf, type SpanEdge } from '../tagging/eventTiming.ts';
import { cancelSpans, pressSpan, type Recording } from '../tagging/spanRecorder.ts';
import type { Period } from '../tagging/taggingKeys.ts';
import { eventCreated, eventDeleted, eventUpdated } from '../tagging/undoOps.ts';
import type { AppState } from './types.ts';

export interface EventsSlice {
  /** Live events of the selected game, in video order. */
  events: GameEvent[];
  /** The event the descriptor keys, nudges and Delete act on: the one just tagged or picked. */
  activeEventId: string | null;
  /** Span codes waiting for their second press. */
  recording: Recording;
  /** The period new events get; set by the period keys so a whole period is tagged in one go. */
  currentPeriod: Period | null;
  eventFilter: EventFilter;
  /** The tagging panels are on screen: only then are codes, events and roster kept loaded. */
  taggingOpen: boolean;
  setTaggingOpen: (open: boolean) => void;
  loadEvents: () => Promise<void>;
  /** Reloads everything the tagging panels show (after undo/redo and library.changed). */
  reloadTagging: () => Promise<void>;
  /** A code's hotkey or button at the presented time of the open video. */
  tagCode: (codeId: string, presentedTimeS: number) => Promise<void>;
  updateEvent: (id: string, patch: EventPatch, label?: string) => Promise<void>;
  /** Sets (value) or clears (undefined) descriptors of an event. */
  setDescriptors: (id: string, change: Partial<Descriptors>) => Promise<void>;
  nudgeEvent: (id: string, edge: SpanEdge, frames: number) => Promise<void>;
  deleteEvent: (id: string) => Promise<void>;
  setActiveEvent: (id: string | null) => void;
  setEventFilter: (change: Partial<EventFilter>) => void;
  setCurrentPeriod: (period: Period | null) => void;
  cancelSpans: () => void;
}

function videoOf(state: AppState, videoId: string): Video | undefined {
  return state.videos.find((v) => v.id === videoId);
}

/** Descriptors a new event starts with: the current period and the clicked box (track + its player). */
function startingDescriptors(state: AppState): Descriptors {
  const descriptors: Descriptors = {};
  if (state.currentPeriod) descriptors.period = state.currentPeriod;
  const track = state.pickedTrack;
  if (track) {
    descriptors.runId = track.runId;
    descriptors.trackId = track.trackId;
    const playerId = state.tracks.find((t) => t.runId === track.runId && t.trackId === track.trackId)?.playerId ?? null;
    const player = playerId === null ? undefined : state.roster.players.find((p) => p.id === playerId);
    if (player) {
      descriptors.playerId = player.id;
      const team = state.roster.teams.find((t) => t.id === player.teamId);
      if (team) descriptors.team = team.side;
    }
  }
  return descriptors;
}

export function createEventsSlice(bridge: RinksideBridge): StateCreator<AppState, [], [], EventsSlice> {
  return (set, get) => {
    const create = async (codeId: string, span: ReturnType<typeof eventSpan>, video: Video) => {
      const gameId = get().selectedGameId;
      if (!gameId) return;
      const created = await bridge.invoke('events.create', {
        gameId,
        videoId: video.id,
        codeId,
        ...span,
        descriptors: startingDescriptors(get()),
        note: '',
      });
      set((state) => ({
        events: [...state.events.filter((e) => e.id !== created.id), created].sort(byTime),
        activeEventId: created.id,
      }));
      get().recordUndo(eventCreated(created));
    };

    const update = async (id: string, patch: EventPatch, label?: string) => {
      const before = get().events.find((e) => e.id === id);
      if (!before) return;
      try {
        const updated = await bridge.invoke('events.update', { id, patch });
        set((state) => ({ events: state.events.map((e) => (e.id === id ? updated : e)).sort(byTime) }));
        get().recordUndo(eventUpdated(before, patch, label));
      } catch (error) {
        get().showError(asAppError(error), `Editing ${before.codeName}`);
      }
    };

    return {
      events: [],
      activeEventId: null,
      recording: {},
      currentPeriod: null,
      eventFilter: NO_FILTER,
      taggingOpen: false,
      setTaggingOpen: (taggingOpen) => set({ taggingOpen }),

      loadEvents: async () => {
        const gameId = get().selectedGameId;
        if (!gameId) {
          set({ events: [], activeEventId: null });
          return;
        }
        try {
          const events = await bridge.invoke('events.list', { gameId });
          if (get().selectedGameId !== gameId) return;
          const active = get().activeEventId;
          set({ events, activeEventId: events.some((e) => e.id === active) ? active : null });
        } catch (error) {
          get().showError(asAppError(error), 'Loading the events');
        }
      },

      reloadTagging: async () => {
        await Promise.all([get().loadCodes(), get().loadEvents(), get().loadRoster(), get().loadTracks()]);
      },

      tagCode: (codeId, presentedTimeS) =>
        get().serialize(async () => {
          const code = get().codes.find((c) => c.id === codeId);
          const video = videoOf(get(), get().currentVideoId ?? '');
          if (!code) return;
          if (!video) {
            get().showError(
              { kind: 'invalid-args', message: 'Open a video first: events are tagged at the frame it shows.' },
              `Tagging ${code.name}`,
            );
            return;
          }
          const timing = timingOf(video.probe);
          const at = momentAt(timing, presentedTimeS);
          try {
            if (code.mode === 'instant') {
              await create(code.id, eventSpan(timing, at, at, code.leadS, code.lagS), video);
              return;
            }
            const press = pressSpan(get().recording, code.id, video.id, at);
            set({ recording: press.recording });
            if (press.kind === 'finished')
              await create(code.id, eventSpan(timing, press.from, press.to, code.leadS, code.lagS), video);
          } catch (error) {
            get().showError(asAppError(error), `Tagging ${code.name}`);
          }
        }),

      updateEvent: (id, patch, label) => get().serialize(() => update(id, patch, label)),

      setDescriptors: (id, change) =>
        get().serialize(async () => {
          const event = get().events.find((e) => e.id === id);
          if (!event) return;
          const descriptors: Descriptors = { ...event.descriptors };
          for (const [key, value] of Object.entries(change) as [keyof Descriptors, unknown][]) {
            if (value === undefined || value === '') delete descriptors[key];
            else (descriptors as Record<string, unknown>)[key] = value;
          }
          await update(id, { descriptors });
        }),

      nudgeEvent: (id, edge, frames) =>
        get().serialize(async () => {
          const event = get().events.find((e) => e.id === id);
          const video = event ? videoOf(get(), event.videoId) : undefined;
          if (!event || !video) return;
          const next = nudgeSpan(timingOf(video.probe), event, edge, frames);
          if (!next) return;
          const patch: EventPatch =
            edge === 'start'
              ? { startFrame: next.startFrame, startS: next.startS }
              : { endFrame: next.endFrame, endS: next.endS };
          await update(id, patch, `move ${edge} of ${event.codeName}`);
        }),

      deleteEvent: (id) =>
        get().serialize(async () => {
          const event = get().events.find((e) => e.id === id);
          if (!event) return;
          try {
            await bridge.invoke('events.delete', { id });
            set((state) => ({
              events: state.events.filter((e) => e.id !== id),
              activeEventId: state.activeEventId === id ? null : state.activeEventId,
            }));
            get().recordUndo(eventDeleted(event));
          } catch (error) {
            get().showError(asAppError(error), `Deleting ${event.codeName}`);
          }
        }),

      setActiveEvent: (activeEventId) => set({ activeEventId }),
      setEventFilter: (change) => set((state) => ({ eventFilter: { ...state.eventFilter, ...change } })),
      setCurrentPeriod: (currentPeriod) => set({ currentPeriod }),
      cancelSpans: () => set({ recording: cancelSpans() }),
    };
  };
}
