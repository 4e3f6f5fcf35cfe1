import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { DEFAULT_SPEED_DOWNLOAD_URL } from '@shared/model/speedtest';
import { fieldErrors } from '../catalog/fieldErrors';

/** Settings panel: where speed tests download from and upload to, and the thresholds that raise "slow network". */
export function SpeedSettingsSection() {
  const { t } = useTranslation('fleet');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [f, setF] = useState<{
    downloadUrl: string;
    uploadUrl: string;
    warnDownMbps: string;
    warnUpMbps: string;
    warnPingMs: string;
  } | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  useEffect(() => {
    void api.call('speedtest.config.get', {}, { silent: true }).then(
      (c) =>
        setF({
          downloadUrl: c.downloadUrl,
          uploadUrl: c.uploadUrl ?? '',
          warnDownMbps: String(c.warnDownMbps),
          warnUpMbps: String(c.warnUpMbps),
          warnPingMs: String(c.warnPingMs),
        }),
      () => undefined,
    );
  }, []);
  if (!f) return null;
  const save = async () => {
    try {
      await api.call(
        'speedtest.config.set',
        {
          downloadUrl: f.downloadUrl,
          uploadUrl: f.uploadUrl.trim() || null,
          warnDownMbps: Number(f.warnDownMbps),
          warnUpMbps: Number(f.warnUpMbps),
          warnPingMs: Number(f.warnPingMs),
        },
        { silent: true },
      );
      setMessage({ text: t('speedSettings.saved') });
    } catch (e) {
      setMessage({ text: Object.values(fieldErrors(e))[0] ?? (e as Error).message, error: true });
    }
  };
  const field = (k: keyof typeof f, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input type={type} value={f[k]} disabled={!isAdmin} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
    </label>
  );
  return (
    <section className="panel" data-testid="settings-speed">
      <h2>{t('speedSettings.title')}</h2>
      <p className="muted small">{t('speedSettings.help', { url: DEFAULT_SPEED_DOWNLOAD_URL })}</p>
      <form
        className="stacked-fields"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {field('downloadUrl', t('speedSettings.downloadUrl'))}
        {field('uploadUrl', t('speedSettings.uploadUrl'))}
        {field('warnDownMbps', t('speedSettings.warnDown'), 'number')}
        {field('warnUpMbps', t('speedSettings.warnUp'), 'number')}
        {field('warnPingMs', t('speedSettings.warnPing'), 'number')}
        {isAdmin && (
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('speedSettings.save')}
            </button>
          </div>
        )}
      </form>
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </section>
  );
}
