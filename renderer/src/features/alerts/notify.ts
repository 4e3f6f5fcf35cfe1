import { api } from '@renderer/api';
import i18n from '@renderer/i18n';
import { useToasts } from '@renderer/stores/toasts';

/**
 * Alerts as they are raised: an in-app toast always, and a native notification when the OS allows
 * it (Electron grants it; a browser asks once). Call once at app start; returns the unsubscribe.
 */
export function startAlertNotifications(): () => void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default')
    void Notification.requestPermission().catch(() => undefined);
  return api.subscribe('alert.raised', (a) => {
    const title = `${a.boothName} — ${i18n.t(`alertKinds.${a.kind}`, { ns: 'alerts' })}`;
    useToasts.getState().push({ kind: a.severity === 'critical' ? 'error' : 'info', message: title });
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(title, { tag: a.id });
      } catch {
        // Some shells expose Notification but refuse construction; the toast already told the user.
      }
    }
  });
}
