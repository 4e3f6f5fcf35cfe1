import { useTranslation } from 'react-i18next';
import { useToasts } from '../stores/toasts';

export function Toasts() {
  const { t } = useTranslation('common');
  const { toasts, dismiss } = useToasts();
  return (
    <div className="toasts" aria-live="assertive" aria-atomic="false">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div>
            <div className="toast-message">{toast.message}</div>
            {toast.detail && <div className="toast-detail mono">{toast.detail}</div>}
          </div>
          <button type="button" className="icon-button" aria-label={t('dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
