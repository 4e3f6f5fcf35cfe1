import { v, type PropSchema, type SeedTarget } from './model.js';

/** The demo's booths (same names as `opsdeck demo`). */
export const DEMO_BOOTH_NAMES = [
  'Borne Aurore',
  'Borne Brume',
  'Borne Cèdre',
  'Borne Dune',
  'Borne Écume',
  'Borne Flocon',
  'Borne Givre',
  'Borne Houle',
];

/** Fixed ids so a demo, its e2e test and a restarted double agree. */
export const DEMO_IDS = {
  events: '1c9e3a52-7f00-4a10-9b00-00000000e001',
  eventsDb: '1c9e3a52-7f00-4a10-9b00-00000000d001',
  products: '1c9e3a52-7f00-4a10-9b00-00000000e002',
  productsDb: '1c9e3a52-7f00-4a10-9b00-00000000d002',
  services: '1c9e3a52-7f00-4a10-9b00-00000000e003',
  servicesDb: '1c9e3a52-7f00-4a10-9b00-00000000d003',
  booths: '1c9e3a52-7f00-4a10-9b00-00000000e004',
  boothsDb: '1c9e3a52-7f00-4a10-9b00-00000000d004',
};

const pageId = (n: number) => `2d000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** ISO local time in Paris winter time (+01:00), as Notion returns dates typed in the app. */
export function parisIso(ms: number): string {
  return new Date(ms + 3_600_000).toISOString().replace('Z', '+01:00');
}

export const EVENT_PROPERTIES: Record<string, PropSchema> = {
  Nom: { type: 'title' },
  Client: { type: 'rich_text' },
  Date: { type: 'date' },
  Statut: { type: 'status', options: ['À venir', 'En cours', 'Terminé', 'Annulé'] },
  Photomaton: { type: 'select', options: DEMO_BOOTH_NAMES },
  'Fiche borne': { type: 'relation', dataSourceId: DEMO_IDS.booths },
  Type: { type: 'select', options: ['Mariage', 'Entreprise', 'Anniversaire', 'Soirée', 'Salon'] },
  Album: { type: 'rich_text' },
  Lieu: { type: 'rich_text' },
  Contact: { type: 'email' },
  Téléphone: { type: 'phone_number' },
  Réf: { type: 'unique_id', prefix: 'EVT' },
  Responsable: { type: 'people' },
  Sessions: { type: 'number' },
  Impressions: { type: 'number' },
  Numérique: { type: 'number' },
  GIFs: { type: 'number' },
};

/**
 * The demo business's Notion: the "Photomatons" planning (events, some "En cours" right now on
 * the demo booths, one trashed, one without a date), the StoaViva catalog (products with
 * images and categories) and services (booth rental packages), and a "Bornes" data source.
 */
export function seedDemoWorkspace(d: SeedTarget): void {
  const now = d.clock.now();
  const H = 3_600_000;
  const D = 24 * H;
  const earlier = now - 3 * D;
  const booths = d.addDataSource(
    'Bornes',
    { Nom: { type: 'title' }, Modèle: { type: 'select', options: ['Miroir', 'Borne classique'] } },
    { id: DEMO_IDS.booths, databaseId: DEMO_IDS.boothsDb },
  );
  DEMO_BOOTH_NAMES.forEach((name, i) =>
    d.addPage(
      booths.id,
      { Nom: v.title(name), Modèle: v.select(i % 2 ? 'Miroir' : 'Borne classique') },
      { id: pageId(900 + i), createdTime: earlier, lastEditedTime: earlier },
    ),
  );

  const ev = d.addDataSource('Photomatons', { ...EVENT_PROPERTIES }, { id: DEMO_IDS.events, databaseId: DEMO_IDS.eventsDb });
  const day0 = Math.floor(now / D) * D;
  const events: Array<[string, string, string, number, number, string, string | null, boolean?]> = [
    // name, client, type, start offset (h from now), duration (h), status, booth
    ['Mariage Dupont – Château de Lacroix', 'Famille Dupont', 'Mariage', -2, 8, 'En cours', 'Borne Aurore'],
    ['Gala Lumière', 'Lumière SA', 'Entreprise', -1, 5, 'En cours', 'Borne Brume'],
    ['Salon Habitat Lyon', 'Eurexpo', 'Salon', -3, 9, 'En cours', 'Borne Cèdre'],
    ['Anniversaire Léa', 'Léa Martin', 'Anniversaire', 2 * 24, 6, 'À venir', 'Borne Dune'],
    ['Séminaire Altis', 'Altis Conseil', 'Entreprise', 5 * 24, 8, 'À venir', 'Borne Flocon'],
    ['Soirée Nexa', 'Nexa', 'Soirée', -6 * 24, 6, 'Terminé', 'Borne Aurore'],
    ['Mariage Moreau', 'Famille Moreau', 'Mariage', -13 * 24, 10, 'Terminé', 'Borne Brume'],
    ['Lancement Veloce', 'Veloce', 'Entreprise', 9 * 24, 4, 'Annulé', 'Borne Givre'],
  ];
  events.forEach(([name, client, type, startH, durH, status, booth], i) => {
    // Live events started a little while ago; the others start at 18:00 Paris time on their day.
    const start =
      status === 'En cours'
        ? Math.floor((now + startH * H) / (15 * 60_000)) * 15 * 60_000
        : Math.floor((now + startH * H) / D) * D + 17 * H;
    d.addPage(
      ev.id,
      {
        Nom: v.title(name),
        Client: v.text(client),
        Date: v.date(parisIso(start), parisIso(start + durH * H)),
        Statut: v.status(status),
        Photomaton: v.select(booth),
        'Fiche borne': v.relation(booth ? [pageId(900 + DEMO_BOOTH_NAMES.indexOf(booth))] : []),
        Type: v.select(type),
        Album: v.text(`${name} ${new Date(start).getUTCFullYear()}`),
        Lieu: v.text(['Lyon', 'Villeurbanne', 'Annecy', 'Grenoble'][i % 4]!),
        Contact: v.email(`contact${i + 1}@example.fr`),
        Téléphone: v.phone(`+33 6 12 34 56 ${String(10 + i)}`),
        Réf: v.uniqueId('EVT', 101 + i),
        Responsable: v.people(['Camille']),
        Sessions: v.number(null),
        Impressions: v.number(null),
        Numérique: v.number(null),
        GIFs: v.number(null),
      },
      { id: pageId(100 + i), createdTime: earlier + i * 60_000, lastEditedTime: earlier + i * 60_000 },
    );
  });
  // Malformed: no date (an import skips it with the reason); trashed: becomes a tombstone.
  d.addPage(
    ev.id,
    {
      Nom: v.title('Fête de la musique – date à confirmer'),
      Client: v.text('Ville de Lyon'),
      Date: v.date(null),
      Statut: v.status('En cours'),
      Photomaton: v.select('Borne Houle'),
    },
    { id: pageId(150), createdTime: earlier, lastEditedTime: earlier + 20 * 60_000 },
  );
  d.addPage(
    ev.id,
    {
      Nom: v.title('Noël Cabinet Roux (doublon)'),
      Client: v.text('Cabinet Roux'),
      Date: v.date(parisIso(day0 + 12 * D + 18 * H)),
      Statut: v.status('À venir'),
      Photomaton: v.select('Borne Écume'),
    },
    { id: pageId(151), createdTime: earlier, lastEditedTime: earlier + 21 * 60_000, inTrash: true },
  );

  const products = d.addDataSource(
    'Produits',
    {
      Nom: { type: 'title' },
      Référence: { type: 'rich_text' },
      Prix: { type: 'number' },
      Catégorie: { type: 'select', options: ['Papier & encre', 'Accessoires', 'Décoration', 'Cosmétique'] },
      Description: { type: 'rich_text' },
      Images: { type: 'files' },
      Actif: { type: 'checkbox' },
      Fournisseur: { type: 'rich_text' },
      Étiquettes: { type: 'multi_select', options: ['Bio', 'Local', 'Recyclé'] },
      'Fiche produit': { type: 'url' },
    },
    { id: DEMO_IDS.products, databaseId: DEMO_IDS.productsDb },
  );
  const catalog: Array<[string, string, number | null, string, string]> = [
    ['Rouleau DNP 6x4 (700 tirages)', 'NTN-DNP-64', 89.9, 'Papier & encre', 'Média DNP DS-RX1 HS, 700 tirages 10x15.'],
    ['Rouleau DNP 2x6 bandelettes', 'NTN-DNP-26', 94.5, 'Papier & encre', 'Média pour bandelettes 5x15, 1400 bandes.'],
    ['Kit accessoires mariage', 'NTN-ACC-MAR', 39, 'Accessoires', 'Moustaches, lunettes, ardoises : 24 pièces.'],
    ['Fond photo paillettes or', 'NTN-DEC-OR', 120, 'Décoration', 'Toile 2,4 × 2,4 m, lavable.'],
    ['Savon solide lavande', 'NTN-COS-LAV', 6.5, 'Cosmétique', 'Savon saponifié à froid, lavande de Provence.'],
    ['Baume à lèvres miel', 'NTN-COS-MIE', 4.9, 'Cosmétique', 'Cire d’abeille et miel du Vercors.'],
    ['Livre d’or photo', 'NTN-ACC-LIV', 29, 'Accessoires', 'Album 80 pages pour coller les tirages.'],
    ['Prix manquant (à compléter)', 'NTN-TODO', null, 'Accessoires', 'Fiche en cours de rédaction.'],
  ];
  catalog.forEach(([name, sku, price, cat, desc], i) =>
    d.addPage(
      products.id,
      {
        Nom: v.title(name),
        Référence: v.text(sku),
        Prix: price === null ? v.text('environ 10 €') : v.number(price),
        Catégorie: v.select(cat),
        Description: v.text(desc),
        Images: v.files([v.hostedFile(`${sku.toLowerCase()}.png`)]),
        Actif: v.checkbox(true),
        Fournisseur: v.text(i < 2 ? 'DNP Photo' : 'StoaViva'),
        Étiquettes: v.multi(i >= 4 ? ['Bio', 'Local'] : []),
        'Fiche produit': v.url(`https://stoaviva.example/p/${sku.toLowerCase()}`),
      },
      { id: pageId(200 + i), createdTime: earlier + i * 60_000, lastEditedTime: earlier + i * 60_000 },
    ),
  );

  const services = d.addDataSource(
    'Services',
    {
      Nom: { type: 'title' },
      Description: { type: 'rich_text' },
      'Durée (min)': { type: 'number' },
      Prix: { type: 'number' },
      Avantages: {
        type: 'multi_select',
        options: ['Tirages illimités', 'Galerie en ligne', 'Installateur sur place', 'GIF animés', 'Fond personnalisé'],
      },
      Images: { type: 'files' },
    },
    { id: DEMO_IDS.services, databaseId: DEMO_IDS.servicesDb },
  );
  const packs: Array<[string, number, number, string[]]> = [
    ['Formule Essentielle', 240, 490, ['Tirages illimités', 'Galerie en ligne']],
    ['Formule Prestige', 360, 790, ['Tirages illimités', 'Galerie en ligne', 'Installateur sur place', 'GIF animés']],
    ['Formule Miroir', 300, 690, ['Tirages illimités', 'Fond personnalisé']],
    ['Location week-end', 2880, 1190, ['Tirages illimités', 'Galerie en ligne', 'Fond personnalisé']],
  ];
  packs.forEach(([name, dur, price, benefits], i) =>
    d.addPage(
      services.id,
      {
        Nom: v.title(name),
        Description: v.text(`${name} : borne photo, accessoires et tirages.`),
        'Durée (min)': v.number(dur),
        Prix: v.number(price),
        Avantages: v.multi(benefits),
        Images: v.files([v.externalFile('photo.jpg', 'https://stoaviva.example/formules/photo.jpg')]),
      },
      { id: pageId(300 + i), createdTime: earlier + i * 60_000, lastEditedTime: earlier + i * 60_000 },
    ),
  );
}
