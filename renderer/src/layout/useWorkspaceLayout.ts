import { useCallback, useEffect, useState } from 'react';
import {
  clampLayout,
  defaultLayout,
  layoutKey,
  parseLayout,
  type WindowSize,
  type WorkspaceLayout,
} from './layoutMemory.ts';

function windowSize(): WindowSize {
  return { width: window.innerWidth, height: window.innerHeight };
}

function storedOrDefault(size: WindowSize): WorkspaceLayout {
  const stored = parseLayout(localStorage.getItem(layoutKey(size)));
  return clampLayout(stored ?? defaultLayout(size), size);
}

/** The workspace's panel sizes for the current window size, saved as the analyst changes them. */
export function useWorkspaceLayout(): [WorkspaceLayout, (change: Partial<WorkspaceLayout>) => void] {
  const [size, setSize] = useState(windowSize);
  const [layout, setLayout] = useState(() => storedOrDefault(size));

  useEffect(() => {
    const onResize = () => {
      const next = windowSize();
      setSize(next);
      setLayout(storedOrDefault(next));
    };
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);

  const change = useCallback(
    (patch: Partial<WorkspaceLayout>) => {
      setLayout((current) => {
        const next = clampLayout({ ...current, ...patch }, size);
        localStorage.setItem(layoutKey(size), JSON.stringify(next));
        return next;
      });
    },
    [size],
  );
  return [layout, change];
}
