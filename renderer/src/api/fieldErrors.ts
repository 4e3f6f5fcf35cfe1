import { localizeCoreMessage as l10n } from '@renderer/i18n/coreMessages';
import { ApiError } from './errors';

/** Per-field messages from a refused call: zod issues (details[].path) or a conflict naming its field. */
export function fieldErrors(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return { _: l10n(String((e as Error)?.message ?? e)) };
  const out: Record<string, string> = {};
  if (Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: Array<string | number>; message?: string }>) {
      const path = (d.path ?? []).filter((x) => x !== 'patch');
      const key = String(path[0] ?? '_');
      if (!out[key]) out[key] = l10n(d.message ?? e.message);
    }
  } else if (e.details && typeof e.details === 'object' && 'field' in e.details) {
    out[String((e.details as { field: string }).field)] = l10n(e.message);
  }
  if (Object.keys(out).length === 0) out._ = l10n(e.message);
  return out;
}
