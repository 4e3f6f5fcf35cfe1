import { afterAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { contract } from '@shared/contract/index';
import { auditActionLabel, auditSentence, auditTarget } from '@renderer/features/settings/auditAction';
import { compareText, formatInputNumber, formatNumberFit, parseNumber } from '@renderer/i18n/format';
import { defaultEntryLocation, sortLocations } from '@renderer/features/stock/locationOrder';

const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
afterAll(() => i18n.changeLanguage('fr'));

// Issue 11, defect 5: channel names and ids in the activity and the audit log; dot decimals in
// French fields; Écume after Houle; booths before the warehouse.
describe('audit log in words', () => {
  // Actions the core audits on its own (not a channel).
  const CORE_ACTIONS = ['wol.attempt', 'wol.relay', 'stock.confirmWarnings'];
  const actions = [
    ...Object.entries(contract)
      .filter(([, d]) => d.kind === 'mutation' && (d as { audit?: boolean }).audit !== false)
      .map(([k]) => k),
    ...CORE_ACTIONS,
  ];

  it.each(['fr', 'en'])('every audited action has a %s label, never its channel name', async (lang) => {
    await i18n.changeLanguage(lang);
    const missing = actions.filter((a) => {
      const label = auditActionLabel(i18n.t.bind(i18n), a);
      return label === a || label === i18n.t('audit:unknownAction');
    });
    expect(missing).toEqual([]);
  });

  it('reads as a sentence with the target name; ids are never shown', async () => {
    await i18n.changeLanguage('fr');
    const t = i18n.t.bind(i18n);
    expect(auditSentence(t, { action: 'catalog.products.create', target: 'CAD-0049', targetName: 'Boa plumes – lot de 5' })).toBe(
      'Produit créé : Boa plumes – lot de 5',
    );
    expect(auditSentence(t, { action: 'stock.recordBatch', target: null, targetName: null })).toBe('Saisie de stock');
    expect(auditTarget({ target: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', targetName: null })).toBeNull();
    await i18n.changeLanguage('en');
    expect(auditSentence(i18n.t.bind(i18n), { action: 'purchaseOrders.create', target: 'x', targetName: 'Papier DNP' })).toBe(
      'Purchase order placed: Papier DNP',
    );
  });
});

describe('numbers and order in the UI language', () => {
  it('parses and pre-fills numbers as people type them', async () => {
    await i18n.changeLanguage('fr');
    expect(formatInputNumber(30.76)).toBe('30,76');
    expect(formatInputNumber(61600)).toBe('61600');
    expect(parseNumber('1 000 000')).toBe(1_000_000);
    expect(parseNumber('1\u202f000,5')).toBe(1000.5);
    expect(parseNumber('2.5')).toBe(2.5);
    expect(parseNumber('abc')).toBeNull();
    expect(parseNumber('')).toBeNull();
    await i18n.changeLanguage('en');
    expect(formatInputNumber(30.76)).toBe('30.76');
    expect(parseNumber('1,000.5')).toBe(1000.5);
  });

  it('abbreviates a number too long for its cell, keeping the full value', async () => {
    await i18n.changeLanguage('fr');
    const fit = formatNumberFit(-1_000_099_953, 9);
    expect(plain(fit.full)).toBe('-1 000 099 953');
    expect(plain(fit.text)).toMatch(/^-1 ?Md$/);
    expect(formatNumberFit(46, 9)).toEqual({ text: '46', full: '46' });
  });

  it('sorts names with the locale (Écume before Houle) and warehouses before booths', async () => {
    await i18n.changeLanguage('fr');
    expect(['Houle', 'Écume', 'ancre'].sort(compareText)).toEqual(['ancre', 'Écume', 'Houle']);
    const loc = (name: string, kind: 'warehouse' | 'booth') => ({
      id: name,
      name,
      kind,
      boothId: null,
      active: true,
      onHand: 0,
      products: 0,
    });
    expect(
      sortLocations([
        loc('Borne Houle', 'booth'),
        loc('Borne Écume', 'booth'),
        loc('Entrepôt Lyon', 'warehouse'),
        loc('Camionnette', 'warehouse'),
      ]).map((l) => l.name),
    ).toEqual(['Camionnette', 'Entrepôt Lyon', 'Borne Écume', 'Borne Houle']);
  });

  it('stock entry defaults to the last choice, else the main warehouse — never the first by name', () => {
    const loc = (id: string, kind: 'warehouse' | 'booth' = 'warehouse') => ({
      id,
      name: id,
      kind,
      boothId: null,
      active: true,
      onHand: 0,
      products: 0,
    });
    const list = [loc('Camionnette'), loc('Entrepôt Lyon'), loc('Borne', 'booth')];
    expect(defaultEntryLocation(list, 'Entrepôt Lyon', null)).toBe('Entrepôt Lyon');
    expect(defaultEntryLocation(list, 'Entrepôt Lyon', 'Borne')).toBe('Borne');
    expect(defaultEntryLocation(list, 'Entrepôt Lyon', 'gone')).toBe('Entrepôt Lyon');
  });
});
