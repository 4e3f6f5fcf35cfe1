import { describe, expect, it } from 'vitest';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { fieldErrors } from '@renderer/api/fieldErrors';
import { ApiError } from '@renderer/api/errors';
import { ProductInput } from '@shared/model/product';
import { constraintErrorShape } from '@core/constraints.js';

describe('core messages in the user language', () => {
  it('translates the model rules and CSV row errors into French, with their values', () => {
    expect(localizeCoreMessage('Eco score: 0 to 100', 'fr')).toBe('Éco-score : de 0 à 100');
    expect(localizeCoreMessage('Unknown SKU CADRE-X', 'fr')).toBe('Référence inconnue : CADRE-X');
    expect(localizeCoreMessage('"31/02/2026" is not a date (dd/mm/yyyy or yyyy-mm-dd)', 'fr')).toBe(
      '« 31/02/2026 » n’est pas une date (jj/mm/aaaa ou aaaa-mm-jj)',
    );
    expect(localizeCoreMessage('2 bad row(s); nothing was imported. Line 7: Unknown SKU ZZ', 'fr')).toBe(
      '2 ligne(s) en erreur ; rien n’a été importé. Ligne 7 : Référence inconnue : ZZ',
    );
    expect(localizeCoreMessage('Borne 1 is already booked for Mariage Durand at that time', 'fr')).toBe(
      'Borne 1 est déjà réservée pour Mariage Durand sur ce créneau',
    );
  });

  it('keeps English as is, and shows an unknown message rather than hiding it', () => {
    expect(localizeCoreMessage('Eco score: 0 to 100', 'en')).toBe('Eco score: 0 to 100');
    expect(localizeCoreMessage('Something new the core says', 'fr')).toBe('Something new the core says');
  });

  it('covers every custom message of the product rules', () => {
    const bad = { sku: '', name: '', unit: '', price: -1, leadTimeDays: 1.5, moq: 0, packSize: 0, serviceLevel: 0.2, ecoScore: 101 };
    const issues = ProductInput.safeParse(bad).error!.issues;
    for (const i of issues) expect(localizeCoreMessage(i.message, 'fr'), i.message).not.toBe(i.message);
  });

  it('field errors of a refused call come out localised per field', () => {
    const e = new ApiError('catalog.products.update', {
      code: 'invalid_input',
      message: 'Invalid input',
      details: [{ path: ['patch', 'price'], message: 'Must be 0 or more' }],
    });
    expect(fieldErrors(e)).toEqual({ price: localizeCoreMessage('Must be 0 or more') });
  });
});

describe('CSV refusals of issue 12 in French', () => {
  it('translates the encoding and duplicate-header refusals', () => {
    expect(
      localizeCoreMessage('The file is encoded in UTF-16 LE: save it again as CSV UTF-8 (or CSV Windows-1252) and import that', 'fr'),
    ).toContain('encodé en UTF-16 LE');
    expect(
      localizeCoreMessage(
        'The file mixes two encodings: line 1 is UTF-8 and line 3 is Windows-1252; save the whole file again in one encoding (CSV UTF-8)',
        'fr',
      ),
    ).toContain('la ligne 1 est en UTF-8 et la ligne 3 en Windows-1252');
    // An import that waited for the database longer than its busy timeout (tests/core/csv-import-busy).
    expect(
      localizeCoreMessage('The database stayed busy for 60 s (another task was writing); nothing was imported. Try the import again', 'fr'),
    ).toBe('La base est restée occupée 60 s (une autre tâche écrivait) ; rien n’a été importé. Relancez l’import');
    expect(localizeCoreMessage('The column "Désignation" appears twice (columns 2 and 4): remove or rename one', 'fr')).toContain(
      '« Désignation » apparaît deux fois',
    );
  });
});

// Issue 11: "Already exists (index 'booths_name')" reached French screens as is.
describe('SQLite constraint refusals in French', () => {
  it('every constraint the core can name has a French sentence and no engine words', () => {
    const samples = [
      "UNIQUE constraint failed: index 'booths_name'",
      "UNIQUE constraint failed: index 'booths_mac'",
      'UNIQUE constraint failed: products.sku',
      "UNIQUE constraint failed: index 'locations_stock_name'",
      "UNIQUE constraint failed: index 'locations_warehouse_name'",
      "UNIQUE constraint failed: index 'products_notion_page'",
      "UNIQUE constraint failed: index 'services_notion_page'",
      'UNIQUE constraint failed: events.notion_page_id',
      'UNIQUE constraint failed: users.email',
      "UNIQUE constraint failed: index 'alerts_open'",
      'UNIQUE constraint failed: stock_movements.idempotency_key',
      'UNIQUE constraint failed: stock_balances.product_id',
      'UNIQUE constraint failed: product_demand_drivers.product_id',
      'UNIQUE constraint failed: some_new.thing',
      'CHECK constraint failed: length(trim(name)) BETWEEN 1 AND 64',
      'NOT NULL constraint failed: booths.name',
      'FOREIGN KEY constraint failed',
      'something else entirely',
    ];
    for (const s of samples) {
      const shape = constraintErrorShape(s, 'SQLITE_CONSTRAINT');
      expect(localizeCoreMessage(shape.message, 'fr'), s).not.toBe(shape.message);
      expect(shape.message, s).not.toMatch(/index|constraint|SQLITE|_/i);
    }
    expect(localizeCoreMessage(constraintErrorShape("UNIQUE constraint failed: index 'booths_name'", 'x').message, 'fr')).toBe(
      'Une borne porte déjà ce nom',
    );
    expect(localizeCoreMessage('SKU CAD-0049 already exists', 'fr')).toBe('La référence CAD-0049 existe déjà');
  });

  it('a duplicate comes out at its field, in French', () => {
    const e = new ApiError('booths.create', {
      code: 'conflict',
      message: 'A booth with this name already exists',
      details: { field: 'name', constraint: 'booths_name' },
    });
    expect(fieldErrors(e)).toEqual({ name: localizeCoreMessage('A booth with this name already exists') });
  });
});

// qa19: the product form showed zod's own "Too small: expected number to be >=0" under "Délai de
// livraison" (a rule without a custom message), in English on a French screen.
describe('zod default messages, in both languages', () => {
  it('says what the rule wants, in the screen language, numbers in its format', () => {
    const lead = ProductInput.safeParse({ sku: 'A', name: 'B', leadTimeDays: -3 }).error!.issues[0]!.message;
    expect(lead).toBe('Too small: expected number to be >=0');
    expect(localizeCoreMessage(lead, 'fr')).toBe('Doit être au moins 0');
    expect(localizeCoreMessage(lead, 'en')).toBe('Must be at least 0');
    expect(localizeCoreMessage('Too big: expected number to be <=1000000000', 'fr')).toBe('Doit être au plus 1\u202f000\u202f000\u202f000');
    expect(localizeCoreMessage('Too big: expected number to be <=1000000000', 'en')).toBe('Must be at most 1,000,000,000');
    expect(localizeCoreMessage('Too small: expected number to be >0', 'fr')).toBe('Doit être supérieur à 0');
    expect(localizeCoreMessage('Too big: expected number to be <1', 'en')).toBe('Must be less than 1');
    expect(localizeCoreMessage('Too big: expected string to have <=100 characters', 'fr')).toBe('100 caractères au plus');
    expect(localizeCoreMessage('Too big: expected string to have <=100 characters', 'en')).toBe('100 characters at most');
    expect(localizeCoreMessage('Too small: expected string to have >=1 characters', 'fr')).toBe('Au moins 1 caractère');
    expect(localizeCoreMessage('Too small: expected string to have >=1 characters', 'en')).toBe('At least 1 character');
    expect(localizeCoreMessage('Invalid input: expected int, received number', 'fr')).toBe('Un nombre entier');
    expect(localizeCoreMessage('Invalid input: expected number, received string', 'en')).toBe('A number');
    // A message with a field prefix (the CSV rows, the core's own checks) keeps its prefix.
    expect(localizeCoreMessage('leadTimeDays: Too small: expected number to be >=0', 'fr')).toBe('leadTimeDays: Doit être au moins 0');
  });
});

// qa19: the Sync screen said "anonKey: The anon key looks too short" on a French screen: a refused
// input comes as "field: message", and the field's code defeated the translation.
describe('refused input ("field: message")', () => {
  it('translates a known message and drops the code of the field it names itself', () => {
    expect(localizeCoreMessage('anonKey: The anon key looks too short', 'fr')).toBe('La clé anon semble trop courte');
    expect(localizeCoreMessage('anonKey: The anon key looks too short', 'en')).toBe('The anon key looks too short');
    expect(localizeCoreMessage('token: The integration token looks too short; anonKey: The anon key looks too short', 'fr')).toBe(
      'Le jeton de l’intégration semble trop court ; La clé anon semble trop courte',
    );
  });

  it('keeps what it cannot translate as it came', () => {
    expect(localizeCoreMessage('input: Unrecognized key: "x"', 'fr')).toBe('input: Unrecognized key: "x"');
    expect(localizeCoreMessage('Line 7: Unknown SKU ZZ', 'fr')).toBe('Line 7: Unknown SKU ZZ');
  });
});
