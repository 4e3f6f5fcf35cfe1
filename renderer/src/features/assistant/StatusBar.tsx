import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import { useSystem } from '@renderer/stores/system';
import { formatBytes } from './format';

/** Ollama's state (version, address), the model picker (size, tools) and, for an admin, the address. */
export function StatusBar({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('assistant');
  const { status, statusLoading, loadStatus, selectModel } = useAssistant();
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [open, setOpen] = useState(false);
  if (!status) return <p className="muted small">{t('status.checking')}</p>;
  return (
    <div className="as-status" aria-label={t('status.label')}>
      <span className={status.reachable ? 'ok-text small' : 'bad-text small'} role="status" data-testid="assistant-status">
        {status.reachable
          ? t('status.ok', { version: status.version, address: status.address })
          : t('status.down', { address: status.address })}
      </span>
      {status.reachable && (
        <label className="as-model">
          <span className="visually-hidden">{t('status.model')}</span>
          <select
            value={status.model ?? ''}
            onChange={(e) => void selectModel(e.target.value).catch(() => undefined)}
            aria-label={t('status.model')}
          >
            {!status.modelPresent && (
              <option value={status.model ?? ''}>
                {status.model ? t('status.modelMissing', { model: status.model }) : t('status.chooseModel')}
              </option>
            )}
            {status.models
              .filter((m) => !m.embedding || m.tools)
              .map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} · {formatBytes(m.size)} · {m.tools === false ? t('status.noTools') : t('status.tools')}
                </option>
              ))}
          </select>
        </label>
      )}
      <button
        type="button"
        className="icon-button"
        onClick={() => void loadStatus()}
        disabled={statusLoading}
        title={t('status.refresh')}
        aria-label={t('status.refresh')}
      >
        ↻
      </button>
      {!compact && isAdmin && (
        <button type="button" className="link-button small" aria-expanded={open} onClick={() => setOpen(!open)}>
          {t('settings.title')}
        </button>
      )}
      {!compact && status.reachable && (
        <span className="muted small">{t(`status.searchMode_${status.searchMode}`, { model: status.embedModel })}</span>
      )}
      {open && <SettingsForm onDone={() => setOpen(false)} />}
    </div>
  );
}

function SettingsForm({ onDone }: { onDone(): void }) {
  const { t } = useTranslation('assistant');
  const { status, configure } = useAssistant();
  const [address, setAddress] = useState(status?.address ?? '127.0.0.1:11434');
  const [embed, setEmbed] = useState<string>('auto');
  return (
    <form
      className="as-settings panel"
      onSubmit={(e) => {
        e.preventDefault();
        void configure({ address, ...(embed === 'auto' ? {} : { embedModel: embed === 'off' ? null : embed }) })
          .then(onDone)
          .catch(() => undefined);
      }}
    >
      <label>
        {t('settings.address')}
        <input value={address} onChange={(e) => setAddress(e.target.value)} required />
      </label>
      <p className="help">{t('settings.addressHelp')}</p>
      <label>
        {t('settings.embedModel')}
        <select value={embed} onChange={(e) => setEmbed(e.target.value)}>
          <option value="auto">{t('settings.embedAuto')}</option>
          <option value="off">{t('settings.embedOff')}</option>
          {status?.models
            .filter((m) => m.embedding)
            .map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" className="primary">
        {t('settings.save')}
      </button>
    </form>
  );
}
