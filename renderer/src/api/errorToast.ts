import { localizeCoreMessage } from '../i18n/coreMessages';
import type { Toast } from '../stores/toasts';
import type { ApiError } from './errors';

type Translate = (key: string, opts: { defaultValue: string }) => string;

/**
 * A failed call as the user reads it: a headline in their language for the error code, with the
 * core's own (English, precise) message and the channel underneath for whoever has to dig further.
 */
export function toastForError(e: ApiError, t: Translate): Omit<Toast, 'id'> {
  const headline = t(`common:errors.codes.${e.code}`, { defaultValue: '' });
  if (!headline) return { kind: 'error', message: localizeCoreMessage(e.message), detail: `${e.channel} · ${e.code}` };
  return { kind: 'error', message: headline, detail: `${localizeCoreMessage(e.message)} — ${e.channel}` };
}
