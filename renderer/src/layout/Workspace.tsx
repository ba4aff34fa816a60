import { useCallback, useState, type ReactNode } from 'react';
import { AnalysisPanel } from '../analysis/AnalysisPanel.tsx';
import { EngineStatusBar } from '../components/EngineStatusBar.tsx';
import { ErrorBanner } from '../components/ErrorBanner.tsx';
import { VideoPlayer } from '../components/VideoPlayer.tsx';
import { VideoSwitcher } from '../components/VideoSwitcher.tsx';
import { CloudPanel } from '../cloud/CloudPanel.tsx';
import { ExportPanel } from '../export/ExportPanel.tsx';
import type { PanelAction, SideTab } from '../lib/keymap.ts';
import { RosterPanel } from '../roster/RosterPanel.tsx';
import { useApp } from '../store/useApp.ts';
import { CodeWindow } from '../tagging/CodeWindow.tsx';
import { DescriptorBar } from '../tagging/DescriptorBar.tsx';
import { EventList } from '../tagging/EventList.tsx';
import { KeyNotice } from '../tagging/KeyNotice.tsx';
import { UndoBar } from '../tagging/UndoBar.tsx';
import { useTaggingSession } from '../tagging/useTaggingSession.ts';
import { TID } from '../testids.ts';
import { DropImport } from './DropImport.tsx';
import { KeyHelp } from './KeyHelp.tsx';
import { LibraryPane } from './LibraryPane.tsx';
import { SidePanel } from './SidePanel.tsx';
import { Splitter } from './Splitter.tsx';
import { TopBar } from './TopBar.tsx';
import { focusPanel, usePanelKeys } from './usePanelKeys.ts';
import { useWorkspaceLayout } from './useWorkspaceLayout.ts';
import { WorkspaceSlotsContext } from './WorkspaceSlots.ts';

interface Regions {
  side: Record<SideTab, ReactNode>;
  centre: ReactNode;
  events: ReactNode;
  timelineEmpty: ReactNode;
}

/**
 * One screen, no page scroll: side tabs | video and codes | events, the timeline across the
 * bottom. Splitters and the collapse toggles resize it; each window size keeps its own layout.
 */
export function Workspace() {
  const { game } = useApp((s) => ({ game: s.games.find((g) => g.id === s.selectedGameId) }));
  // Keyed by game: a game's forms and tagging session start clean when another game opens.
  return game ? <GameWorkspace key={game.id} /> : <Frame regions={noGameRegions()} />;
}

function GameWorkspace() {
  const { presentedTime, jumpTo } = useTaggingSession();
  const { hasVideo } = useApp((s) => ({ hasVideo: s.currentVideoId !== null }));
  return (
    <Frame
      regions={{
        side: {
          library: <LibraryPane />,
          roster: <RosterPanel presentedTime={presentedTime} />,
          analysis: hasVideo ? (
            <AnalysisPanel />
          ) : (
            <p className="empty-state muted">Open a video to detect and track its players.</p>
          ),
          export: <ExportPanel />,
          cloud: <CloudPanel />,
        },
        centre: (
          <>
            <VideoSwitcher />
            <section className="stage-panel" data-panel="video" tabIndex={-1} aria-label="Video">
              <VideoPlayer />
            </section>
            <CodeWindow presentedTime={presentedTime} />
          </>
        ),
        events: (
          <>
            <UndoBar />
            <KeyNotice />
            <EventList jumpTo={jumpTo} />
            <DescriptorBar />
          </>
        ),
        timelineEmpty: hasVideo ? null : <p className="empty-state muted">The timeline shows the open video.</p>,
      }}
    />
  );
}

function noGameRegions(): Regions {
  const pickFirst = <p className="empty-state muted">Pick a game in the Library, or create one there.</p>;
  return {
    side: {
      library: <LibraryPane />,
      roster: pickFirst,
      analysis: pickFirst,
      export: pickFirst,
      cloud: <CloudPanel />,
    },
    centre: (
      <div className="empty-state empty-state--centre">
        <h2>No game open</h2>
        <p className="muted">
          Create a game in the Library (left: title, date, the two teams), then import its video — type its path, or
          drop the file on this window.
        </p>
      </div>
    ),
    events: <p className="empty-state muted">Events of the open game show here.</p>,
    timelineEmpty: <p className="empty-state muted">The timeline shows the open video.</p>,
  };
}

const TAB_KEY = 'rinkside.sideTab';
const TABS: readonly SideTab[] = ['library', 'roster', 'analysis', 'export', 'cloud'];

/** The side tab in front, kept across reloads: the analyst comes back to the tab they left. */
function useRememberedTab(): [SideTab, (tab: SideTab) => void] {
  const [tab, setTab] = useState<SideTab>(() => {
    const stored = localStorage.getItem(TAB_KEY);
    return TABS.find((t) => t === stored) ?? 'library';
  });
  const choose = useCallback((next: SideTab) => {
    localStorage.setItem(TAB_KEY, next);
    setTab(next);
  }, []);
  return [tab, choose];
}

function Frame({ regions }: { regions: Regions }) {
  const [layout, change] = useWorkspaceLayout();
  const [tab, setTab] = useRememberedTab();
  const [help, setHelp] = useState(false);
  const [timelineSlot, setTimelineSlot] = useState<HTMLElement | null>(null);

  const onPanelKey = useCallback(
    (action: PanelAction) => {
      switch (action.kind) {
        case 'toggleHelp':
          return setHelp((open) => !open);
        case 'toggleSide':
          return change({ sideCollapsed: !layout.sideCollapsed });
        case 'toggleEvents':
          return change({ eventsCollapsed: !layout.eventsCollapsed });
        case 'focus': {
          const panel = action.panel;
          if ((TABS as readonly string[]).includes(panel)) {
            setTab(panel as SideTab);
            if (layout.sideCollapsed) change({ sideCollapsed: false });
          }
          if (panel === 'events' && layout.eventsCollapsed) change({ eventsCollapsed: false });
          return focusPanel(panel);
        }
      }
    },
    [change, setTab, layout.sideCollapsed, layout.eventsCollapsed],
  );
  usePanelKeys(onPanelKey);

  return (
    <WorkspaceSlotsContext.Provider value={{ timeline: timelineSlot }}>
      <DropImport>
        <div className="workspace" data-testid={TID.workspace}>
          <TopBar
            sideCollapsed={layout.sideCollapsed}
            eventsCollapsed={layout.eventsCollapsed}
            onToggleSide={() => change({ sideCollapsed: !layout.sideCollapsed })}
            onToggleEvents={() => change({ eventsCollapsed: !layout.eventsCollapsed })}
            onHelp={() => setHelp(true)}
          />
          <div className="workspace__notices">
            <EngineStatusBar />
            <ErrorBanner />
          </div>
          <div className="workspace__body">
            {layout.sideCollapsed ? null : (
              <>
                <SidePanel tab={tab} onTab={setTab} width={layout.sideWidth} content={regions.side} />
                <Splitter
                  orientation="vertical"
                  label="Side panel width"
                  value={layout.sideWidth}
                  direction={1}
                  onChange={(sideWidth) => change({ sideWidth })}
                />
              </>
            )}
            <main className="workspace__centre" data-testid={TID.centrePanel}>
              {regions.centre}
            </main>
            {layout.eventsCollapsed ? null : (
              <>
                <Splitter
                  orientation="vertical"
                  label="Events panel width"
                  value={layout.eventsWidth}
                  direction={-1}
                  onChange={(eventsWidth) => change({ eventsWidth })}
                />
                <aside
                  className="events-panel"
                  style={{ width: layout.eventsWidth }}
                  data-panel="events"
                  tabIndex={-1}
                  aria-label="Events panel"
                  data-testid={TID.eventsPanel}
                >
                  {regions.events}
                </aside>
              </>
            )}
          </div>
          <Splitter
            orientation="horizontal"
            label="Timeline height"
            value={layout.timelineHeight}
            direction={-1}
            onChange={(timelineHeight) => change({ timelineHeight })}
          />
          <section
            className="timeline-panel"
            style={{ height: layout.timelineHeight }}
            data-panel="timeline"
            tabIndex={-1}
            aria-label="Timeline panel"
            data-testid={TID.timelinePanel}
          >
            {regions.timelineEmpty}
            <div className="timeline-panel__slot" ref={setTimelineSlot} />
          </section>
        </div>
      </DropImport>
      {help ? <KeyHelp onClose={() => setHelp(false)} /> : null}
    </WorkspaceSlotsContext.Provider>
  );
}
