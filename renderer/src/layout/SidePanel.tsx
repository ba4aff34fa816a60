import type { ReactNode } from 'react';
import type { SideTab } from '../lib/keymap.ts';
import { TID } from '../testids.ts';

export const SIDE_TABS: readonly { tab: SideTab; label: string; key: string }[] = [
  { tab: 'library', label: 'Library', key: 'Alt+L' },
  { tab: 'roster', label: 'Roster', key: 'Alt+R' },
  { tab: 'analysis', label: 'Analysis', key: 'Alt+A' },
  { tab: 'export', label: 'Export', key: 'Alt+X' },
  { tab: 'cloud', label: 'Cloud', key: 'Alt+S' },
];

interface Props {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  width: number;
  /** Every tab's content stays mounted (half-typed forms survive a look at another tab). */
  content: Record<SideTab, ReactNode>;
}

/** The side column: library, roster and tracks, analysis, export, the team cloud as tabs. */
export function SidePanel({ tab, onTab, width, content }: Props) {
  return (
    <aside className="side-panel" style={{ width }} data-testid={TID.sidePanel} aria-label="Side panel">
      <div className="side-panel__tabs" role="tablist" aria-label="Side panel">
        {SIDE_TABS.map((t) => (
          <button
            key={t.tab}
            type="button"
            role="tab"
            id={`side-tab-${t.tab}`}
            aria-selected={t.tab === tab}
            aria-controls={`side-pane-${t.tab}`}
            title={`${t.label} (${t.key})`}
            onClick={() => onTab(t.tab)}
            data-testid={TID.sideTab}
            data-tab={t.tab}
          >
            {t.label}
          </button>
        ))}
      </div>
      {SIDE_TABS.map((t) => (
        <div
          key={t.tab}
          id={`side-pane-${t.tab}`}
          role="tabpanel"
          aria-labelledby={`side-tab-${t.tab}`}
          className="side-panel__pane"
          hidden={t.tab !== tab}
          tabIndex={-1}
          data-panel={t.tab}
        >
          {content[t.tab]}
        </div>
      ))}
    </aside>
  );
}
