import { useSyncExternalStore } from 'react';

/** Hash routes (#/catalog/123) work the same under app:// and http:// without server rewrites. */
function readRoute(): string[] {
  const h = window.location.hash.replace(/^#\/?/, '');
  if (h.startsWith('token=')) return [];
  return h.split('/').filter(Boolean).map(decodeURIComponent);
}

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

let cached = readRoute();
let cachedHash = window.location.hash;
function snapshot() {
  if (window.location.hash !== cachedHash) {
    cachedHash = window.location.hash;
    cached = readRoute();
  }
  return cached;
}

export function useRoute(): string[] {
  return useSyncExternalStore(subscribe, snapshot);
}

export function navigate(...parts: string[]): void {
  window.location.hash = '/' + parts.map(encodeURIComponent).join('/');
}

export function hrefFor(...parts: string[]): string {
  return '#/' + parts.map(encodeURIComponent).join('/');
}
