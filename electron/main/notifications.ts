import { Notification } from 'electron';
import type { Alert } from '@shared/model/alert.js';
import type { EventBus } from '../core/events.js';

type Lang = 'fr' | 'en';

const TITLES: Record<Alert['kind'], Record<Lang, string>> = {
  paper_warning: { fr: 'Papier bas', en: 'Paper low' },
  paper_critical: { fr: 'Papier presque épuisé', en: 'Paper almost out' },
  offline_during_event: { fr: 'Borne hors ligne pendant son événement', en: 'Booth offline during its event' },
  disk_low: { fr: 'Disque presque plein', en: 'Disk almost full' },
  high_temperature: { fr: 'Température élevée', en: 'High temperature' },
  print_burst: { fr: 'Impressions plus rapides que le papier', en: 'Printing faster than paper allows' },
  slow_network: { fr: 'Réseau lent', en: 'Slow network' },
};

/** The words of a native notification for an alert, in the device's language. */
export function alertNotificationText(alert: Alert, lang: Lang): { title: string; body: string } {
  return { title: `${alert.boothName} — ${TITLES[alert.kind][lang]}`, body: alert.message };
}

/**
 * Alerts raised by the core become native notifications (SPEC §5); clicking one brings the
 * window forward. Each alert is raised once by the core, so each notifies once.
 */
export function forwardAlertNotifications(opts: { events: EventBus; language: () => Lang; focus: () => void }): () => void {
  return opts.events.subscribe((ev) => {
    if (ev.event !== 'alert.raised' || !Notification.isSupported()) return;
    const text = alertNotificationText(ev.payload as Alert, opts.language());
    const n = new Notification({
      title: text.title,
      body: text.body,
      urgency: (ev.payload as Alert).severity === 'critical' ? 'critical' : 'normal',
    });
    n.on('click', opts.focus);
    n.show();
  });
}
