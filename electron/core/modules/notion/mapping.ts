import type {
  NotionEntity,
  NotionEventOptions,
  NotionFieldDef,
  NotionMapping,
  NotionMappingCheck,
  NotionProperty,
} from '@shared/model/notion.js';
import { foldAccents } from '@shared/text.js';
import { asBool, asDate, asFiles, asList, asNumber, asRelation, asText, ValueProblem, type FileRef, type Prop } from './properties.js';

/**
 * The mapping from Notion properties to OpsDeck fields, without I/O: which fields exist, which
 * Notion types each accepts, the obvious proposal from French and English names, the type check,
 * and one page → the values an import writes (or the reason it cannot).
 */

type Kind = 'text' | 'number' | 'date' | 'bool' | 'list' | 'files' | 'booth' | 'status' | 'writeNumber';
interface Field {
  key: string;
  kind: Kind;
  required?: boolean;
  synonyms: string[];
}

const ACCEPTS: Record<Kind, string[]> = {
  text: [
    'title',
    'rich_text',
    'select',
    'status',
    'multi_select',
    'url',
    'email',
    'phone_number',
    'number',
    'unique_id',
    'people',
    'formula',
    'rollup',
  ],
  number: ['number', 'formula', 'rollup', 'unique_id'],
  date: ['date', 'formula', 'rollup', 'created_time', 'last_edited_time'],
  bool: ['checkbox', 'formula'],
  list: ['multi_select', 'rich_text', 'people', 'rollup', 'select'],
  files: ['files'],
  booth: ['relation', 'select', 'multi_select', 'rich_text', 'title'],
  status: ['status', 'select', 'rich_text'],
  writeNumber: ['number'],
};

export const FIELDS: Record<NotionEntity, Field[]> = {
  events: [
    {
      key: 'clientName',
      kind: 'text',
      required: true,
      synonyms: ['client', 'nom du client', 'customer', 'nom', 'name', 'titre', 'title', 'evenement', 'event'],
    },
    { key: 'date', kind: 'date', required: true, synonyms: ['date', 'dates', 'quand', 'when', 'date de l evenement', 'event date'] },
    { key: 'status', kind: 'status', synonyms: ['statut', 'status', 'etat', 'state'] },
    { key: 'booth', kind: 'booth', synonyms: ['photomaton', 'photomatons', 'borne', 'bornes', 'booth', 'photobooth', 'photo booth'] },
    { key: 'eventType', kind: 'text', synonyms: ['type', 'type d evenement', 'event type', 'categorie', 'category'] },
    { key: 'albumName', kind: 'text', synonyms: ['album', 'nom de l album', 'album name', 'galerie', 'gallery'] },
    { key: 'sessions', kind: 'writeNumber', synonyms: ['sessions', 'session', 'nombre de sessions'] },
    { key: 'prints', kind: 'writeNumber', synonyms: ['impressions', 'tirages', 'prints', 'print'] },
    { key: 'digital', kind: 'writeNumber', synonyms: ['numerique', 'numeriques', 'digital', 'partages', 'envois'] },
    { key: 'gifs', kind: 'writeNumber', synonyms: ['gifs', 'gif', 'boomerangs'] },
  ],
  products: [
    { key: 'name', kind: 'text', required: true, synonyms: ['nom', 'name', 'produit', 'product', 'titre', 'title', 'designation'] },
    { key: 'sku', kind: 'text', synonyms: ['reference', 'ref', 'sku', 'code', 'code article'] },
    { key: 'price', kind: 'number', synonyms: ['prix', 'price', 'tarif', 'prix de vente', 'prix ttc'] },
    { key: 'category', kind: 'text', synonyms: ['categorie', 'category', 'famille', 'rayon'] },
    { key: 'description', kind: 'text', synonyms: ['description', 'descriptif', 'details'] },
    { key: 'supplier', kind: 'text', synonyms: ['fournisseur', 'supplier', 'marque', 'brand'] },
    { key: 'unit', kind: 'text', synonyms: ['unite', 'unit'] },
    { key: 'active', kind: 'bool', synonyms: ['actif', 'active', 'en vente', 'disponible'] },
    { key: 'images', kind: 'files', synonyms: ['images', 'image', 'photos', 'photo', 'visuels', 'visuel'] },
  ],
  services: [
    { key: 'title', kind: 'text', required: true, synonyms: ['nom', 'name', 'titre', 'title', 'formule', 'service', 'prestation'] },
    { key: 'description', kind: 'text', synonyms: ['description', 'descriptif', 'details'] },
    { key: 'durationMin', kind: 'number', synonyms: ['duree (min)', 'duree', 'duration', 'duree en minutes', 'minutes'] },
    { key: 'price', kind: 'number', synonyms: ['prix', 'price', 'tarif'] },
    { key: 'benefits', kind: 'list', synonyms: ['avantages', 'benefits', 'inclus', 'compris', 'points forts'] },
    { key: 'images', kind: 'files', synonyms: ['images', 'image', 'photos', 'photo', 'visuels'] },
  ],
};

export function fieldDefs(entity: NotionEntity): NotionFieldDef[] {
  return FIELDS[entity].map((f) => ({
    key: f.key,
    required: Boolean(f.required),
    write: f.kind === 'writeNumber',
    accepts: ACCEPTS[f.kind],
  }));
}

/** Fields OpsDeck imports (Notion owns them on a Notion row), by entity. */
export function importedFields(entity: NotionEntity, mapping: NotionMapping): string[] {
  return FIELDS[entity].filter((f) => f.kind !== 'writeNumber' && mapping[f.key]).map((f) => f.key);
}

export const norm = (s: string) =>
  foldAccents(s)
    .replace(/[^a-z0-9()]+/g, ' ')
    .trim();

/** The obvious mapping: exact (accent- and case-blind) name first, then a name that contains a synonym; types must fit. */
export function proposeMapping(entity: NotionEntity, properties: NotionProperty[]): NotionMapping {
  const used = new Set<string>();
  const out: NotionMapping = {};
  const fits = (f: Field, p: NotionProperty) => ACCEPTS[f.kind].includes(p.type) && !used.has(p.name);
  for (const pass of ['exact', 'contains'] as const) {
    for (const f of FIELDS[entity]) {
      if (out[f.key]) continue;
      for (const syn of f.synonyms) {
        const p = properties.find(
          (x) =>
            fits(f, x) &&
            (pass === 'exact' ? norm(x.name) === syn : norm(x.name).split(' ').includes(syn.split(' ')[0]!) && syn.length > 3),
        );
        if (p) {
          out[f.key] = p.name;
          used.add(p.name);
          break;
        }
      }
    }
  }
  // The required text field falls back to the page title.
  const first = FIELDS[entity][0]!;
  if (!out[first.key]) {
    const t = properties.find((p) => p.type === 'title' && !used.has(p.name));
    if (t) out[first.key] = t.name;
  }
  for (const f of FIELDS[entity]) if (!(f.key in out)) out[f.key] = null;
  return out;
}

export function checkMapping(entity: NotionEntity, mapping: NotionMapping, properties: NotionProperty[]): NotionMappingCheck {
  const problems: NotionMappingCheck['problems'] = [];
  for (const f of FIELDS[entity]) {
    const name = mapping[f.key] ?? null;
    if (!name) {
      if (f.required) problems.push({ field: f.key, code: 'required', property: null, type: null });
      continue;
    }
    const p = properties.find((x) => x.name === name);
    if (!p) problems.push({ field: f.key, code: 'missing_property', property: name, type: null });
    else if (!ACCEPTS[f.kind].includes(p.type)) problems.push({ field: f.key, code: 'wrong_type', property: name, type: p.type });
  }
  for (const k of Object.keys(mapping))
    if (!FIELDS[entity].some((f) => f.key === k))
      problems.push({ field: k, code: 'missing_property', property: mapping[k] ?? null, type: null });
  return { ok: problems.length === 0, problems };
}

export const DEFAULT_EVENT_OPTIONS: NotionEventOptions = {
  liveValues: ['En cours'],
  doneValues: ['Terminé'],
  cancelledValues: ['Annulé'],
};

/** Status values proposed from a status/select property's options (FR and EN names). */
export function proposeEventOptions(statusProp: NotionProperty | undefined): NotionEventOptions {
  if (!statusProp || !statusProp.options.length) return DEFAULT_EVENT_OPTIONS;
  const pick = (words: string[]) => statusProp.options.filter((o) => words.some((w) => norm(o) === w || norm(o).startsWith(w)));
  const live = pick(['en cours', 'in progress', 'live', 'en direct']);
  const done = pick(['termine', 'done', 'completed', 'fini', 'complete']);
  const cancelled = pick(['annule', 'cancelled', 'canceled', 'abandonne']);
  return { liveValues: live.length ? live : DEFAULT_EVENT_OPTIONS.liveValues, doneValues: done, cancelledValues: cancelled };
}

export type BoothRef = { mode: 'relation' | 'name'; keys: string[] };
export interface EventValues {
  clientName: string;
  eventType: string | null;
  albumName: string | null;
  startsAt: number;
  endsAt: number;
  status: 'active' | 'completed' | 'archived';
  statusLabel: string | null;
  booth: BoothRef | null;
}
export interface ProductValues {
  name?: string;
  sku?: string | null;
  price?: number | null;
  category?: string | null;
  description?: string | null;
  supplier?: string | null;
  unit?: string | null;
  active?: boolean | null;
  images?: FileRef[];
}
export interface ServiceValues {
  title?: string;
  description?: string | null;
  durationMin?: number | null;
  price?: number | null;
  benefits?: string[];
  images?: FileRef[];
}
export type MappedValues =
  { entity: 'events'; values: EventValues } | { entity: 'products'; values: ProductValues } | { entity: 'services'; values: ServiceValues };

const DEFAULT_EVENT_MS = 4 * 3_600_000;

function read<T>(field: string, property: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof ValueProblem) throw new ValueProblem(`${property}: ${e.message}`);
    throw e;
  }
}

/**
 * One page's properties → the values an import writes. Throws `ValueProblem` with the reason
 * (naming the Notion property) when the page cannot be imported; the importer lists it as skipped.
 */
export function mapPage(
  entity: NotionEntity,
  mapping: NotionMapping,
  properties: Record<string, Prop>,
  options: NotionEventOptions | null,
): MappedValues {
  const get = (key: string): { name: string; prop: Prop } | null => {
    const name = mapping[key];
    if (!name) return null;
    return { name, prop: properties[name] ?? null };
  };
  const text = (key: string, max: number): string | null | undefined => {
    const g = get(key);
    if (!g) return undefined;
    const t = read(key, g.name, () => asText(g.prop));
    if (t !== null && t.length > max) throw new ValueProblem(`${g.name}: longer than ${max} characters`);
    return t;
  };
  const num = (key: string): number | null | undefined => {
    const g = get(key);
    return g ? read(key, g.name, () => asNumber(g.prop)) : undefined;
  };
  if (entity === 'events') {
    const clientName = text('clientName', 200);
    if (!clientName) throw new ValueProblem(`${mapping.clientName}: empty (the event needs a name or client)`);
    const g = get('date')!;
    const d = read('date', g?.name ?? 'date', () => asDate(g?.prop ?? null));
    if (!d) throw new ValueProblem(`${g?.name ?? 'Date'}: no date`);
    const endsAt = d.end ?? (d.allDay ? d.start + 86_400_000 - 1 : d.start + DEFAULT_EVENT_MS);
    if (endsAt < d.start) throw new ValueProblem(`${g.name}: ends before it starts`);
    const sg = get('status');
    const statusLabel = sg ? read('status', sg.name, () => asText(sg.prop)) : null;
    const o = options ?? DEFAULT_EVENT_OPTIONS;
    const has = (list: string[]) => statusLabel !== null && list.some((x) => norm(x) === norm(statusLabel));
    // No status property mapped: every event is live. Otherwise only the live values are.
    const status = !sg ? 'active' : has(o.liveValues) ? 'active' : has(o.doneValues) ? 'completed' : 'archived';
    const bg = get('booth');
    let booth: BoothRef | null = null;
    if (bg && bg.prop) {
      if (bg.prop.type === 'relation') booth = { mode: 'relation', keys: asRelation(bg.prop) };
      else
        booth = {
          mode: 'name',
          keys: read('booth', bg.name, () =>
            bg.prop!.type === 'multi_select' ? asList(bg.prop) : [asText(bg.prop)].filter((x): x is string => Boolean(x)),
          ),
        };
      if (!booth.keys.length) booth = null;
    }
    return {
      entity,
      values: {
        clientName,
        eventType: text('eventType', 100) ?? null,
        albumName: text('albumName', 200) ?? null,
        startsAt: d.start,
        endsAt,
        status,
        statusLabel,
        booth,
      },
    };
  }
  const files = (key: string): FileRef[] | undefined => {
    const g = get(key);
    return g ? read(key, g.name, () => asFiles(g.prop)) : undefined;
  };
  const nonNeg = (key: string, n: number | null | undefined) => {
    if (n !== null && n !== undefined && n < 0) throw new ValueProblem(`${mapping[key]}: ${n} is negative`);
    return n;
  };
  if (entity === 'products') {
    const name = text('name', 200);
    if (!name) throw new ValueProblem(`${mapping.name}: empty (the product needs a name)`);
    const ag = get('active');
    return {
      entity,
      values: {
        name,
        sku: text('sku', 64),
        price: nonNeg('price', num('price')),
        category: text('category', 100),
        description: text('description', 5000),
        supplier: text('supplier', 200),
        unit: text('unit', 20),
        active: ag ? read('active', ag.name, () => asBool(ag.prop)) : undefined,
        images: files('images'),
      },
    };
  }
  const title = text('title', 200);
  if (!title) throw new ValueProblem(`${mapping.title}: empty (the service needs a name)`);
  const dur = num('durationMin');
  if (dur !== undefined && dur !== null && !(dur > 0 && dur <= 10080))
    throw new ValueProblem(`${mapping.durationMin}: ${dur} is not a duration between 1 and 10080 minutes`);
  const bg = get('benefits');
  return {
    entity,
    values: {
      title,
      description: text('description', 5000),
      durationMin: dur === null || dur === undefined ? dur : Math.round(dur),
      price: nonNeg('price', num('price')),
      benefits: bg ? read('benefits', bg.name, () => asList(bg.prop)) : undefined,
      images: files('images'),
    },
  };
}
