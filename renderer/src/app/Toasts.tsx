import { useTranslation } from 'react-i18next';
import { useToasts } from '../stores/toasts';

export function Toasts() {
  const { t } = useTranslation('common');
  const { toasts, dismiss } = useToasts();
  // Each toast is its own live region (alert or status); a live container too would announce errors twice.
  return (
    <div className="toasts">
      {toasts.map((toast) => (
        <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
          <div>
            <div className="toast-message">{toast.message}</div>
            {toast.detail && <div className={toast.plainDetail ? 'toast-detail' : 'toast-detail mono'}>{toast.detail}</div>}
            {toast.link && (
              <a className="toast-link" href={toast.link.href} onClick={() => dismiss(toast.id)}>
                {toast.link.label}
              </a>
            )}
          </div>
          <button type="button" className="icon-button" aria-label={t('dismiss')} onClick={() => dismiss(toast.id)}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
