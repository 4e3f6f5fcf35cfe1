import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCore, type TestCore } from '../fixtures/core.js';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
let core: TestCore;
beforeEach(async () => {
  core = createTestCore();
  await core.router.call('stock.locations.create', { name: 'Entrepôt Lyon', kind: 'warehouse' });
  await core.router.call('catalog.products.create', { sku: 'DNP-6X4', name: 'Papier DNP 6x4' });
});
afterEach(() => core.dispose());

function ledgerFile(rows: number): string {
  const lines = ['Date;Référence;Type;Quantité;Motif'];
  for (let i = 0; i < rows; i++)
    lines.push(`${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/2026;DNP-6X4;entrée;${(i % 7) + 1};Livraison ${i}`);
  return lines.join('\r\n');
}

describe('CSV import on a worker thread', () => {
  it('keeps the core answering while a large file commits, reports progress, and lands the whole file', async () => {
    const progress: number[] = [];
    const off = core.ctx.events.subscribe((ev) => {
      const p = ev.payload as { jobId?: string; done?: number };
      if (ev.event === 'job.progress' && p.jobId === 'big') progress.push(p.done!);
    });
    const order: string[] = [];
    const importing = core.router
      .call('csv.importMovements', { kind: 'movements', contentBase64: b64(ledgerFile(25_000)), jobId: 'big' })
      .then((r) => (order.push('import'), r));
    // Reads and writes on the core's own connection go on while the worker holds the import.
    const health = await core.router.call('system.health', {});
    order.push('health');
    expect(health.ok).toBe(true);
    expect(health.checks.find((c) => c.name === 'database')).toMatchObject({ ok: true });
    const result = await importing;
    expect(order).toEqual(['health', 'import']);
    expect(result).toEqual({ kind: 'movements', created: 25_000, updated: 0, skippedDuplicates: 0 });
    expect(progress.length).toBeGreaterThanOrEqual(3);
    expect(progress.at(-1)).toBe(25_000);
    const [balance] = await core.router.call('stock.balances', {});
    let expected = 0;
    for (let i = 0; i < 25_000; i++) expected += (i % 7) + 1;
    expect(balance!.onHand).toBe(expected);
    off();
  }, 120_000);

  it('a refused file comes back as the same clear error, with every bad line, and writes nothing', async () => {
    const text = ledgerFile(50) + '\r\n31/02/2026;DNP-6X4;entrée;3;Date impossible\r\n01/03/2026;INCONNU;entrée;1;SKU inconnu';
    const r = await core.router.request({ channel: 'csv.importMovements', input: { kind: 'movements', contentBase64: b64(text) } });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const lines = r.ok ? [] : (r.error.details as { errors: Array<{ line: number }> }).errors.map((e) => e.line);
    expect(lines).toEqual([52, 53]);
    expect(await core.router.call('stock.balances', {})).toEqual([]);
  }, 60_000);
});
