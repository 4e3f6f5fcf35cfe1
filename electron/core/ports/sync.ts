/** What other modules may ask of the sync module (wired in entry.ts; a no-op where sync is not set up). */
export interface SyncPort {
  /** Asks for a sync round soon when a hub is configured; never throws. */
  requestRound(reason: string): void;
  /** Whether a row handed to the hub can reach another device: a hub is configured and sync is on. */
  relayAvailable(): boolean;
}
