import { api } from '../api';

/**
 * Calls `reload` shortly after the core announces (push event `data.changed`) a write to one of
 * `tables`; a burst of changes (an import, a sync pull) is one reload. Returns the unsubscribe.
 * This is how every screen stays current: no polling.
 */
export function onDataChanged(tables: readonly string[], reload: () => unknown, debounceMs = 200): () => void {
  const wanted = new Set(tables);
  let timer: ReturnType<typeof setTimeout> | null = null;
  const off = api.subscribe('data.changed', (p) => {
    if (!p.tables.some((t) => wanted.has(t)) || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void Promise.resolve()
        .then(reload)
        .catch(() => undefined);
    }, debounceMs);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
