import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { useSystem } from '@renderer/stores/system';
import { ApiError } from '@renderer/api';
import type { Settings } from '@shared/model/settings';

function deviceNameError(name: string): 'deviceNameRequired' | 'deviceNameTooLong' | null {
  if (!name.trim()) return 'deviceNameRequired';
  if (name.trim().length > 64) return 'deviceNameTooLong';
  return null;
}

export function PreferencesForm() {
  const { t } = useTranslation('settings');
  const { settings, info, saveSettings } = useSystem();
  const [deviceName, setDeviceName] = useState(settings?.deviceName ?? '');
  const [mode, setMode] = useState(settings?.mode ?? 'office');
  const [quoteSeries, setQuoteSeries] = useState(settings?.quoteSeries ?? '');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<string | null>(null);
  const isAdmin = info?.user.role === 'admin';

  const savedName = settings?.deviceName;
  const savedMode = settings?.mode;
  const savedSeries = settings?.quoteSeries;
  useEffect(() => {
    if (savedName !== undefined) setDeviceName(savedName);
    if (savedMode !== undefined) setMode(savedMode);
    if (savedSeries !== undefined) setQuoteSeries(savedSeries);
  }, [savedName, savedMode, savedSeries]);

  if (!settings) return null;
  const nameError = deviceNameError(deviceName);
  const series = quoteSeries.trim().toUpperCase();
  const seriesError = /^([A-Z][A-Z0-9]{0,2})?$/.test(series) ? null : 'quoteSeriesInvalid';

  const save = async (patch: Partial<Settings>) => {
    setStatus('saving');
    setError(null);
    try {
      await saveSettings(patch);
      setStatus('saved');
    } catch (e) {
      setStatus('idle');
      setError(e instanceof ApiError && e.code === 'forbidden' ? t('adminOnly') : localizeCoreMessage((e as Error).message));
    }
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!nameError && !seriesError) void save({ deviceName: deviceName.trim(), mode, quoteSeries: series });
  };

  return (
    <section className="panel" aria-labelledby="prefs-title">
      <h2 id="prefs-title">{t('preferences')}</h2>
      {!isAdmin && <p className="notice">{t('adminOnly')}</p>}
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <label htmlFor="pref-language">{t('language')}</label>
        <select
          id="pref-language"
          value={settings.language}
          onChange={(e) => void save({ language: e.target.value as Settings['language'] })}
        >
          <option value="fr">{t('languages.fr')}</option>
          <option value="en">{t('languages.en')}</option>
        </select>

        <span id="pref-theme-label">{t('theme')}</span>
        <div role="radiogroup" aria-labelledby="pref-theme-label" className="segmented">
          {(['light', 'dark', 'system'] as const).map((th) => (
            <label key={th} className={settings.theme === th ? 'selected' : undefined}>
              <input type="radio" name="theme" value={th} checked={settings.theme === th} onChange={() => void save({ theme: th })} />
              {t(`themes.${th}`)}
            </label>
          ))}
        </div>

        <label htmlFor="pref-device-name">{t('deviceName')}</label>
        <div>
          <input
            id="pref-device-name"
            value={deviceName}
            disabled={!isAdmin}
            maxLength={80}
            aria-invalid={nameError ? true : undefined}
            aria-describedby="pref-device-name-help"
            onChange={(e) => {
              setDeviceName(e.target.value);
              setStatus('idle');
            }}
          />
          <div id="pref-device-name-help" className={nameError ? 'field-error' : 'help'}>
            {nameError ? t(nameError) : t('deviceNameHelp')}
          </div>
        </div>

        <label htmlFor="pref-mode">{t('mode')}</label>
        <div>
          <select id="pref-mode" disabled={!isAdmin} value={mode} onChange={(e) => setMode(e.target.value as Settings['mode'])}>
            {(['office', 'installer', 'booth'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`common:modes.${m}`)}
              </option>
            ))}
          </select>
          <div className="help">{t('modeHelp')}</div>
        </div>

        <label htmlFor="pref-quote-series">{t('quoteSeries')}</label>
        <div>
          <input
            id="pref-quote-series"
            value={quoteSeries}
            disabled={!isAdmin}
            maxLength={3}
            size={4}
            aria-invalid={seriesError ? true : undefined}
            aria-describedby="pref-quote-series-help"
            onChange={(e) => {
              setQuoteSeries(e.target.value.toUpperCase());
              setStatus('idle');
            }}
          />
          <div id="pref-quote-series-help" className={seriesError ? 'field-error' : 'help'}>
            {seriesError ? t(seriesError) : t('quoteSeriesHelp')}
          </div>
        </div>

        <div />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={!isAdmin || !!nameError || !!seriesError || status === 'saving'}>
            {status === 'saving' ? t('common:saving') : t('common:save')}
          </button>
          <span role="status" className="muted">
            {status === 'saved' ? t('common:saved') : ''}
          </span>
        </div>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
