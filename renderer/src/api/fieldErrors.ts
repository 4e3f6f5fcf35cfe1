import i18n from '@renderer/i18n';
import { localizeCoreMessage as l10n } from '@renderer/i18n/coreMessages';
import { formatDateTime } from '@renderer/i18n/format';
import { ApiError } from './errors';

/**
 * A message a form keeps in its state as what to say, not as words: a catalogue key and its values,
 * or the core's own (English) message. It is worded when shown (`word`), so switching the language
 * while errors are on screen re-words them; stored already translated, they stayed in the old one.
 * `dates` names the values that are instants, shown with the date format of the language in force.
 */
export type Said = { key: string; params?: Record<string, string | number>; dates?: readonly string[] } | { core: string };

/** A catalogue message, `ns:key` (e.g. 'fleet:form.errors.mac'). */
export const say = (key: string, params?: Record<string, string | number>, dates?: readonly string[]): Said => ({ key, params, dates });
/** One of the core's messages (or a zod rule's), localised when shown. */
export const sayCore = (message: string): Said => ({ core: message });

/** The words of a message in the current language. */
export function word(m: Said): string {
  if ('core' in m) return l10n(m.core);
  const params: Record<string, string | number> = { ...m.params };
  for (const d of m.dates ?? []) if (typeof params[d] === 'number') params[d] = formatDateTime(params[d]);
  return i18n.t(m.key, params);
}

/** Per-field messages from a refused call: zod issues (details[].path) or a conflict naming its field. */
export function fieldMessages(e: unknown): Record<string, Said> {
  if (!(e instanceof ApiError)) return { _: sayCore(String((e as Error)?.message ?? e)) };
  const out: Record<string, Said> = {};
  if (Array.isArray(e.details)) {
    for (const d of e.details as Array<{ path?: Array<string | number>; message?: string }>) {
      const path = (d.path ?? []).filter((x) => x !== 'patch');
      const key = String(path[0] ?? '_');
      if (!out[key]) out[key] = sayCore(d.message ?? e.message);
    }
  } else if (e.details && typeof e.details === 'object' && 'field' in e.details) {
    out[String((e.details as { field: string }).field)] = sayCore(e.message);
  }
  if (Object.keys(out).length === 0) out._ = sayCore(e.message);
  return out;
}

/** fieldMessages, worded now (for messages shown once, e.g. in a toast or a one-line notice). */
export function fieldErrors(e: unknown): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldMessages(e)).map(([k, m]) => [k, word(m)]));
}
