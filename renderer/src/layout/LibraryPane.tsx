import { GameList } from '../components/GameList.tsx';
import { ImportForm } from '../components/ImportForm.tsx';
import { JobList } from '../components/JobList.tsx';
import { NewGameForm } from '../components/NewGameForm.tsx';
import { VideoList } from '../components/VideoList.tsx';
import { ShareGame } from '../cloud/ShareGame.tsx';
import { useApp } from '../store/useApp.ts';

/** Games, a new game, and the open game's videos with their import. */
export function LibraryPane() {
  const { hasGame } = useApp((s) => ({ hasGame: s.selectedGameId !== null }));
  return (
    <div className="library-pane">
      <section className="pane-section" aria-label="Games">
        <h2 className="pane-section__title">Games</h2>
        <GameList />
      </section>
      {hasGame ? (
        <section className="pane-section" aria-label="Videos">
          <ShareGame />
          <h2 className="pane-section__title">Videos of this game</h2>
          <ImportForm />
          <JobList />
          <VideoList />
        </section>
      ) : null}
      <section className="pane-section" aria-label="New game">
        <h2 className="pane-section__title">New game</h2>
        <NewGameForm />
      </section>
    </div>
  );
}
