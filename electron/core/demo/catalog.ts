import { ProductInput, ServiceInput } from '@shared/model/product.js';
import { setMainWarehouse } from '../modules/stock/index.js';
import { newId } from '../db/ids.js';
import { insertProduct } from '../db/repos/products.js';
import { insertService } from '../db/repos/services.js';
import { insertLocation } from '../db/repos/locations.js';
import { createRandom } from './random.js';
import type { CoreContext } from '../context.js';

/** What a family's products are bought and sold on: ranges are [min, max], drawn per product. */
interface Terms {
  unit: string;
  cost: [number, number];
  /** Price = cost × margin. */
  margin: number;
  leadTime: [number, number];
  /** Sold by packs of this many, which is also the minimum order. */
  pack: number;
  eco: [number, number];
}

interface Family {
  category: string;
  supplier: string;
  terms: Terms;
  ecoDetails: string[];
  /** Base names; each is declined into variants (sizes, colours) to reach a real catalog's breadth. */
  names: string[];
  variants: string[];
}

const FAMILIES: Family[] = [
  {
    category: 'Consommables impression',
    supplier: 'DNP Photo Imaging Europe',
    terms: { unit: 'carton', cost: [70, 120], margin: 1.35, leadTime: [4, 10], pack: 2, eco: [35, 55] },
    ecoDetails: ['Carton recyclable', 'Ruban encreur non recyclable', 'Transport maritime depuis le Japon'],
    names: [
      'Papier DNP DS620 10x15',
      'Papier DNP DS620 15x20',
      'Papier DNP DS-RX1HS 10x15',
      'Papier DNP QW410 bandelettes',
      'Papier Mitsubishi CP-D70 10x15',
      'Papier Citizen CX-02 10x15',
    ],
    variants: ['2 rouleaux', '4 rouleaux', '6 rouleaux'],
  },
  {
    category: 'Cadres et pochettes',
    supplier: 'Cadres & Co Lyon',
    terms: { unit: 'lot', cost: [8, 30], margin: 2.2, leadTime: [7, 21], pack: 10, eco: [55, 85] },
    ecoDetails: ['Carton FSC', 'Fabriqué en France', 'Encres végétales'],
    names: [
      'Pochette cartonnée 10x15',
      'Cadre photo kraft 10x15',
      'Cadre photo bois 15x20',
      'Passe-partout blanc 10x15',
      'Pochette bandelette 5x15',
      'Album invités lin',
    ],
    variants: ['blanc', 'noir', 'kraft', 'or', 'gris', 'rose'],
  },
  {
    category: 'Accessoires photobooth',
    supplier: 'Party Props Europe',
    terms: { unit: 'pce', cost: [1.5, 25], margin: 2.5, leadTime: [10, 30], pack: 5, eco: [20, 60] },
    ecoDetails: ['Plastique PVC', 'Réutilisable plus de 50 fois', 'Fabriqué en Chine'],
    names: [
      'Lunettes géantes',
      'Moustache sur bâtonnet',
      'Pancarte « Just married »',
      'Boa plumes',
      'Chapeau haut-de-forme',
      'Couronne dorée',
      'Perruque afro',
      'Ardoise effaçable',
    ],
    variants: ['lot de 5', 'lot de 10', 'lot de 20', 'assortiment'],
  },
  {
    category: 'Fonds et décors',
    supplier: 'Déco Événements Nantes',
    terms: { unit: 'pce', cost: [35, 180], margin: 1.8, leadTime: [14, 35], pack: 1, eco: [40, 75] },
    ecoDetails: ['Tissu polyester recyclé', 'Lavable en machine', 'Structure aluminium'],
    names: ['Fond sequins', 'Mur de fleurs artificielles', 'Toile fond blanc 2x2 m', 'Arche ballons', 'Rideau franges'],
    variants: ['or', 'argent', 'rose', 'blanc', 'vert', 'noir'],
  },
  {
    category: 'Matériel et pièces',
    supplier: 'PhotoTech Pro',
    terms: { unit: 'pce', cost: [9, 240], margin: 1.4, leadTime: [3, 14], pack: 1, eco: [25, 60] },
    ecoDetails: ['Contient des composants électroniques', 'Réparable', 'Garantie 2 ans'],
    names: [
      'Câble USB imprimante 3 m',
      'Anneau LED 18 pouces',
      'Batterie appareil LP-E17',
      'Télécommande Bluetooth',
      'Pied photo 2 m',
      'Flight case écran 22 pouces',
    ],
    variants: ['standard', 'renforcé', 'compact', 'pro'],
  },
  {
    category: 'Nettoyage et entretien',
    supplier: 'Hygiène Pro Rhône',
    terms: { unit: 'pce', cost: [2, 15], margin: 1.9, leadTime: [2, 7], pack: 6, eco: [60, 92] },
    ecoDetails: ['Écolabel européen', 'Flacon recyclé', 'Sans solvant'],
    names: [
      'Lingettes écran',
      'Spray nettoyant vitres',
      'Chiffon microfibre',
      'Gel hydroalcoolique 500 ml',
      'Sacs poubelle 50 L',
      'Essuie-tout',
    ],
    variants: ['unité', 'lot de 6', 'carton de 12', 'bidon 5 L'],
  },
];

type DemoService = { title: string; durationMin: number; price: number; benefits: string[]; description: string };
const service = (title: string, durationMin: number, price: number, description: string, benefits: string[]): DemoService => ({
  title,
  durationMin,
  price,
  benefits,
  description,
});

/** The formulas and options a booth rental business sells: title, duration (min), price (€), pitch, what is included. */
export const DEMO_SERVICES: DemoService[] = [
  service('Formule Essentielle', 240, 390, 'La borne pour une soirée, sans souci.', [
    'Impressions illimitées 10x15',
    'Galerie en ligne',
    'Livraison et installation',
  ]),
  service('Formule Mariage', 600, 790, 'Toute la soirée, avec livre d’or.', [
    'Impressions illimitées',
    'Livre d’or photo',
    'Fond au choix',
    'Accessoires premium',
  ]),
  service('Formule Entreprise', 480, 1150, 'Séminaires, salons et soirées clients.', [
    'Cadre personnalisé au logo',
    'Collecte d’e-mails RGPD',
    'Statistiques de participation',
  ]),
  service('Formule Week-end', 2880, 1290, 'Du vendredi soir au dimanche.', [
    '48 h de borne',
    'Impressions illimitées',
    'Animateur le samedi soir',
  ]),
  service('Option GIF et Boomerang', 240, 90, 'En plus d’une formule.', ['GIF animés', 'Partage par QR code']),
  service('Option Animateur', 240, 180, 'Pour des photos plus vivantes.', ['Un animateur dédié', 'Mise en scène des invités']),
  service('Option Fond vert', 240, 150, 'Changez de décor sans fond physique.', ['Décors virtuels', 'Cadre sur mesure']),
  service('Option Livre d’or', 60, 120, 'Un souvenir à emporter.', ['Album relié', 'Feutres et stickers']),
];

/** A warehouse and about 200 products and services with realistic French names and eco data. */
export function seedDemoCatalog(ctx: CoreContext): void {
  if ((ctx.db.prepare('SELECT count(*) FROM products').pluck().get() as number) > 0) return;
  const rnd = createRandom(3003);
  const now = ctx.clock.now();
  const stamp = { now, device: ctx.deviceId };
  const price = (x: number) => Math.round(x * 100) / 100;
  ctx.db.transaction(() => {
    const lyon = newId();
    insertLocation(ctx.db, { id: lyon, name: 'Entrepôt Lyon', kind: 'warehouse', boothId: null }, stamp);
    setMainWarehouse(ctx.db, lyon, stamp);
    insertLocation(ctx.db, { id: newId(), name: 'Camionnette', kind: 'warehouse', boothId: null }, stamp);
    let n = 0;
    for (const fam of FAMILIES) {
      const prefix = fam.category
        .slice(0, 3)
        .toUpperCase()
        .normalize('NFD')
        .replace(/[^A-Z]/g, '');
      for (const base of fam.names) {
        for (const variant of fam.variants) {
          n++;
          const { terms } = fam;
          const cost = price(terms.cost[0] + rnd.next() * (terms.cost[1] - terms.cost[0]));
          const eco = rnd.int(terms.eco[0], terms.eco[1]);
          insertProduct(
            ctx.db,
            newId(),
            ProductInput.parse({
              sku: `${prefix}-${String(n).padStart(4, '0')}`,
              name: `${base} – ${variant}`,
              description: `${base}, ${variant}. Fournisseur : ${fam.supplier}.`,
              category: fam.category,
              unit: terms.unit,
              cost,
              price: price(cost * terms.margin),
              supplier: fam.supplier,
              leadTimeDays: rnd.int(terms.leadTime[0], terms.leadTime[1]),
              moq: terms.pack,
              packSize: terms.pack,
              serviceLevel: rnd.pick([0.9, 0.95, 0.95, 0.98]),
              reorderPoint: terms.pack * rnd.int(1, 3),
              ecoScore: eco,
              ecoDetails: fam.ecoDetails.filter(() => rnd.chance(0.8)),
            }),
            stamp,
          );
        }
      }
    }
    for (const s of DEMO_SERVICES) insertService(ctx.db, newId(), ServiceInput.parse(s), stamp);
  })();
}
