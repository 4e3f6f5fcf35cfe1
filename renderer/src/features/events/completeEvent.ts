import { api, ApiError } from '@renderer/api';
import i18n from '@renderer/i18n';
import { useSystem } from '@renderer/stores/system';
import { useToasts } from '@renderer/stores/toasts';
import { toastForError } from '@renderer/api/errorToast';

/**
 * Marks an event completed. With a required checklist item open the core refuses; an admin is
 * asked whether to override (the override is audited by the core), others are told why.
 */
export async function completeEvent(id: string): Promise<boolean> {
  try {
    await api.call('bookings.setStatus', { id, status: 'completed' }, { silent: true });
    return true;
  } catch (e) {
    const count = e instanceof ApiError && e.code === 'conflict' ? (e.details as { count?: number } | undefined)?.count : undefined;
    if (count === undefined) {
      // Anything else: the usual error toast.
      if (e instanceof ApiError) useToasts.getState().push(toastForError(e, (key, opts) => i18n.t(key, opts)));
      return false;
    }
    if (useSystem.getState().info?.user.role === 'admin' && window.confirm(i18n.t('checklists:overrideConfirm', { count }))) {
      await api.call('bookings.setStatus', { id, status: 'completed', override: true });
      return true;
    }
    useToasts.getState().push({ kind: 'error', message: i18n.t('checklists:completeRefused', { count }) });
    return false;
  }
}
