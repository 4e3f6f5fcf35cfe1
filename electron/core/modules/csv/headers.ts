/** Column names per import kind, in French and English, and the automatic header → field mapping. */

export type CsvKind = 'products' | 'services' | 'movements' | 'sales' | 'clients';
export const CSV_KINDS: readonly CsvKind[] = ['products', 'services', 'movements', 'sales', 'clients'];

export interface CsvField {
  key: string;
  required: boolean;
  /** Header spellings we recognise, already normalised (see normalizeHeader). */
  aliases: string[];
}

const f = (key: string, required: boolean, ...aliases: string[]): CsvField => ({ key, required, aliases: aliases.map(normalizeHeader) });

export const CSV_FIELDS: Record<CsvKind, CsvField[]> = {
  products: [
    f('sku', true, 'sku', 'ref', 'reference', 'référence', 'code', 'code article', 'article', 'item code'),
    f('name', false, 'name', 'nom', 'désignation', 'designation', 'libellé', 'libelle', 'produit', 'product', 'product name'),
    f('description', false, 'description', 'descriptif'),
    f('category', false, 'category', 'catégorie', 'categorie', 'famille', 'rayon'),
    f('unit', false, 'unit', 'unité', 'unite', 'uom'),
    f('price', false, 'price', 'prix', 'prix de vente', 'prix vente', 'pv', 'sale price', 'prix ttc', 'prix ht'),
    f('cost', false, 'cost', 'coût', 'cout', "prix d'achat", 'prix achat', 'pa', 'purchase price', 'coût unitaire'),
    f('supplier', false, 'supplier', 'fournisseur', 'vendor'),
    f(
      'leadTimeDays',
      false,
      'lead time',
      'lead time days',
      'lead_time_days',
      'délai',
      'delai',
      'délai (j)',
      'délai de livraison',
      'délai jours',
    ),
    f('moq', false, 'moq', 'minimum', 'minimum order', 'qté min', 'qte min', 'quantité minimum', 'minimum de commande'),
    f('packSize', false, 'pack size', 'pack_size', 'colisage', 'conditionnement', 'pack'),
    f('serviceLevel', false, 'service level', 'service_level', 'taux de service', 'niveau de service'),
    f(
      'reorderPoint',
      false,
      'stock minimum',
      'minimum stock',
      'min stock',
      'min_stock',
      'stock mini',
      'reorder point',
      'reorder_point',
      'point de commande',
      'seuil',
    ),
    f('ecoScore', false, 'eco score', 'eco_score', 'écoscore', 'ecoscore', 'éco-score', 'score éco', 'score environnemental'),
    f('ecoDetails', false, 'eco details', 'eco_details', 'détails éco', 'details eco', 'impact environnemental', 'impact'),
    f('active', false, 'active', 'actif', 'statut', 'status'),
  ],
  services: [
    f('title', true, 'title', 'titre', 'nom', 'name', 'prestation', 'service', 'formule'),
    f('description', false, 'description', 'descriptif'),
    f('durationMin', true, 'duration', 'duration min', 'duration_min', 'durée', 'duree', 'durée (min)', 'durée min', 'minutes'),
    f('benefits', false, 'benefits', 'avantages', 'inclus', 'includes', 'contenu'),
    f('price', false, 'price', 'prix', 'tarif'),
  ],
  movements: [
    f(
      'reference',
      false,
      'id',
      'ref mouvement',
      'movement id',
      'n° mouvement',
      'n°',
      'numéro',
      'numero',
      'bon',
      'external id',
      'idempotency key',
    ),
    f('date', true, 'date', 'occurred at', 'occurred_at', 'jour', 'date mouvement'),
    f('sku', true, 'sku', 'ref', 'référence', 'reference article', 'code', 'code article', 'article', 'product'),
    f('type', true, 'type', 'mouvement', 'sens', 'movement', 'kind'),
    f('quantity', true, 'quantity', 'quantité', 'quantite', 'qté', 'qte', 'qty'),
    f('location', false, 'location', 'emplacement', 'entrepôt', 'entrepot', 'dépôt', 'depot', 'stock', 'from', 'de', 'source location'),
    f('toLocation', false, 'to location', 'to', 'vers', 'destination', 'à', 'emplacement destination'),
    f('reason', false, 'reason', 'motif', 'raison', 'commentaire', 'comment', 'note'),
  ],
  sales: [
    f('reference', false, 'n° facture', 'facture', 'invoice', 'ticket', 'order', 'commande', 'id', 'n° ticket', 'numéro'),
    f('date', true, 'date', 'date de vente', 'sale date', 'jour'),
    f('sku', true, 'sku', 'ref', 'référence', 'code', 'code article', 'article', 'product'),
    f('quantity', true, 'quantity', 'quantité', 'quantite', 'qté', 'qte', 'qty', 'quantité vendue', 'sold'),
    f('location', false, 'location', 'emplacement', 'entrepôt', 'entrepot', 'dépôt', 'depot', 'magasin', 'store'),
    f('unitPrice', false, 'unit price', 'prix unitaire', 'prix', 'price', 'pu'),
  ],
  // Clients and contacts (issue 18): the headers of our own export first, then what other tools write.
  clients: [
    f('kind', false, 'type', 'kind', 'nature', 'type de client', 'client type'),
    f('name', true, 'nom', 'name', 'raison sociale', 'client', 'nom du client', 'nom complet', 'full name', 'contact', 'nom prénom'),
    f('company', false, 'société', 'societe', 'entreprise', 'company', 'organisation', 'organization', 'employeur'),
    f('email', false, 'e-mail', 'email', 'mail', 'courriel', 'adresse e-mail', 'adresse mail', 'email address'),
    f('phone', false, 'téléphone', 'telephone', 'tél', 'tel', 'phone', 'mobile', 'portable', 'gsm', 'phone number', 'n° de téléphone'),
    f('address', false, 'adresse', 'address', 'adresse postale', 'postal address'),
    f('notes', false, 'notes', 'note', 'commentaire', 'commentaires', 'remarques', 'comment', 'comments'),
    f('tags', false, 'étiquettes', 'etiquettes', 'tags', 'mots clés', 'labels', 'catégories'),
    f('source', false, 'source', 'origine', 'provenance', 'canal', 'lead source'),
    f('stage', false, 'étape', 'etape', 'stage', 'statut', 'status', 'pipeline'),
    f('lostReason', false, 'raison de la perte', 'motif de perte', 'raison perte', 'lost reason'),
    f('nextAction', false, 'prochaine action', 'next action', 'action à faire'),
    f(
      'nextActionAt',
      false,
      'date prochaine action',
      'date de la prochaine action',
      'next action date',
      'next action at',
      'échéance',
      'relance',
    ),
  ],
};

/** Lower case, accents removed, punctuation folded to single spaces: "Délai_(j)" → "delai j". */
export function normalizeHeader(h: string): string {
  return h
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9°]+/g, ' ')
    .trim();
}

/** field key → column index (or null when no column matches). First matching column wins; a column serves one field. */
export type CsvMapping = Record<string, number | null>;

export function guessMapping(kind: CsvKind, headers: string[]): CsvMapping {
  const norm = headers.map(normalizeHeader);
  const used = new Set<number>();
  const mapping: CsvMapping = {};
  // Exact alias matches first for every field, so "ref" for sku is not stolen by a looser field.
  for (const field of CSV_FIELDS[kind]) {
    const idx = norm.findIndex((h, i) => !used.has(i) && field.aliases.includes(h));
    mapping[field.key] = idx >= 0 ? idx : null;
    if (idx >= 0) used.add(idx);
  }
  return mapping;
}

/** Required fields that have no column: the file cannot be imported until the user maps them. */
export function missingRequired(kind: CsvKind, mapping: CsvMapping): string[] {
  return CSV_FIELDS[kind].filter((fd) => fd.required && (mapping[fd.key] === null || mapping[fd.key] === undefined)).map((fd) => fd.key);
}
