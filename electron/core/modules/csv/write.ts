import Papa from 'papaparse';
import type { Db } from '@core/db/connection.js';
import { iterateProducts } from '@core/db/repos/products.js';
import { allServices } from '@core/db/repos/services.js';
import { iterateMovements } from '@core/db/repos/stockMovements.js';
import { listBalances } from '@core/db/repos/balances.js';
import { allClients } from '@core/db/repos/clients.js';
import { MOVEMENT_DAY_HOUR } from './values.js';

export type ExportKind = 'products' | 'services' | 'movements' | 'sales' | 'balances' | 'clients';
export type ExportFormat = 'fr' | 'en';

/**
 * "fr" is what French Excel opens directly: ";" separator, decimal comma, dd/mm/yyyy, UTF-8 BOM.
 * "en" is plain CSV: "," separator, decimal point, ISO dates. Both re-import as they are (the
 * headers are aliases the importer knows).
 */
const HEADERS: Record<ExportKind, Record<ExportFormat, string[]>> = {
  products: {
    fr: [
      'Référence',
      'Désignation',
      'Description',
      'Catégorie',
      'Unité',
      'Prix de vente',
      "Prix d'achat",
      'Fournisseur',
      'Délai (j)',
      'Qté min',
      'Colisage',
      'Taux de service',
      'Point de commande',
      'Éco-score',
      'Détails éco',
      'Actif',
      'Stock',
    ],
    en: [
      'sku',
      'name',
      'description',
      'category',
      'unit',
      'price',
      'cost',
      'supplier',
      'lead_time_days',
      'moq',
      'pack_size',
      'service_level',
      'reorder_point',
      'eco_score',
      'eco_details',
      'active',
      'on_hand',
    ],
  },
  services: {
    fr: ['Titre', 'Description', 'Durée (min)', 'Avantages', 'Prix', 'Actif'],
    en: ['title', 'description', 'duration_min', 'benefits', 'price', 'active'],
  },
  movements: {
    fr: ['Date', 'Référence', 'Type', 'Quantité', 'Emplacement', 'Destination', 'Motif', 'Origine', 'Id'],
    en: ['date', 'sku', 'type', 'quantity', 'location', 'to_location', 'reason', 'source', 'id'],
  },
  sales: {
    fr: ['Date', 'Référence', 'Quantité', 'Emplacement', 'Facture'],
    en: ['date', 'sku', 'quantity', 'location', 'invoice'],
  },
  balances: {
    fr: ['Référence', 'Désignation', 'Emplacement', 'Stock', 'Dernier mouvement'],
    en: ['sku', 'name', 'location', 'on_hand', 'last_movement_at'],
  },
  clients: {
    fr: [
      'Type',
      'Nom',
      'Société',
      'E-mail',
      'Téléphone',
      'Adresse',
      'Notes',
      'Étiquettes',
      'Origine',
      'Étape',
      'Raison de la perte',
      'Prochaine action',
      'Date prochaine action',
    ],
    en: [
      'type',
      'name',
      'company',
      'email',
      'phone',
      'address',
      'notes',
      'tags',
      'source',
      'stage',
      'lost_reason',
      'next_action',
      'next_action_date',
    ],
  },
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A date, with its time unless it is `dateOnlyHour` o'clock sharp (what the importer reads a day alone as). */
function formatDate(ms: number, f: ExportFormat, dateOnlyHour = 0): string {
  const d = new Date(ms);
  const time =
    d.getHours() !== dateOnlyHour || d.getMinutes() || d.getSeconds()
      ? ` ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
      : '';
  return f === 'fr'
    ? `${pad(d.getDate())}/${pad(d.getMonth() + 1)}/${d.getFullYear()}${time}`
    : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}${time}`;
}

export function formatNumber(n: number | null, f: ExportFormat): string {
  if (n === null) return '';
  const s = String(Math.round(n * 1e6) / 1e6);
  return f === 'fr' ? s.replace('.', ',') : s;
}

const yesNo = (b: boolean, f: ExportFormat) => (f === 'fr' ? (b ? 'oui' : 'non') : b ? 'yes' : 'no');
const CLIENT_KIND_FR = { company: 'entreprise', person: 'particulier' } as const;
const STAGE_FR = {
  lead: 'prospect',
  contacted: 'contacté',
  quoted: 'devis envoyé',
  booked: 'réservé',
  done: 'terminé',
  lost: 'perdu',
} as const;
const MOVEMENT_TYPE_FR = { in: 'entrée', out: 'sortie', adjust: 'ajustement', transfer: 'transfert' } as const;

function* rowsOf(db: Db, kind: ExportKind, f: ExportFormat): Generator<string[]> {
  const n = (v: number | null) => formatNumber(v, f);
  if (kind === 'products') {
    for (const p of iterateProducts(db)) {
      yield [
        p.sku,
        p.name,
        p.description,
        p.category,
        p.unit,
        n(p.price),
        n(p.cost),
        p.supplier,
        n(p.leadTimeDays),
        n(p.moq),
        n(p.packSize),
        n(p.serviceLevel),
        n(p.reorderPoint),
        n(p.ecoScore),
        p.ecoDetails.join(' | '),
        yesNo(p.active, f),
        n(p.onHand),
      ];
    }
  } else if (kind === 'services') {
    for (const s of allServices(db))
      yield [s.title, s.description, n(s.durationMin), s.benefits.join(' | '), n(s.price), yesNo(s.active, f)];
  } else if (kind === 'movements') {
    for (const m of iterateMovements(db)) {
      // Adjustments carry their sign in the quantity, as the importer reads them back.
      const qty = m.type === 'adjust' ? m.delta : m.quantity;
      yield [
        formatDate(m.occurredAt, f, MOVEMENT_DAY_HOUR),
        m.productSku,
        f === 'fr' ? MOVEMENT_TYPE_FR[m.type] : m.type,
        n(qty),
        m.locationName,
        m.toLocationName ?? '',
        m.reason,
        m.source,
        m.id,
      ];
    }
  } else if (kind === 'sales') {
    for (const m of iterateMovements(db, { onlyOut: true }))
      yield [formatDate(m.occurredAt, f, MOVEMENT_DAY_HOUR), m.productSku, n(m.quantity), m.locationName, m.id];
  } else if (kind === 'clients') {
    for (const c of allClients(db))
      yield [
        f === 'fr' ? CLIENT_KIND_FR[c.kind] : c.kind,
        c.name,
        c.companyName ?? '',
        c.email ?? '',
        c.phone ?? '',
        c.address ?? '',
        c.notes ?? '',
        c.tags.join(', '),
        c.source ?? '',
        f === 'fr' ? STAGE_FR[c.stage] : c.stage,
        c.lostReason ?? '',
        c.nextAction ?? '',
        c.nextActionAt === null ? '' : formatDate(c.nextActionAt, f),
      ];
  } else {
    for (const b of listBalances(db, {}))
      yield [b.sku, b.productName, b.locationName, n(b.onHand), formatDate(b.lastMovementAt, f, MOVEMENT_DAY_HOUR)];
  }
}

export function exportCsv(db: Db, kind: ExportKind, f: ExportFormat, today: number): { fileName: string; content: string; rows: number } {
  const data: string[][] = [];
  for (const r of rowsOf(db, kind, f)) data.push(r);
  return { fileName: csvFileName(kind, today), content: toCsvText(HEADERS[kind][f], data, f), rows: data.length };
}

export function csvFileName(what: string, today: number): string {
  const d = new Date(today);
  return `opsdeck-${what}-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.csv`;
}

/** The one CSV writer of every export: formula-looking cells escaped, CRLF lines. */
export function toCsvText(fields: string[], data: string[][], f: ExportFormat): string {
  const csv = Papa.unparse({ fields, data }, { delimiter: f === 'fr' ? ';' : ',', newline: '\r\n', quotes: false, escapeFormulae: true });
  // The BOM makes French Excel read UTF-8 accents correctly.
  return (f === 'fr' ? '\ufeff' : '') + csv + '\r\n';
}
