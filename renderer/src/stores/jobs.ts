import { create } from 'zustand';
import type { EventPayload } from '@shared/contract/index';
import { api } from '../api';

export type JobProgress = EventPayload<'job.progress'>;
export interface Job extends JobProgress {
  finished: boolean;
}

/** How long a finished job stays visible, so a fast job is still seen to have ended. */
export const FINISHED_VISIBLE_MS = 4_000;

/**
 * Upsert one progress report; a job is finished once done reaches total, or when its last report
 * says so: message 'cancelled' (stopped before the end) or 'done' (e.g. an empty run, 0 / 0).
 */
export function applyProgress(jobs: Job[], ev: JobProgress): Job[] {
  const job: Job = { ...ev, finished: (ev.total > 0 && ev.done >= ev.total) || ev.message === 'cancelled' || ev.message === 'done' };
  const i = jobs.findIndex((j) => j.jobId === ev.jobId);
  if (i === -1) return [...jobs, job];
  const copy = jobs.slice();
  copy[i] = job;
  return copy;
}

interface JobsState {
  jobs: Job[];
  progress(ev: JobProgress): void;
}

/** Long tasks anywhere in the core (forecasts, imports, sync) report through job.progress; the title bar shows them. */
export const useJobs = create<JobsState>((set, get) => ({
  jobs: [],
  progress(ev) {
    const jobs = applyProgress(get().jobs, ev);
    set({ jobs });
    if (jobs.find((j) => j.jobId === ev.jobId)?.finished) {
      setTimeout(() => {
        const still = get().jobs.find((j) => j.jobId === ev.jobId);
        if (still?.finished) set({ jobs: get().jobs.filter((j) => j.jobId !== ev.jobId) });
      }, FINISHED_VISIBLE_MS);
    }
  },
}));

export function listenToJobs(): () => void {
  return api.subscribe('job.progress', (ev) => useJobs.getState().progress(ev));
}
