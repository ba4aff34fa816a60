import { useApp } from '../store/useApp.ts';
import { ImportForm } from './ImportForm.tsx';
import { JobList } from './JobList.tsx';
import { VideoPlayer } from './VideoPlayer.tsx';
import { AnalysisPanel } from '../analysis/AnalysisPanel.tsx';
import { ExportPanel } from '../export/ExportPanel.tsx';
import { TaggingPanels } from '../tagging/TaggingPanels.tsx';
import { VideoList } from './VideoList.tsx';

/** The selected game: its videos, import, running jobs and the player. */
export function GameView() {
  const { game } = useApp((s) => ({ game: s.games.find((g) => g.id === s.selectedGameId) }));
  if (!game) {
    return (
      <div className="empty">
        <h2>Rinkside</h2>
        <p className="muted">Pick a game on the left, or create one, then import its video.</p>
      </div>
    );
  }
  return (
    <>
      <header className="game-header">
        <h2>{game.title}</h2>
        <span className="muted">
          {game.date} · {game.home} vs {game.away}
        </span>
      </header>
      <ImportForm />
      <JobList />
      <VideoList />
      <VideoPlayer />
      <AnalysisPanel />
      <TaggingPanels />
      <ExportPanel />
    </>
  );
}
