import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

/** The one place errors show: analyst wording first, the engine's message, detail folded away. */
export function ErrorBanner() {
  const { error, dismissError } = useApp((s) => ({ error: s.error, dismissError: s.dismissError }));
  if (!error) return null;
  return (
    <div className="error-banner" role="alert" data-testid={TID.errorBanner}>
      <div className="error-banner__text">
        <strong>{error.title}</strong>
        <span className="error-banner__message">{error.message}</span>
        {error.detail ? (
          <details>
            <summary>Details</summary>
            <pre>{error.detail}</pre>
          </details>
        ) : null}
      </div>
      <button type="button" onClick={dismissError} data-testid={TID.errorDismiss} aria-label="Dismiss">
        Dismiss
      </button>
    </div>
  );
}
