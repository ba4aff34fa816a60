import { useEffect, useRef, useState } from 'react';

const DEBOUNCE_MS = 150;
const KEEP = 40;

/**
 * The frame picture for a hovered time: asked for after the pointer rests (debounce), kept as
 * object URLs in a small LRU (the engine caches the JPEGs too). Failures just show no picture.
 */
export function useThumbnail(
  videoId: string,
  hoverS: number | null,
  quantumS: number,
  fetchThumbnail: (videoId: string, timeS: number, width: number) => Promise<ArrayBuffer>,
): string | null {
  const cache = useRef(new Map<string, string>());
  const [shown, setShown] = useState<{ key: string; url: string } | null>(null);
  const key = hoverS === null ? null : `${videoId}:${Math.round(hoverS / quantumS) * quantumS}`;

  useEffect(() => {
    if (hoverS === null || key === null) return;
    const hit = cache.current.get(key);
    if (hit) {
      cache.current.delete(key);
      cache.current.set(key, hit);
      setShown({ key, url: hit });
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      const timeS = Math.max(0, Math.round(hoverS / quantumS) * quantumS);
      fetchThumbnail(videoId, timeS, 160)
        .then((jpeg) => {
          const url = URL.createObjectURL(new Blob([jpeg], { type: 'image/jpeg' }));
          cache.current.set(key, url);
          while (cache.current.size > KEEP) {
            const [oldest, oldUrl] = cache.current.entries().next().value as [string, string];
            cache.current.delete(oldest);
            URL.revokeObjectURL(oldUrl);
          }
          if (current) setShown({ key, url });
        })
        .catch(() => undefined);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [videoId, key, hoverS, quantumS, fetchThumbnail]);

  useEffect(() => {
    const urls = cache.current;
    return () => {
      for (const url of urls.values()) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  return shown && shown.key === key ? shown.url : null;
}
