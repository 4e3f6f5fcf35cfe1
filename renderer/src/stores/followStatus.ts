/**
 * Keeps a status fresh: `subscribe` listens to the core's push event (returns its stop function),
 * `load` reads the status now and then every `pollMs` as a fallback (a read that fails is left
 * for the next one). Returns the stop function of both.
 */
export function followStatus(subscribe: () => () => void, load: () => Promise<unknown>, pollMs = 15_000): () => void {
  const off = subscribe();
  const quietly = () => void load().catch(() => undefined);
  quietly();
  const poll = setInterval(quietly, pollMs);
  return () => {
    off();
    clearInterval(poll);
  };
}
