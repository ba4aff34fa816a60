/**
 * Memoises an async look-up per key: what it finds is kept, a failure is not, so the next call
 * looks again. Finding a tool or what it can do runs the tool, which is worth doing once; but an
 * analyst who installs a better ffmpeg after an error should not have to restart the app.
 */
export function keepUntilFailure<K, V>(look: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const kept = new Map<K, Promise<V>>();
  return (key) => {
    const known = kept.get(key);
    if (known) return known;
    const pending = look(key);
    kept.set(key, pending);
    pending.catch(() => {
      if (kept.get(key) === pending) kept.delete(key);
    });
    return pending;
  };
}
