import { useEffect } from 'react';
import { useApp } from '../store/useApp.ts';
import { TID } from '../testids.ts';

const SHOWN_MS = 5000;

/** What the last tagging key did and to which event, for a few seconds. */
export function KeyNotice() {
  const { keyNotice, setKeyNotice } = useApp((s) => ({ keyNotice: s.keyNotice, setKeyNotice: s.setKeyNotice }));
  useEffect(() => {
    if (!keyNotice) return;
    const timer = setTimeout(() => setKeyNotice(null), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [keyNotice, setKeyNotice]);
  return (
    <p className="key-notice" role="status" aria-live="polite" data-testid={TID.teamKeyNotice}>
      {keyNotice ?? ''}
    </p>
  );
}
