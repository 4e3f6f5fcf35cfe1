import { afterAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import { auditActionLabel } from '@renderer/features/settings/auditAction';
import { cardCell } from '@renderer/features/assistant/format';

afterAll(() => i18n.changeLanguage('fr'));

describe('assistant words', () => {
  it('an action confirmed in the assistant reads "via l’assistant" in the audit log', async () => {
    await i18n.changeLanguage('fr');
    const t = i18n.t.bind(i18n);
    expect(auditActionLabel(t, 'purchaseOrders.create', { productId: 'x', via: 'assistant' })).toBe(
      'Commande fournisseur passée (via l’assistant)',
    );
    expect(auditActionLabel(t, 'purchaseOrders.create', { productId: 'x' })).toBe('Commande fournisseur passée');
    await i18n.changeLanguage('en');
    expect(auditActionLabel(i18n.t.bind(i18n), 'wol.wake', { via: 'assistant' })).toBe('Booth wake (via the assistant)');
  });

  it.each(['fr', 'en'])('every failure reason, notice, action kind and card tool has a %s text', async (lang) => {
    await i18n.changeLanguage(lang);
    const keys = [
      ...['ollama_down', 'model_missing', 'busy', 'stream_broken', 'stream_incomplete', 'no_model', 'data_error', 'ollama_error'].map(
        (k) => `error.${k}`,
      ),
      ...['no_tools', 'ignored_action'].map((k) => `notice.${k}`),
      ...['purchase_order', 'stock_movement', 'wake_booth', 'paper_reload', 'create_event'].map((k) => `action.title.${k}`),
      ...[
        'stock_of_product',
        'low_stock',
        'to_order_this_week',
        'product_forecast',
        'booth_status',
        'events_of_period',
        'catalog_search',
        'sales_of_period',
        'recent_alerts',
      ].map((k) => `cards.tool.${k}`),
    ];
    expect(keys.filter((k) => !i18n.exists(`assistant:${k}`))).toEqual([]);
  });

  it("a data card's order waiting for its supplier's order day names that day, not 'order now'", async () => {
    // Tuesday 8 December 2026: the supplier takes orders on Fridays.
    const row = { sku: 'CRO', status: 'order_on_day', orderBy: '2026-12-11', quantity: 336 };
    await i18n.changeLanguage('fr');
    const fr = i18n.getFixedT('fr', 'assistant');
    expect(cardCell(fr, 'status', row, 'fr-FR')).toBe('À commander vendredi');
    expect(cardCell(fr, 'status', { ...row, status: 'order_now', orderBy: '2026-12-08' }, 'fr-FR')).toBe('Commander maintenant');
    expect(cardCell(fr, 'status', { ...row, orderBy: null }, 'fr-FR')).toBe('À commander le jour de commande');
    expect(cardCell(fr, 'orderBy', row, 'fr-FR')).toBe('2026-12-11');
    expect(cardCell(fr, 'status', { ...row, status: 'late_delivery' }, 'fr-FR')).toBe('Rupture avant livraison');
    expect(cardCell(fr, 'stockoutAt', { stockoutAt: null }, 'fr-FR')).toBe('—');
    await i18n.changeLanguage('en');
    const en = i18n.getFixedT('en', 'assistant');
    expect(cardCell(en, 'status', row, 'en-GB')).toBe('Order on Friday');
    expect(cardCell(en, 'status', { ...row, status: 'order_now' }, 'en-GB')).toBe('Order now');
    expect(cardCell(en, 'status', { ...row, status: 'late_delivery' }, 'en-GB')).toBe('Out before delivery');
  });
});
