import { useSyncExternalStore } from 'react';

/** Hash routes (#/catalog/123) work the same under app:// and http:// without server rewrites. */
function readRoute(): string[] {
  const h = window.location.hash.replace(/^#\/?/, '');
  if (h.startsWith('token=')) return [];
  return h.split('/').filter(Boolean).map(decodeURIComponent);
}

/**
 * A form with unsaved input holds the way out: leaving it by the app's own links (the sidebar, a
 * back link, any in-app <a href="#/…">) or by navigate() asks first, and staying keeps the page.
 * (The browser's Back and an address typed by hand are not asked about: a hash change cannot be
 * told apart from them once it happened.)
 */
let leaveGuard: (() => boolean) | null = null;
document.addEventListener(
  'click',
  (e) => {
    if (!leaveGuard || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
    const href = link?.getAttribute('href') ?? '';
    if (!href.startsWith('#') || href === window.location.hash || link?.getAttribute('target')) return;
    if (!leaveGuard()) {
      e.preventDefault();
      e.stopPropagation();
    }
  },
  true,
);

/** Installs the question asked before leaving the current screen (true: leave); returns its removal. */
export function guardLeaving(mayLeave: () => boolean): () => void {
  leaveGuard = mayLeave;
  return () => {
    if (leaveGuard === mayLeave) leaveGuard = null;
  };
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
  if (leaveGuard && !leaveGuard()) return;
  window.location.hash = '/' + parts.map(encodeURIComponent).join('/');
}

export function hrefFor(...parts: string[]): string {
  return '#/' + parts.map(encodeURIComponent).join('/');
}
