import type { ReplenishmentLine, ReorderStatus } from '@shared/model/forecast.js';
import { csvFileName, formatNumber, toCsvText } from '../csv/index.js';

const HEADERS = [
  'Référence',
  'Désignation',
  'Fournisseur',
  'Quantité à commander',
  'Unité',
  'Commander avant le',
  'Rupture estimée le',
  'Stock',
  'En commande',
  'Point de commande',
  "Prix d'achat unitaire",
  'Montant',
  'Statut',
];

const STATUS_FR: Record<ReorderStatus, string> = {
  order_now: 'À commander maintenant',
  late_delivery: 'Rupture avant livraison',
  order_soon: 'À commander bientôt',
  ok: 'OK',
  overstock: 'Surstock',
  no_data: 'Pas assez de données',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Days are UTC midnights: formatted in UTC so no time zone shifts them to the day before. */
function formatDay(ms: number | null): string {
  if (ms === null) return '';
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

/** The "to order" list as French Excel opens it (the csv module's writer: ";", decimal comma, BOM). */
export function replenishmentCsv(lines: readonly ReplenishmentLine[], today: number): { fileName: string; csv: string; rows: number } {
  const n = (v: number | null) => formatNumber(v === null ? null : Math.round(v * 100) / 100, 'fr');
  const data = lines.map((l) => [
    l.sku,
    l.name,
    l.supplier,
    n(l.quantity),
    l.unit,
    formatDay(l.orderBy),
    formatDay(l.stockoutAt),
    n(l.onHand),
    n(l.onOrder),
    n(l.reorderPoint),
    n(l.unitCost),
    n(l.quantity * l.unitCost),
    // Below its reorder point on a day its supplier takes no orders: to order on the order-by day, not "now".
    l.status === 'order_now' && l.orderBy > today ? 'À commander au prochain jour de commande' : STATUS_FR[l.status],
  ]);
  return { fileName: csvFileName('reappro', today), csv: toCsvText(HEADERS, data, 'fr'), rows: data.length };
}
