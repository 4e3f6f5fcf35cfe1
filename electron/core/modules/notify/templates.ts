import type { NotifyKind } from '@shared/model/notify.js';

type Lang = 'fr' | 'en';

/** What a message is about: a booth's alert or a product's (stock-out risk). */
export interface Notifiable {
  id: string;
  kind: NotifyKind;
  severity: 'warning' | 'critical';
  /** The booth's name, or the product's. */
  subject: string;
  booth: string | null;
  product: { id: string; sku: string; name: string } | null;
  message: string;
  details: Record<string, unknown>;
  raisedAt: number;
  clearedAt: number | null;
}

const KIND: Record<Lang, Record<NotifyKind, string>> = {
  fr: {
    paper_warning: 'Papier bas',
    paper_critical: 'Papier critique',
    offline_during_event: 'Hors ligne pendant l’événement',
    disk_low: 'Disque presque plein',
    high_temperature: 'Température élevée',
    print_burst: 'Rythme d’impression trop rapide',
    slow_network: 'Réseau lent',
    stockout_risk: 'Rupture de stock probable',
  },
  en: {
    paper_warning: 'Paper low',
    paper_critical: 'Paper critical',
    offline_during_event: 'Offline during its event',
    disk_low: 'Disk almost full',
    high_temperature: 'High temperature',
    print_burst: 'Printing too fast',
    slow_network: 'Slow network',
    stockout_risk: 'Stock-out risk',
  },
};

function when(ms: number, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(ms);
}

const day = (ms: number, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'full', timeZone: 'UTC' }).format(ms);
const qty = (n: number, lang: Lang) => new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 }).format(n);

function detailLine(a: Notifiable, lang: Lang): string | null {
  const d = a.details as Record<string, number | undefined>;
  if (a.kind === 'stockout_risk' && d.stockoutAt !== undefined && d.nextDeliveryAt !== undefined) {
    const unit = String(a.details.unit ?? '');
    const order =
      d.suggestedQty && d.suggestedQty > 0
        ? lang === 'fr'
          ? ` Commande conseillée maintenant : ${qty(d.suggestedQty, lang)} ${unit}.`
          : ` Suggested order now: ${qty(d.suggestedQty, lang)} ${unit}.`
        : '';
    if ((d.onHand ?? 0) <= 0)
      return lang === 'fr'
        ? `Déjà en rupture (0 ${unit}). Prochaine livraison possible : ${day(d.nextDeliveryAt, lang)}.${order}`
        : `Already out of stock (0 ${unit}). Next possible delivery: ${day(d.nextDeliveryAt, lang)}.${order}`;
    return lang === 'fr'
      ? `En stock : ${qty(d.onHand ?? 0, lang)} ${unit}. Épuisé vers le ${day(d.stockoutAt, lang)}, avant la prochaine livraison possible (${day(d.nextDeliveryAt, lang)}).${order}`
      : `On hand: ${qty(d.onHand ?? 0, lang)} ${unit}. Runs out around ${day(d.stockoutAt, lang)}, before the next possible delivery (${day(d.nextDeliveryAt, lang)}).${order}`;
  }
  if ((a.kind === 'paper_critical' || a.kind === 'paper_warning') && d.remaining !== undefined)
    return lang === 'fr'
      ? `Reste ${Math.floor(d.remaining)} tirages (seuil ${d.threshold}).`
      : `${Math.floor(d.remaining)} prints left (threshold ${d.threshold}).`;
  if (a.kind === 'disk_low' && d.diskFreePct !== undefined)
    return lang === 'fr' ? `Espace libre : ${d.diskFreePct.toFixed(1)} %.` : `Free space: ${d.diskFreePct.toFixed(1)} %.`;
  if (a.kind === 'high_temperature' && d.temperatureC !== undefined)
    return lang === 'fr' ? `Température : ${d.temperatureC.toFixed(0)} °C.` : `Temperature: ${d.temperatureC.toFixed(0)} °C.`;
  if (a.kind === 'print_burst' && d.minutesLeft !== undefined)
    return lang === 'fr' ? `Papier épuisé dans ${d.minutesLeft} min à ce rythme.` : `Paper runs out in ${d.minutesLeft} min at this pace.`;
  return null;
}

const sep = (lang: Lang) => (lang === 'fr' ? ' : ' : ': ');

export interface Message {
  subject: string;
  text: string;
}

/** The French and English messages of an alert's raise and clear (the channel's language). */
export function alertMessage(a: Notifiable, phase: 'raised' | 'cleared', lang: Lang): Message {
  const kind = KIND[lang][a.kind];
  const booth = a.subject;
  const what = a.product
    ? `${kind}${sep(lang)}${a.product.name} (${a.product.sku})`
    : lang === 'fr'
      ? `${kind} sur ${booth}`
      : `${kind} on ${booth}`;
  if (phase === 'raised') {
    const level =
      lang === 'fr' ? (a.severity === 'critical' ? 'Critique' : 'Attention') : a.severity === 'critical' ? 'Critical' : 'Warning';
    const lines = [
      `${what}.`,
      detailLine(a, lang),
      lang === 'fr' ? `Alerte levée le ${when(a.raisedAt, lang)}.` : `Alert raised on ${when(a.raisedAt, lang)}.`,
      lang === 'fr' ? 'Un second message suivra quand elle sera résolue.' : 'Another message follows when it clears.',
      '— OpsDeck',
    ];
    return { subject: `[OpsDeck] ${level}${sep(lang)}${kind} — ${booth}`, text: lines.filter(Boolean).join('\n') };
  }
  const lines = [
    a.product ? `${what} — ${lang === 'fr' ? 'résolu' : 'cleared'}.` : lang === 'fr' ? `${what} : résolu.` : `${what}: cleared.`,
    lang === 'fr'
      ? `Levée le ${when(a.raisedAt, lang)}, résolue le ${when(a.clearedAt ?? a.raisedAt, lang)}.`
      : `Raised on ${when(a.raisedAt, lang)}, cleared on ${when(a.clearedAt ?? a.raisedAt, lang)}.`,
    '— OpsDeck',
  ];
  return { subject: `[OpsDeck] ${lang === 'fr' ? 'Résolu' : 'Cleared'}${sep(lang)}${kind} — ${booth}`, text: lines.join('\n') };
}

export function testMessage(channelName: string, lang: Lang): Message {
  return lang === 'fr'
    ? {
        subject: '[OpsDeck] Message de test',
        text: `Ce canal (« ${channelName} ») fonctionne : les alertes choisies arriveront ici.\n— OpsDeck`,
      }
    : { subject: '[OpsDeck] Test message', text: `This channel (“${channelName}”) works: the chosen alerts will arrive here.\n— OpsDeck` };
}
