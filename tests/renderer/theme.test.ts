import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyTheme } from '@renderer/app/theme';

/** A prefers-color-scheme query whose answer the test flips, as the OS would. */
function stubDom(prefersDark: boolean) {
  const listeners = new Set<() => void>();
  const media = {
    matches: prefersDark,
    addEventListener: (_: string, cb: () => void) => listeners.add(cb),
    removeEventListener: (_: string, cb: () => void) => listeners.delete(cb),
  };
  const root = { dataset: {} as Record<string, string> };
  vi.stubGlobal('window', { matchMedia: () => media });
  vi.stubGlobal('document', { documentElement: root });
  return {
    root,
    listeners,
    flip(dark: boolean) {
      media.matches = dark;
      listeners.forEach((l) => l());
    },
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('theme', () => {
  it('applies an explicit choice whatever the OS prefers', () => {
    const dom = stubDom(true);
    applyTheme('light');
    expect(dom.root.dataset.theme).toBe('light');
    dom.flip(false);
    applyTheme('dark');
    expect(dom.root.dataset.theme).toBe('dark');
    expect(dom.listeners.size).toBe(0);
  });

  it('"system" follows the OS, live, until the choice changes', () => {
    const dom = stubDom(false);
    const stop = applyTheme('system');
    expect(dom.root.dataset.theme).toBe('light');
    dom.flip(true);
    expect(dom.root.dataset.theme).toBe('dark');
    stop();
    dom.flip(false);
    expect(dom.root.dataset.theme).toBe('dark');
    expect(dom.listeners.size).toBe(0);
  });
});
