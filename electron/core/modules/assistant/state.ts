import { perCore } from '@core/module.js';
import type { SearchDoc, StoredVector } from '@core/db/repos/assistantSearch.js';

/** A turn being answered: Stop aborts it; tests and the bench await `done`. */
export interface RunningTurn {
  conversationId: string;
  abort: AbortController;
  done: Promise<void>;
}

export interface SearchState {
  /** The full-text index needs a rebuild (a catalog, service or event write since the last one). */
  ftsDirty: boolean;
  /** Stored vectors may be behind the data (same cause). */
  vectorsDirty: boolean;
  vectors: { model: string; rows: StoredVector[] } | null;
  /** The indexed rows by "kind:id", read once per change of a source table. */
  docs: Map<string, SearchDoc> | null;
  refreshing: Promise<void> | null;
  unsubscribe: (() => void) | null;
}

export interface AssistantState {
  turns: Map<string, RunningTurn>;
  /** Confirmed actions being run (a double click runs once). */
  runningActions: Set<string>;
  /** /api/show capabilities per "origin name digest". */
  caps: Map<string, string[]>;
  search: SearchState;
  /** Which embedding model search uses, probed at most every 30 s (reset when the settings change). */
  embedProbe: { at: number; origin: string; model: string | null } | null;
}

export const assistantState = perCore<AssistantState>(() => ({
  turns: new Map(),
  runningActions: new Set(),
  caps: new Map(),
  search: { ftsDirty: true, vectorsDirty: true, vectors: null, docs: null, refreshing: null, unsubscribe: null },
  embedProbe: null,
}));
