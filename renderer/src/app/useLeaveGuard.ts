import { useEffect, useRef } from 'react';
import i18n from '@renderer/i18n';
import { guardLeaving } from './router';

/**
 * Nothing a user typed is lost without a word: while `dirty`, leaving the screen (a link, the
 * sidebar, Back) asks "Leave without saving?" and reloading or closing the browser tab asks the
 * browser's own question. Call `release()` just before leaving after a save.
 */
export function useLeaveGuard(dirty: boolean): { release: () => void } {
  const released = useRef(false);
  useEffect(() => {
    if (!dirty) {
      released.current = false;
      return;
    }
    const mayLeave = () => released.current || window.confirm(i18n.t('common:leaveUnsaved'));
    const stop = guardLeaving(mayLeave);
    // Electron's window would refuse to close without asking (no dialog there): browser only.
    const onUnload = (e: BeforeUnloadEvent) => {
      if (released.current || window.opsdeck) return;
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      stop();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [dirty]);
  return {
    release: () => {
      released.current = true;
    },
  };
}
