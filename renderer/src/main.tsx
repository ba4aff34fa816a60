import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/App.tsx';
import { appStore } from './store/useApp.ts';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  void appStore.getState().init();
}

// The UI benchmark's hook (tests/bench), only on ?bench: a dynamic import, so its synthetic game
// and harness stay in a chunk of their own that the app never loads.
if (new URLSearchParams(window.location.search).has('bench')) {
  void import('./bench/BenchHarness.tsx').then((bench) => bench.installBenchHook());
}
