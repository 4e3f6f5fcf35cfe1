import { powerSaveBlocker, type BrowserWindow, type Input } from 'electron';

type KeyInput = Pick<Input, 'type' | 'key' | 'control' | 'meta' | 'alt' | 'shift'>;

const RELOAD_KEYS = new Set(['r']);
const DEVTOOLS_KEYS = new Set(['i', 'j', 'c']);
const ZOOM_KEYS = new Set(['+', '-', '=', '0', '_']);
const CLOSE_KEYS = new Set(['w', 'q']);
const FUNCTION_KEYS = new Set(['F4', 'F5', 'F11', 'F12', 'BrowserRefresh', 'BrowserBack', 'BrowserForward']);

/**
 * Keys a booth visitor could use to reload, open devtools, zoom, leave full screen or close.
 * Win+D and Alt+Tab cannot be caught here (electron#40159): the booth's OS account is locked down.
 */
export function isBlockedKioskInput(input: KeyInput): boolean {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return false;
  const key = input.key.length === 1 ? input.key.toLowerCase() : input.key;
  if (FUNCTION_KEYS.has(key)) return true;
  const mod = input.control || input.meta;
  if (mod && (RELOAD_KEYS.has(key) || ZOOM_KEYS.has(key) || CLOSE_KEYS.has(key))) return true;
  if (mod && (input.shift || input.alt) && DEVTOOLS_KEYS.has(key)) return true;
  if (input.meta && (key === 'h' || key === 'm')) return true;
  return false;
}

export interface KioskGuardOptions {
  exitAllowed: () => boolean;
}

/** How long a hung kiosk page may stay frozen before its renderer is killed (and so reloaded). */
export const HUNG_RENDERER_MS = 15_000;

/** Everything that keeps a visitor inside the kiosk window, in one place. */
export function attachKioskGuards(win: BrowserWindow, opts: KioskGuardOptions): void {
  const wc = win.webContents;
  wc.on('before-input-event', (event, input) => {
    if (isBlockedKioskInput(input)) event.preventDefault();
  });
  // Windows shutting down or logging off must not be blocked by the kiosk (it restarts at login).
  let sessionEnding = false;
  win.on('query-session-end', () => {
    sessionEnding = true;
  });
  win.on('close', (event) => {
    if (!sessionEnding && !opts.exitAllowed()) event.preventDefault();
  });
  // devTools is already off in webPreferences; this catches any other path that opens them.
  wc.on('devtools-opened', () => wc.closeDevTools());
  wc.on('zoom-changed', () => wc.setZoomLevel(0));
  void wc.setVisualZoomLevelLimits(1, 1);
  // A frozen page never fires render-process-gone; crash it on purpose so the reload path runs.
  let hung: NodeJS.Timeout | null = null;
  win.on('unresponsive', () => {
    hung ??= setTimeout(() => {
      hung = null;
      if (!win.isDestroyed()) wc.forcefullyCrashRenderer();
    }, HUNG_RENDERER_MS);
  });
  const calm = () => {
    if (hung) clearTimeout(hung);
    hung = null;
  };
  win.on('responsive', calm);
  win.on('closed', calm);
  // The booth screen is the product: it must not go dark between sessions.
  const blocker = powerSaveBlocker.start('prevent-display-sleep');
  win.on('closed', () => powerSaveBlocker.stop(blocker));
  win.on('leave-full-screen', () => {
    if (!opts.exitAllowed()) win.setKiosk(true);
  });
}
