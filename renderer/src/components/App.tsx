import { EngineStatusBar } from './EngineStatusBar.tsx';
import { ErrorBanner } from './ErrorBanner.tsx';
import { GameList } from './GameList.tsx';
import { GameView } from './GameView.tsx';
import { NewGameForm } from './NewGameForm.tsx';

export function App() {
  return (
    <div className="app">
      <aside className="sidebar">
        <h1 className="brand">Rinkside</h1>
        <GameList />
        <NewGameForm />
      </aside>
      <main className="main">
        <EngineStatusBar />
        <ErrorBanner />
        <GameView />
      </main>
    </div>
  );
}
