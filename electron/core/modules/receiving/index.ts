import { defineModule, type ModuleHost } from '@core/module.js';
import type { CoreContext } from '@core/context.js';
import { ocrEngine, receivingHandlers } from './handlers.js';

/** Supplier delivery notes read by OCR and booked as receipts (issue 18). */
export const receivingModule = defineModule({
  name: 'receiving',
  handlers: receivingHandlers,
  start({ ctx }: ModuleHost) {
    return () => void closeOcr(ctx);
  },
});

/** Ends this core's OCR worker, if one was started (tests and benches call it; the module's stop does too). */
export async function closeOcr(ctx: Pick<CoreContext, 'db'>): Promise<void> {
  const engine = ocrEngine.peek(ctx);
  ocrEngine.delete(ctx);
  await engine?.close();
}
