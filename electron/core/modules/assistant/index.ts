import { defineModule } from '@core/module.js';
import type { CoreContext } from '@core/context.js';
import { assistantHandlers } from './handlers.js';
import { readStatus } from './config.js';
import { refreshEmbeddings, searchState } from './search.js';
import { assistantState } from './state.js';

/**
 * The assistant: a local Ollama chat pane grounded in the business's data through read-only tools
 * run by the router with the person's role; actions are only proposed and run on confirmation.
 * Starts: follows the change feed and refreshes the stored embeddings a moment after catalog,
 * service or event writes (when an embedding model is installed).
 */
export const assistantModule = defineModule({
  name: 'assistant',
  handlers: assistantHandlers,
  start: ({ ctx }) => {
    const s = searchState(ctx);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = ctx.events.subscribe((ev) => {
      if (ev.event !== 'data.changed' || !s.vectorsDirty || timer) return;
      timer = setTimeout(() => {
        timer = null;
        void readStatus(ctx, 2000)
          .then((st) => (st.embedModel && s.vectorsDirty ? refreshEmbeddings(ctx, st.embedModel) : null))
          .catch((e: unknown) => ctx.log.warn('embedding refresh failed', { error: String(e) }));
      }, 2000);
    });
    return () => {
      off();
      s.unsubscribe?.();
      s.unsubscribe = null;
      if (timer) clearTimeout(timer);
      for (const t of assistantState.get(ctx).turns.values()) t.abort.abort();
    };
  },
});

/** Resolves when the turn has ended (done, stopped or failed); at once for an unknown turn. */
export async function turnSettled(ctx: Pick<CoreContext, 'db'>, turnId: string): Promise<void> {
  await assistantState.peek(ctx)?.turns.get(turnId)?.done;
}

export { refreshEmbeddings } from './search.js';
export { TOOL_SCHEMAS } from './turn.js';
export { normalizeAddress, DEFAULT_ADDRESS } from './client.js';
export { checkNumbers } from './numbers.js';
