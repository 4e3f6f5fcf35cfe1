import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { flushDeliveries, scanAlerts } from '@core/modules/notify/index.js';
import { daysToNextOrderDay } from '@core/modules/forecast/stockRisk.js';
import type { NotifyRules } from '@shared/model/notify.js';
import { createTestCore, type TestCore } from '../fixtures/core.js';
import { startSmtpDouble, startWebhookDouble, type SmtpDouble, type WebhookDouble } from '../fixtures/mail-double.js';
import { ledgerLines } from '../fixtures/ledgerLines.js';

// Issue 16: "product stock-out risk" reaches people like the booths' alerts, through the local SMTP
// and webhook doubles: raised once when the forecast says a product runs out before its next
// possible delivery, one message per raise and one per clear, routed by each channel's rules.
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 23, 9, 0, 0); // a Monday
let core: TestCore;
let smtp: SmtpDouble;
let hook: WebhookDouble;
let warehouse: string;

beforeAll(async () => {
  smtp = await startSmtpDouble();
  hook = await startWebhookDouble();
});
afterAll(async () => {
  await smtp.close();
  await hook.close();
});
beforeEach(async () => {
  core = createTestCore({ start: T0 });
  smtp.messages.length = 0;
  hook.calls.length = 0;
  warehouse = (await core.router.call('stock.locations.create', { name: 'Entrepôt', kind: 'warehouse' })).id;
});
afterEach(() => core.dispose());

const decode = (raw: string) =>
  Buffer.from(
    raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** 200 days of steady sales (6 a day), leaving `onHand` in stock. */
function history(productId: string, onHand: number) {
  const at = ledgerLines(core, warehouse, Math.floor(core.clock.now() / DAY) * DAY);
  core.ctx.db.transaction(() => {
    const line = (day: number, type: 'in' | 'out', quantity: number) => at(productId, day, type, quantity);
    line(-201, 'in', 1200 + onHand);
    for (let d = -200; d < 0; d++) line(d, 'out', 6);
  })();
}

const product = async (sku: string, name: string, leadTimeDays: number, supplier: string, onHand: number) => {
  const id = (await core.router.call('catalog.products.create', { sku, name, unit: 'pce', leadTimeDays, supplier } as never)).id;
  history(id, onHand);
  return id;
};

async function channel(kind: 'email' | 'webhook', name: string, rules: NotifyRules, language: 'fr' | 'en') {
  return core.router.call(
    'notify.channels.save',
    kind === 'email'
      ? {
          kind,
          name,
          language,
          config: {
            host: '127.0.0.1',
            port: smtp.port,
            security: 'none',
            user: null,
            from: 'opsdeck@example.test',
            to: ['achats@example.test'],
          },
          rules,
        }
      : { kind, name, language, config: { url: hook.url, secretHeader: 'X-OpsDeck-Secret' }, rules },
  );
}
const pass = async () => {
  scanAlerts(core.ctx);
  return flushDeliveries(core.ctx);
};
const openRisks = () =>
  core.ctx.db
    .prepare(
      'SELECT p.sku, a.severity FROM product_alerts a JOIN products p ON p.id = a.product_id WHERE a.cleared_at IS NULL ORDER BY p.sku',
    )
    .all() as Array<{ sku: string; severity: string }>;
const rowsOf = () => core.ctx.db.prepare('SELECT count(*) FROM product_alerts').pluck().get() as number;

describe('product stock-out risk notifications', () => {
  it('the next possible delivery is the supplier’s next order day plus the lead time', () => {
    expect(daysToNextOrderDay(undefined, T0 - (T0 % DAY))).toBe(0);
    expect(daysToNextOrderDay([1], Date.UTC(2026, 10, 23))).toBe(0); // Monday, orders on Mondays
    expect(daysToNextOrderDay([1], Date.UTC(2026, 10, 24))).toBe(6); // Tuesday → next Monday
    expect(daysToNextOrderDay([3, 5], Date.UTC(2026, 10, 26))).toBe(1); // Thursday → Friday
  });

  it('raised once per risk, one e-mail and one webhook call per raise and per clear, routed by kind and severity', async () => {
    await channel('email', 'Achats', { kinds: ['stockout_risk'], minSeverity: 'warning', quietHours: null, onClear: true }, 'fr');
    await channel(
      'webhook',
      'ntfy',
      { kinds: ['stockout_risk', 'paper_critical'], minSeverity: 'warning', quietHours: null, onClear: true },
      'en',
    );
    // A channel for critical stock-outs only, and one for booth alerts only: neither hears a warning risk.
    await channel('email', 'Direction', { kinds: ['stockout_risk'], minSeverity: 'critical', quietHours: null, onClear: true }, 'fr');
    await channel('webhook', 'Bornes', { kinds: ['paper_critical'], minSeverity: 'warning', quietHours: null, onClear: true }, 'en');

    // 20 on hand at ~6 a day with a 7-day lead time: out in about 3 days, before anything can arrive.
    const paper = await product('PAP46', 'Papier 4×6', 7, 'DNP', 20);
    // 500 on hand: lasts well past its delivery.
    await product('GOB', 'Gobelets', 7, 'DNP', 500);
    await core.router.call('forecast.run', { mode: 'full' });
    expect(openRisks()).toEqual([{ sku: 'PAP46', severity: 'warning' }]);
    // The Alerts page lists it with its figures.
    expect(await core.router.call('alerts.products', { open: true })).toEqual([
      expect.objectContaining({
        productId: paper,
        productName: 'Papier 4×6',
        kind: 'stockout_risk',
        clearedAt: null,
        details: expect.objectContaining({ onHand: 20, unit: 'pce' }),
      }),
    ]);
    expect(await pass()).toEqual({ sent: 2, failed: 0 });

    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.to).toEqual(['achats@example.test']);
    const mail = decode(smtp.messages[0]!.raw);
    expect(mail).toContain('Rupture de stock probable : Papier 4×6 (PAP46).');
    expect(mail).toMatch(/En stock : 20 pce\. Épuisé vers le .+, avant la prochaine livraison possible \(.+\)\./);
    expect(mail).toMatch(/Commande conseillée maintenant : \d+ pce\./);
    expect(hook.calls).toHaveLength(1);
    expect(hook.calls[0]!.body).toMatchObject({
      event: 'alert.raised',
      subject: '[OpsDeck] Warning: Stock-out risk — Papier 4×6',
      alert: { kind: 'stockout_risk', severity: 'warning', booth: null, product: { id: paper, sku: 'PAP46', name: 'Papier 4×6' } },
    });
    const details = (hook.calls[0]!.body.alert as { details: { stockoutAt: number; nextDeliveryAt: number } }).details;
    expect(details.stockoutAt).toBeLessThan(details.nextDeliveryAt);
    expect(details.nextDeliveryAt).toBe(Date.UTC(2026, 10, 30)); // no order days set: today + 7 days

    // Recomputes that still see the risk change nothing: same alert, no second message.
    core.clock.advance(3_600_000);
    await core.router.call('forecast.run', { mode: 'full' });
    await core.router.call('forecast.run', { mode: 'incremental' });
    expect(rowsOf()).toBe(1);
    expect(await pass()).toEqual({ sent: 0, failed: 0 });

    // Stock received: the risk goes, the alert clears, one message each says so.
    await core.router.call('stock.record', { productId: paper, locationId: warehouse, type: 'in', quantity: 600 });
    await core.router.call('forecast.run', { mode: 'incremental' });
    expect(openRisks()).toEqual([]);
    expect(await core.router.call('alerts.products', { open: true })).toEqual([]);
    expect((await core.router.call('alerts.products', {}))[0]!.clearedAt).not.toBeNull();
    expect(await pass()).toEqual({ sent: 2, failed: 0 });
    expect(decode(smtp.messages[1]!.raw)).toContain('Rupture de stock probable : Papier 4×6 (PAP46) — résolu.');
    expect(hook.calls[1]!.body).toMatchObject({ event: 'alert.cleared', alert: { kind: 'stockout_risk', product: { sku: 'PAP46' } } });
    expect(smtp.messages.map((m) => m.to[0])).toEqual(['achats@example.test', 'achats@example.test']);

    // Each send is in the audit log.
    const audit = core.ctx.db
      .prepare(
        "SELECT json_extract(details, '$.phase') AS phase, json_extract(details, '$.alertKind') AS kind FROM audit_log WHERE action = 'notify.send' ORDER BY rowid",
      )
      .all();
    expect(audit).toEqual([
      { phase: 'raised', kind: 'stockout_risk' },
      { phase: 'raised', kind: 'stockout_risk' },
      { phase: 'cleared', kind: 'stockout_risk' },
      { phase: 'cleared', kind: 'stockout_risk' },
    ]);
  }, 120_000);

  it('uses the supplier’s order days, and an empty shelf by tomorrow is critical', async () => {
    await channel('email', 'Direction', { kinds: ['stockout_risk'], minSeverity: 'critical', quietHours: null, onClear: false }, 'en');
    // 42 on hand at ~6 a day, 2-day lead time: ordered today it arrives in time...
    await product('CUP', 'Cups', 2, 'Acme', 42);
    // ...and the ink is already gone.
    await product('INK', 'Ink', 2, 'Acme', 0);
    await core.router.call('forecast.run', { mode: 'full' });
    expect(openRisks()).toEqual([{ sku: 'INK', severity: 'critical' }]);
    // Acme only takes orders on Sundays (6 days away): the next delivery is 8 days out, after the cups run out.
    await core.router.call('forecast.orderDays.set', { supplier: 'Acme', weekdays: [0] });
    await core.router.call('forecast.run', { mode: 'full' });
    expect(openRisks()).toEqual([
      { sku: 'CUP', severity: 'warning' },
      { sku: 'INK', severity: 'critical' },
    ]);
    // Only the critical one reaches the critical-only channel.
    expect(await pass()).toEqual({ sent: 1, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(decode(smtp.messages[0]!.raw)).toContain('Stock-out risk: Ink (INK).');
    expect(decode(smtp.messages[0]!.raw)).toMatch(/Already out of stock \(0 pce\)\. Next possible delivery: .+\./);
  }, 120_000);
});
