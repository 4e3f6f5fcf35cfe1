import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@renderer/api';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { useSystem } from '@renderer/stores/system';
import type { Settings } from '@shared/model/settings';

const COUNTRIES = ['FR', 'GB', 'none'] as const;

/**
 * Settings panel: the public holidays the forecasts treat as closed days. One value for the whole
 * business (a global setting, synced), so it sits apart from this device's preferences; admins set it.
 */
export function HolidaysSection() {
  const { t } = useTranslation('settings');
  const settings = useSystem((s) => s.settings);
  const saveSettings = useSystem((s) => s.saveSettings);
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  if (!settings) return null;
  const choose = async (holidayCountry: Settings['holidayCountry']) => {
    setMessage(null);
    try {
      await saveSettings({ holidayCountry });
      setMessage({ text: t('holidaysSaved', { country: t(`holidayCountries.${holidayCountry}`) }) });
    } catch (e) {
      setMessage({
        text: e instanceof ApiError && e.code === 'forbidden' ? t('holidaysAdminOnly') : localizeCoreMessage((e as Error).message),
        error: true,
      });
    }
  };
  return (
    <section className="panel" aria-labelledby="holidays-title" data-testid="settings-holidays">
      <h2 id="holidays-title">{t('holidaysTitle')}</h2>
      <div className="field">
        <label htmlFor="pref-holidays">{t('holidays')}</label>
        <select
          id="pref-holidays"
          disabled={!isAdmin}
          value={settings.holidayCountry}
          onChange={(e) => void choose(e.target.value as Settings['holidayCountry'])}
        >
          {COUNTRIES.map((c) => (
            <option key={c} value={c}>
              {t(`holidayCountries.${c}`)}
            </option>
          ))}
        </select>
        <div className="help">{t('holidaysHelp')}</div>
      </div>
      {!isAdmin && <p className="muted small">{t('holidaysAdminOnly')}</p>}
      {message && (
        <p className={message.error ? 'field-error' : 'notice notice-ok'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
