import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/** Shown only while the engine process is not ready (it restarts itself after a crash). */
export function EngineStatusBar() {
  const { engine } = useApp((s) => ({ engine: s.engine }));
  if (engine.state === 'ready') return null;
  const text =
    engine.state === 'restarting'
      ? `Rinkside's engine is restarting (${engine.reason}) — running jobs resume when it is back.`
      : `Rinkside's engine stopped: ${engine.reason}. Restart the app.`;
  return (
    <div className={`engine-status engine-status--${engine.state}`} role="status" data-testid={TID.engineStatus}>
      {text}
    </div>
  );
}
