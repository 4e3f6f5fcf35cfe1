import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushEvent } from '@shared/rpc';

/** The renderer as Electron runs it: window.opsdeck is the preload bridge; the test pushes core events through it. */
async function loadWithBridge() {
  const listeners = new Set<(ev: PushEvent) => void>();
  vi.stubGlobal('window', {
    opsdeck: {
      invoke: async () => ({ ok: true, data: null }),
      subscribe: (_event: string, cb: (ev: PushEvent) => void) => (listeners.add(cb), () => listeners.delete(cb)),
    },
  });
  vi.resetModules();
  const jobs = await import('@renderer/stores/jobs');
  const push = (payload: object) => listeners.forEach((l) => l({ event: 'job.progress', payload }));
  return { ...jobs, push };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('long-task progress', () => {
  it('tracks each job from its job.progress events and shows a finished one briefly before it goes', async () => {
    const { useJobs, listenToJobs, push, FINISHED_VISIBLE_MS } = await loadWithBridge();
    const stop = listenToJobs();
    push({ jobId: 'f1', kind: 'forecast.catalog', done: 0, total: 200 });
    push({ jobId: 'i1', kind: 'catalog.import', done: 10, total: 50, message: 'rows' });
    push({ jobId: 'f1', kind: 'forecast.catalog', done: 120, total: 200 });
    expect(useJobs.getState().jobs.map((j) => [j.jobId, j.done, j.finished])).toEqual([
      ['f1', 120, false],
      ['i1', 10, false],
    ]);

    push({ jobId: 'f1', kind: 'forecast.catalog', done: 200, total: 200 });
    expect(useJobs.getState().jobs.find((j) => j.jobId === 'f1')?.finished).toBe(true);
    vi.advanceTimersByTime(FINISHED_VISIBLE_MS);
    expect(useJobs.getState().jobs.map((j) => j.jobId)).toEqual(['i1']);

    stop();
    push({ jobId: 'late', kind: 'x', done: 1, total: 2 });
    expect(useJobs.getState().jobs.map((j) => j.jobId)).toEqual(['i1']);
  });

  it('keeps a job that restarted before its finished entry expired', async () => {
    const { useJobs, listenToJobs, push, FINISHED_VISIBLE_MS } = await loadWithBridge();
    listenToJobs();
    push({ jobId: 'sync', kind: 'sync.push', done: 5, total: 5 });
    push({ jobId: 'sync', kind: 'sync.push', done: 0, total: 8 });
    vi.advanceTimersByTime(FINISHED_VISIBLE_MS);
    expect(useJobs.getState().jobs).toMatchObject([{ jobId: 'sync', done: 0, total: 8, finished: false }]);
  });

  it('does not call a job with an unknown total finished', async () => {
    const { applyProgress } = await loadWithBridge();
    expect(applyProgress([], { jobId: 'j', kind: 'k', done: 0, total: 0 })[0]?.finished).toBe(false);
  });
});
