import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

// qa19: in the catalog, "cable" found no "Câble USB", "eventail" no "Éventail", "effacable" no
// "Ardoise effaçable" (SQLite's LIKE folds ASCII case only), and the list sorted "Câble" after
// "Couronne", "Télécommande" after "Toile" and every "É…" after "Z" (byte order).
let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  const products = [
    ['MAT-0117', 'Câble USB imprimante 3 m', 'Matériel', 'PhotoTech Pro'],
    ['ACC-0075', 'Couronne dorée', 'Accessoires', 'Party Props'],
    ['ACC-0200', 'Éventail papier – or', 'Accessoires', 'Éco Fêtes'],
    ['ACC-0083', 'Ardoise effaçable – lot de 5', 'Accessoires', 'Party Props'],
    ['FON-0100', 'Toile fond blanc 2x2 m', 'Fonds', 'Déco Événements'],
    ['MAT-0132', 'Télécommande Bluetooth', 'Matériel', 'PhotoTech Pro'],
    ['ACC-0010', 'Zèbre gonflable', 'Accessoires', 'Party Props'],
    ['ACC-0011', 'Eau de coco (décor)', 'Écrins', 'Party Props'],
  ];
  for (const [sku, name, category, supplier] of products)
    await core.router.call('catalog.products.create', { sku: sku!, name: name!, category, supplier, price: 1, cost: 1 });
});
afterEach(() => core.dispose());

const names = async (input: Record<string, unknown>) => (await core.router.call('catalog.products.list', input)).items.map((p) => p.name);

describe('catalog search and order with French accents', () => {
  it('finds a product typed without its accents, in any case, and with them', async () => {
    expect(await names({ q: 'cable usb' })).toEqual(['Câble USB imprimante 3 m']);
    expect(await names({ q: 'CÂBLE USB' })).toEqual(['Câble USB imprimante 3 m']);
    expect(await names({ q: 'eventail' })).toEqual(['Éventail papier – or']);
    expect(await names({ q: 'éventail' })).toEqual(['Éventail papier – or']);
    expect(await names({ q: 'effacable' })).toEqual(['Ardoise effaçable – lot de 5']);
    // "effaçable" holds "cable" too once folded, as a person reading it would agree.
    expect(await names({ q: 'cable' })).toEqual(['Ardoise effaçable – lot de 5', 'Câble USB imprimante 3 m']);
    expect(await names({ q: 'telecommande' })).toEqual(['Télécommande Bluetooth']);
    // Supplier and category too; an accented query still finds its plain twin.
    expect(await names({ q: 'deco evenements' })).toEqual(['Toile fond blanc 2x2 m']);
    expect(await names({ q: 'écrins' })).toEqual(['Eau de coco (décor)']);
    expect(await names({ q: 'zebre' })).toEqual(['Zèbre gonflable']);
    // LIKE wildcards stay literal.
    expect(await names({ q: '%' })).toEqual([]);
  });

  it('finds a product by an accented reference, typed as it is or without its accents', async () => {
    // walk23: the query was folded ("été-001" → "ete-001") but the reference was not, so a product
    // whose reference has an accent was not found by its own reference.
    await core.router.call('catalog.products.create', { sku: 'ÉTÉ-001', name: 'Éventail d’été', price: 1, cost: 1 });
    expect(await names({ q: 'ÉTÉ-001' })).toEqual(['Éventail d’été']);
    expect(await names({ q: 'ete-001' })).toEqual(['Éventail d’été']);
    expect(await names({ q: 'mat-0117' })).toEqual(['Câble USB imprimante 3 m']);
  });

  it('sorts names, categories and suppliers as people read them: accents beside their letter', async () => {
    expect(await names({ sort: 'name' })).toEqual([
      'Ardoise effaçable – lot de 5',
      'Câble USB imprimante 3 m',
      'Couronne dorée',
      'Eau de coco (décor)',
      'Éventail papier – or',
      'Télécommande Bluetooth',
      'Toile fond blanc 2x2 m',
      'Zèbre gonflable',
    ]);
    expect((await names({ sort: 'name', dir: 'desc' }))[0]).toBe('Zèbre gonflable');
    const bySupplier = (await core.router.call('catalog.products.list', { sort: 'supplier' })).items.map((p) => p.supplier);
    expect([...new Set(bySupplier)]).toEqual(['Déco Événements', 'Éco Fêtes', 'Party Props', 'PhotoTech Pro']);
    const byCategory = (await core.router.call('catalog.products.list', { sort: 'category' })).items.map((p) => p.category);
    expect([...new Set(byCategory)]).toEqual(['Accessoires', 'Écrins', 'Fonds', 'Matériel']);
    expect(await core.router.call('catalog.categories', {})).toEqual(['Accessoires', 'Écrins', 'Fonds', 'Matériel']);
  });

  it('clients and services are found without their accents too; services sort as people read them', async () => {
    await core.router.call('clients.create', { name: 'Société Lumière & Fils', email: 'contact@lumiere.fr' });
    await core.router.call('clients.create', { name: 'Écume Événements' });
    await core.router.call('clients.create', { name: 'Mariage Dupont' });
    const clients = async (search: string) => (await core.router.call('clients.list', { search })).map((c) => c.name).sort();
    expect(await clients('societe')).toEqual(['Société Lumière & Fils']);
    expect(await clients('SOCIÉTÉ')).toEqual(['Société Lumière & Fils']);
    expect(await clients('écume')).toEqual(['Écume Événements']);
    expect(await clients('evenements')).toEqual(['Écume Événements']);
    expect(await clients('LUMIERE.FR')).toEqual(['Société Lumière & Fils']);
    for (const title of ['Option Écran géant', 'Formule Mariage', 'Option Fond vert'])
      await core.router.call('catalog.services.create', { title, price: 100, durationMin: 240 });
    const services = async (q: string) => (await core.router.call('catalog.services.list', { q })).map((x) => x.title);
    expect(await services('')).toEqual(['Formule Mariage', 'Option Écran géant', 'Option Fond vert']);
    expect(await services('ecran')).toEqual(['Option Écran géant']);
    expect(await services('GÉANT')).toEqual(['Option Écran géant']);
  });
});
