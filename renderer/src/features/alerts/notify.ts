import { api } from '@renderer/api';
import i18n from '@renderer/i18n';
import { useToasts } from '@renderer/stores/toasts';
import type { Alert } from '@shared/model/alert';

/** Alerts raised within this window after the first one make one toast (a demo entry raises 6 at once). */
export const ALERT_BURST_MS = 1200;

/**
 * Alerts as they are raised: an in-app toast always, and a native notification when the OS allows
 * it (Electron grants it; a browser asks once). A burst (the demo's first beat, a sync pulling a
 * fleet's alerts) becomes ONE toast — "6 nouvelles alertes", the booths named, a link to the
 * alerts — instead of a tower of toasts over the page. Call once at app start; returns the unsubscribe.
 */
export function startAlertNotifications(): () => void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default')
    void Notification.requestPermission().catch(() => undefined);
  let pending: Alert[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    const critical = batch.some((a) => a.severity === 'critical');
    const title =
      batch.length === 1
        ? `${batch[0]!.boothName} — ${i18n.t(`alertKinds.${batch[0]!.kind}`, { ns: 'alerts' })}`
        : i18n.t('toast.many', { ns: 'alerts', count: batch.length });
    const booths = [...new Set(batch.map((a) => a.boothName))];
    useToasts.getState().push({
      kind: critical ? 'error' : 'info',
      message: title,
      detail: batch.length > 1 ? booths.join(', ') : undefined,
      plainDetail: true,
      link: { href: '#/alerts', label: i18n.t('toast.see', { ns: 'alerts' }) },
    });
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      try {
        new Notification(title, {
          tag: batch.length === 1 ? batch[0]!.id : 'alerts-burst',
          body: batch.length > 1 ? booths.join(', ') : undefined,
        });
      } catch {
        // Some shells expose Notification but refuse construction; the toast already told the user.
      }
    }
  };
  const off = api.subscribe('alert.raised', (a) => {
    pending.push(a);
    timer ??= setTimeout(flush, ALERT_BURST_MS);
  });
  return () => {
    off();
    if (timer) clearTimeout(timer);
  };
}
