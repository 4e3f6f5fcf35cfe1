import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '@shared/rpc';

type Call = { channel: string; input: Record<string, unknown> };

/** The renderer as Electron runs it, with a hand-made core answering the forecast channels. */
async function load(total = 1200) {
  const calls: Call[] = [];
  const listeners = new Set<(ev: PushEvent) => void>();
  let endRun: ((cancelled: boolean) => void) | null = null;
  let busy = false;
  const row = (i: number) => ({ productId: `p${i}`, sku: `S${i}`, name: `P${i}`, status: 'ok' });
  vi.stubGlobal('window', {
    opsdeck: {
      invoke: async (channel: string, input: Record<string, unknown>) => {
        calls.push({ channel, input });
        if (channel === 'forecast.list') {
          const offset = Number(input.offset);
          const n = Math.max(0, Math.min(Number(input.limit), total - offset));
          return { ok: true, data: { items: Array.from({ length: n }, (_, k) => row(offset + k)), total, computedAt: 1, stale: 2 } };
        }
        if (channel === 'forecast.run' && busy)
          return {
            ok: false,
            error: { code: 'conflict', message: 'A forecast run is already in progress', details: { jobId: 'daily-1' } },
          };
        if (channel === 'forecast.run') {
          const cancelled = await new Promise<boolean>((r) => (endRun = r));
          return { ok: true, data: { jobId: input.jobId, computed: 3, skipped: 0, failed: [], cancelled, ms: 12 } };
        }
        if (channel === 'forecast.cancel') {
          endRun?.(true);
          return { ok: true, data: { cancelled: true } };
        }
        return { ok: false, error: { code: 'unknown_channel', message: channel } };
      },
      subscribe: (_e: string, cb: (ev: PushEvent) => void) => (listeners.add(cb), () => listeners.delete(cb)),
    },
  });
  vi.resetModules();
  const { useForecast } = await import('@renderer/stores/forecast');
  const { useJobs, listenToJobs } = await import('@renderer/stores/jobs');
  listenToJobs();
  const push = (payload: object) => listeners.forEach((l) => l({ event: 'job.progress', payload }));
  return { useForecast, useJobs, calls, push, finish: (c = false) => endRun?.(c), setBusy: (b: boolean) => (busy = b) };
}

afterEach(() => vi.unstubAllGlobals());
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('forecast list store', () => {
  it('loads the first page, then only the pages the table scrolls to', async () => {
    const { useForecast, calls } = await load(1200);
    await useForecast.getState().reload();
    const s = useForecast.getState();
    expect(s.total).toBe(1200);
    expect(s.rows.filter(Boolean)).toHaveLength(500);
    expect(s.computedAt).toBe(1);
    expect(s.stale).toBe(2);
    expect(calls[0]!.input).toEqual({ q: '', sort: 'urgency', dir: 'asc', offset: 0, limit: 500 });
    useForecast.getState().ensure(980, 1010);
    await tick();
    expect(calls.map((c) => c.input.offset)).toEqual([0, 500, 1000]);
    expect(useForecast.getState().rows[1199]).toMatchObject({ productId: 'p1199' });
  });

  it('sends the status filter only when one is chosen', async () => {
    const { useForecast, calls } = await load(10);
    useForecast.getState().setQuery({ status: 'order_now', sort: 'name', dir: 'desc' });
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.at(-1)!.input).toMatchObject({ status: 'order_now', sort: 'name', dir: 'desc' });
  });
});

describe('forecast runs', () => {
  it('runs once at a time, follows job.progress, stops on Cancel, closes the title-bar chip and reloads', async () => {
    const { useForecast, useJobs, calls, push } = await load(10);
    const run = useForecast.getState().run('incremental');
    const jobId = useForecast.getState().jobId!;
    expect(jobId).toMatch(/^forecast-incremental-/);
    expect(await useForecast.getState().run('full')).toBeNull();
    expect(calls.filter((c) => c.channel === 'forecast.run')).toHaveLength(1);
    push({ jobId, kind: 'forecast', done: 3, total: 10 });
    expect(useJobs.getState().jobs[0]).toMatchObject({ jobId, done: 3, finished: false });
    await useForecast.getState().cancel();
    expect(calls.find((c) => c.channel === 'forecast.cancel')!.input).toEqual({ jobId });
    const res = await run;
    expect(res!.cancelled).toBe(true);
    const s = useForecast.getState();
    expect(s.jobId).toBeNull();
    expect(s.lastRun!.cancelled).toBe(true);
    // The core stopped at 3 / 10 and said nothing more: the chip still ends.
    expect(useJobs.getState().jobs.find((j) => j.jobId === jobId)!.finished).toBe(true);
    expect(calls.at(-1)!.channel).toBe('forecast.list');
  });

  it('a run started elsewhere: Recompute says so, its progress shows, it can be stopped; a stopped run closes its chip', async () => {
    const { useForecast, useJobs, calls, push, setBusy } = await load(10);
    setBusy(true);
    push({ jobId: 'daily-1', kind: 'forecast', done: 2, total: 10 });
    expect(await useForecast.getState().run('incremental')).toBeNull();
    expect(useForecast.getState().runConflict).toBe(true);
    expect(useForecast.getState().runError).toBeNull();
    await useForecast.getState().cancel('daily-1');
    expect(calls.at(-1)).toEqual({ channel: 'forecast.cancel', input: { jobId: 'daily-1' } });
    push({ jobId: 'daily-1', kind: 'forecast', done: 4, total: 10, message: 'cancelled' });
    expect(useJobs.getState().jobs.find((j) => j.jobId === 'daily-1')!.finished).toBe(true);
    // An empty run (0 / 0) ends with message 'done'.
    push({ jobId: 'daily-2', kind: 'forecast', done: 0, total: 0 });
    expect(useJobs.getState().jobs.find((j) => j.jobId === 'daily-2')!.finished).toBe(false);
    push({ jobId: 'daily-2', kind: 'forecast', done: 0, total: 0, message: 'done' });
    expect(useJobs.getState().jobs.find((j) => j.jobId === 'daily-2')!.finished).toBe(true);
  });

  it('runs everything when asked', async () => {
    const { useForecast, calls, finish } = await load(10);
    const run = useForecast.getState().run('full');
    expect(calls.at(-1)!.input).toMatchObject({ mode: 'full' });
    finish(false);
    expect((await run)!.computed).toBe(3);
    expect(useForecast.getState().runError).toBeNull();
  });
});
