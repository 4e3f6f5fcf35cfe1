import { contract } from '@shared/contract/index.js';
import type { DemandDriver, ForecastRow, ProductForecast, ReorderStatus, ReplenishmentLine } from '@shared/model/forecast.js';
import type { Page } from 'playwright-core';

/**
 * A hand-made double of the core's forecast channels, for the screens' own tests: it answers the
 * `forecast.*` calls of one page from fixed made-up figures (every other call reaches the real
 * `opsdeck serve`), and checks every input and output against the contract's zod schemas so it
 * cannot drift from what the core must answer.
 */
export interface DoubleProduct {
  id: string;
  sku: string;
  name: string;
  unit: string;
  supplier: string;
  cost: number;
  onHand: number;
  leadTimeDays: number;
  moq: number;
  packSize: number;
  serviceLevel: number;
}

const DAY = 86_400_000;
const STATUSES: ReorderStatus[] = ['order_now', 'ok', 'order_soon', 'ok', 'overstock', 'ok', 'no_data', 'ok'];
const KINDS = ['smooth', 'erratic', 'intermittent', 'lumpy'] as const;
const MODELS = ['ets(A,Ad,M)', 'theta', 'sba', 'tsb', 'ets(A,N,A)', 'snaive'];
const URGENCY: Record<ReorderStatus, number> = { order_now: 0, late_delivery: 1, order_soon: 2, ok: 3, overstock: 4, no_data: 5 };

type Result = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

export class ForecastDouble {
  computedAt: number | null = null;
  stale = 0;
  drivers = new Map<string, { driver: DemandDriver; perUnit: number | null }>();
  private pendingRun: { resolve: (cancelled: boolean) => void; jobId: string } | null = null;
  readonly today: number;
  constructor(
    readonly products: DoubleProduct[],
    now = Date.now(),
  ) {
    this.today = Math.floor(now / DAY) * DAY;
  }

  /** Deterministic daily demand level of product i. */
  private level(i: number) {
    return 1 + (i % 7) * 1.5;
  }

  row(i: number): ForecastRow {
    const p = this.products[i]!;
    const status: ReorderStatus = this.computedAt === null ? 'no_data' : STATUSES[i % STATUSES.length]!;
    const d = this.drivers.get(p.id);
    const lvl = this.level(i);
    const noData = status === 'no_data';
    const suggested =
      status === 'order_now' || status === 'order_soon' ? Math.max(p.moq, Math.ceil((lvl * 21) / p.packSize) * p.packSize) : 0;
    const orderBy =
      noData || status === 'overstock'
        ? null
        : this.today + (status === 'order_now' ? 0 : status === 'order_soon' ? 3 + (i % 3) : 10 + (i % 20)) * DAY;
    return {
      productId: p.id,
      sku: p.sku,
      name: p.name,
      unit: p.unit,
      supplier: p.supplier,
      driver: d?.driver ?? 'history',
      kind: noData ? null : KINDS[i % 4]!,
      model: noData ? null : MODELS[i % MODELS.length]!,
      nextP50: noData ? null : Math.round(lvl * 7 * 10) / 10,
      mase: noData ? null : 0.55 + (i % 9) * 0.12,
      bias: noData ? null : ((i % 5) - 2) * 0.04,
      accuracyGap: noData ? 'short_history' : null,
      onHand: p.onHand,
      onOrder: i % 4 === 1 ? p.moq : 0,
      safetyStock: noData ? null : Math.round(lvl * 3),
      reorderPoint: noData ? null : Math.round(lvl * (p.leadTimeDays + 7) + lvl * 3),
      reorderPointSource: noData ? null : ('forecast' as const),
      suggestedQty: suggested,
      orderBy,
      stockoutAt: noData || status === 'overstock' ? null : this.today + (status === 'order_now' ? 4 : 12 + (i % 15)) * DAY,
      status,
      computedAt: this.computedAt === null ? null : this.computedAt,
    };
  }

  product(i: number): ProductForecast {
    const p = this.products[i]!;
    const row = this.row(i);
    const lvl = this.level(i);
    const week = [1.3, 0.8, 0.7, 0.9, 1.1, 1.6, 0.6];
    const history = Array.from({ length: 365 }, (_, k) => {
      const day = this.today - (365 - k) * DAY;
      const q = Math.max(0, Math.round(lvl * week[k % 7]! * (1 + 0.35 * Math.sin(k * 1.7 + i))));
      return { day, quantity: q };
    });
    const noData = row.status === 'no_data';
    const forecast = noData
      ? []
      : Array.from({ length: 60 }, (_, k) => {
          const p50 = lvl * week[(365 + k) % 7]!;
          const w = 0.45 + k * 0.01;
          return { day: this.today + (k + 1) * DAY, p10: Math.max(0, p50 * (1 - w)), p50, p90: p50 * (1 + w) };
        });
    let onHand = p.onHand + row.onOrder;
    const projection = forecast.map((f) => ({ day: f.day, onHand: (onHand = Math.max(0, onHand - f.p50)) }));
    return {
      row,
      leadTimeDays: p.leadTimeDays,
      reviewDays: 7,
      serviceLevel: p.serviceLevel,
      moq: p.moq,
      packSize: p.packSize,
      perUnit: this.drivers.get(p.id)?.perUnit ?? null,
      params: noData ? {} : { alpha: 0.21, beta: 0.03, gamma: 0.11, phi: 0.96 },
      history: noData ? history.slice(-20) : history,
      forecast,
      projection,
      leadTimeDemand: noData ? null : { p10: lvl * 12, p50: lvl * 17, p90: lvl * 24 },
      upToLevel: noData ? null : Math.round(lvl * (p.leadTimeDays + 14) + lvl * 3),
    };
  }

  private rows(): ForecastRow[] {
    return this.products.map((_, i) => this.row(i));
  }

  private lines(withinDays: number): ReplenishmentLine[] {
    return this.rows()
      .flatMap((r, i) =>
        r.suggestedQty > 0 && r.orderBy !== null && r.orderBy <= this.today + withinDays * DAY
          ? [
              {
                productId: r.productId,
                sku: r.sku,
                name: r.name,
                unit: r.unit,
                supplier: r.supplier,
                quantity: r.suggestedQty,
                orderBy: r.orderBy,
                stockoutAt: r.stockoutAt,
                onHand: r.onHand,
                onOrder: r.onOrder,
                reorderPoint: r.reorderPoint ?? 0,
                unitCost: this.products[i]!.cost,
                status: r.status,
              },
            ]
          : [],
      )
      .sort((a, b) => a.orderBy - b.orderBy);
  }

  /** Ends a run held open by `forecast.run` (cancelled or not). */
  finishRun(cancelled = false) {
    this.pendingRun?.resolve(cancelled);
  }

  get runningJobId(): string | null {
    return this.pendingRun?.jobId ?? null;
  }

  async handle(channel: string, rawInput: unknown): Promise<Result> {
    const def = (
      contract as Record<
        string,
        {
          input: {
            safeParse(v: unknown): {
              success: boolean;
              data?: unknown;
              error?: { issues: Array<{ path: PropertyKey[]; message: string; code: string }> };
            };
          };
          output: { parse(v: unknown): unknown };
        }
      >
    )[channel];
    if (!def) return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel "${channel}"` } };
    const parsed = def.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      const issues = parsed.error!.issues;
      return {
        ok: false,
        error: {
          code: 'invalid_input',
          message: issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
          details: issues.map((i) => ({ path: i.path.map(String), message: i.message, code: i.code })),
        },
      };
    }
    const data = await this.answer(channel, parsed.data as Record<string, unknown>);
    return { ok: true, data: def.output.parse(data) };
  }

  private async answer(channel: string, input: Record<string, unknown>): Promise<unknown> {
    switch (channel) {
      case 'forecast.list': {
        const q = String(input.q ?? '').toLowerCase();
        let rows = this.rows().filter(
          (r) => (!q || `${r.sku} ${r.name} ${r.supplier}`.toLowerCase().includes(q)) && (!input.status || r.status === input.status),
        );
        const key = input.sort as string;
        const sign = input.dir === 'desc' ? -1 : 1;
        const val = (r: ForecastRow): number | string =>
          key === 'urgency'
            ? URGENCY[r.status] * 1e15 + (r.orderBy ?? 9e14)
            : key === 'name' || key === 'sku'
              ? r[key]
              : ((r as unknown as Record<string, number | null>)[key] ?? Infinity);
        rows = rows.sort((a, b) => {
          const x = val(a);
          const y = val(b);
          return sign * (typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number));
        });
        const offset = Number(input.offset);
        return {
          items: rows.slice(offset, offset + Number(input.limit)),
          total: rows.length,
          computedAt: this.computedAt,
          stale: this.stale,
        };
      }
      case 'forecast.product': {
        const i = this.products.findIndex((p) => p.id === input.productId);
        if (i < 0) throw new Error('not found');
        return this.product(i);
      }
      case 'forecast.replenishment':
        return this.lines(Number(input.withinDays));
      case 'forecast.replenishment.export': {
        const lines = this.lines(Number(input.withinDays));
        const csv =
          '\ufeffRéférence;Désignation;Fournisseur;Quantité\r\n' +
          lines.map((l) => `${l.sku};${l.name};${l.supplier};${l.quantity}`).join('\r\n') +
          '\r\n';
        return { fileName: 'a-commander.csv', csv, rows: lines.length };
      }
      case 'forecast.summary': {
        const risks = this.rows()
          .filter((r) => r.stockoutAt !== null && r.stockoutAt <= this.today + 30 * DAY)
          .sort((a, b) => a.stockoutAt! - b.stockoutAt!)
          .map((r) => ({ productId: r.productId, sku: r.sku, name: r.name, stockoutAt: r.stockoutAt!, onHand: r.onHand, unit: r.unit }));
        return { computedAt: this.computedAt, toOrderCount: this.lines(7).length, stockoutRisks: this.computedAt === null ? [] : risks };
      }
      case 'forecast.run': {
        const jobId = String(input.jobId ?? 'job');
        const started = Date.now();
        const cancelled = await new Promise<boolean>((resolve) => (this.pendingRun = { resolve, jobId }));
        this.pendingRun = null;
        const computed = cancelled ? Math.floor(this.products.length / 3) : this.products.length;
        this.computedAt = Date.now();
        this.stale = 0;
        return {
          jobId,
          computed,
          skipped: 0,
          failed: cancelled ? [] : [{ productId: this.products[0]!.id, error: 'test failure' }],
          cancelled,
          ms: Date.now() - started,
        };
      }
      case 'forecast.cancel': {
        const ok = this.pendingRun?.jobId === input.jobId;
        if (ok) this.finishRun(true);
        return { cancelled: ok };
      }
      case 'forecast.driver.set': {
        this.drivers.set(String(input.productId), {
          driver: input.driver as DemandDriver,
          perUnit: (input.perUnit as number | undefined) ?? null,
        });
        this.stale += 1;
        return { productId: input.productId, driver: input.driver, perUnit: input.perUnit ?? null };
      }
      default:
        throw new Error(`The double does not answer ${channel}`);
    }
  }

  /** Answers this page's forecast calls; everything else goes to the real bridge. */
  async install(page: Page): Promise<void> {
    await page.route('**/rpc', async (route) => {
      const body = route.request().postDataJSON() as { channel?: string; input?: unknown } | null;
      if (!body?.channel?.startsWith('forecast.')) return route.continue();
      try {
        await route.fulfill({ json: await this.handle(body.channel, body.input) });
      } catch (e) {
        await route.fulfill({ json: { ok: false, error: { code: 'not_found', message: (e as Error).message } } });
      }
    });
  }
}
