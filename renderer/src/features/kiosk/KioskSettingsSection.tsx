import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { formatDateTime } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import type { KioskStatus } from '@shared/contract/kiosk';

/** Settings → Kiosk: the booth's operator PIN (booth mode needs one). Admins set it; audited by the core. */
export function KioskSettingsSection() {
  const { t } = useTranslation('kiosk');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [status, setStatus] = useState<KioskStatus | null>(null);
  const [pin, setPin] = useState('');
  const [confirm, setConfirm] = useState('');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const load = useCallback(() => void api.call('kiosk.status', {}, { silent: true }).then(setStatus, () => undefined), []);
  useEffect(load, [load]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!/^\d{4,12}$/.test(pin)) return setMessage({ ok: false, text: t('settings.format') });
    if (pin !== confirm) return setMessage({ ok: false, text: t('settings.mismatch') });
    try {
      await api.call('kiosk.setPin', { pin }, { silent: true });
      setPin('');
      setConfirm('');
      setMessage({ ok: true, text: t('settings.saved') });
      load();
    } catch (err) {
      setMessage({ ok: false, text: localizeCoreMessage((err as Error).message) });
    }
  };
  return (
    <section className="panel" aria-labelledby="kiosk-settings-title" data-testid="kiosk-settings">
      <h2 id="kiosk-settings-title">{t('settings.title')}</h2>
      {status && (
        <>
          <p className={status.pinSet ? '' : 'notice'}>{status.pinSet ? t('settings.pinSet') : t('settings.pinNotSet')}</p>
          {status.failedAttempts > 0 && <p className="help">{t('settings.failures', { n: status.failedAttempts })}</p>}
          {status.lockedUntil && <p className="field-error">{t('settings.lockedUntil', { time: formatDateTime(status.lockedUntil) })}</p>}
        </>
      )}
      <p className="help">{t('settings.help')}</p>
      {isAdmin ? (
        <form className="form-grid" onSubmit={(e) => void save(e)}>
          <label htmlFor="kiosk-new-pin">{t('settings.newPin')}</label>
          <input
            id="kiosk-new-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={pin}
            onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
          />
          <label htmlFor="kiosk-confirm-pin">{t('settings.confirm')}</label>
          <input
            id="kiosk-confirm-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            maxLength={12}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value.replace(/\D/g, ''))}
          />
          <span />
          <div className="form-actions">
            <button type="submit" className="primary" disabled={!pin || !confirm}>
              {t('settings.save')}
            </button>
          </div>
        </form>
      ) : (
        <p className="help">{t('settings.adminOnly')}</p>
      )}
      {message && (
        <p className={message.ok ? 'help' : 'field-error'} role="status">
          {message.text}
        </p>
      )}
    </section>
  );
}
