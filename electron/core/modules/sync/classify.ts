/** How a failed hub call should be treated. Pure, so the rules are tested directly. */
export type FailureKind = 'transient' | 'auth' | 'permanent';

export interface HubFailure {
  status: number;
  code: string;
  message: string;
}

export function classifyFailure(f: HubFailure): FailureKind {
  if (f.status === 0) return 'transient';
  // A success status with an error: the answer's body did not parse (supabase-js then gives the raw
  // text as the message). It was cut on the way; the hub may well have done the work.
  if (f.status >= 200 && f.status < 300) return 'transient';
  if (f.status === 401 || f.code === 'PGRST301' || f.code === 'PGRST303') return 'auth';
  if (f.status === 408 || f.status === 429 || f.status >= 500) return 'transient';
  // Serialization failures and deadlocks are worth retrying whatever the status says.
  if (f.code === '40001' || f.code === '40P01') return 'transient';
  return 'permanent';
}

/** Full-jitter exponential backoff: random in [0, min(cap, base·2^attempt)]. */
export function backoffDelay(attempt: number, random: () => number, baseMs = 2000, capMs = 5 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 20));
  return Math.floor(random() * ceiling);
}

export class HubCallError extends Error {
  constructor(
    readonly failure: HubFailure,
    readonly kind: FailureKind = classifyFailure(failure),
  ) {
    super(failure.message || `hub call failed (${failure.status})`);
    this.name = 'HubCallError';
  }
}
