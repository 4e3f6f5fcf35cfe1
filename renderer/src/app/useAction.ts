import { useState } from 'react';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

/** Runs `fn`; on success shows `ok` (when given), on failure the error's message in the screen's language. */
export type RunAction = (fn: () => Promise<unknown>, ok?: string) => Promise<void>;

/**
 * One action at a time on a screen: `busy` while it runs (to disable the controls), then `message`
 * says how it went, a core error translated like every other (`localizeCoreMessage`).
 */
export function useAction(): { busy: boolean; message: string | null; run: RunAction } {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const run: RunAction = async (fn, ok) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
      if (ok) setMessage(ok);
    } catch (e) {
      setMessage(localizeCoreMessage((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  return { busy, message, run };
}
