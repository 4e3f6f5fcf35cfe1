import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDateTime } from '@renderer/i18n/format';
import { useSystem } from '@renderer/stores/system';
import { NOTIFY_KINDS, parseSendError, type NotifyChannel, type NotifyKind } from '@shared/model/notify';
import { fieldErrors } from '../catalog/fieldErrors';
import './notify.css';

interface Draft {
  id?: string;
  kind: 'email' | 'webhook';
  name: string;
  enabled: boolean;
  language: 'fr' | 'en';
  host: string;
  port: string;
  security: 'tls' | 'starttls' | 'none';
  user: string;
  from: string;
  to: string;
  url: string;
  secretHeader: string;
  secret: string;
  trustedCert: string;
  kinds: NotifyKind[];
  minSeverity: 'warning' | 'critical';
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
  onClear: boolean;
}

const blank = (kind: Draft['kind']): Draft => ({
  kind,
  name: '',
  enabled: true,
  language: 'fr',
  host: '',
  port: '587',
  security: 'starttls',
  user: '',
  from: '',
  to: '',
  url: '',
  secretHeader: 'X-OpsDeck-Secret',
  secret: '',
  trustedCert: '',
  kinds: ['paper_critical', 'offline_during_event', 'disk_low', 'high_temperature'],
  minSeverity: 'warning',
  quiet: false,
  quietStart: '22:00',
  quietEnd: '07:00',
  onClear: true,
});

function toDraft(c: NotifyChannel): Draft {
  const cfg = c.config as Record<string, unknown>;
  return {
    ...blank(c.kind),
    id: c.id,
    name: c.name,
    enabled: c.enabled,
    language: c.language,
    host: String(cfg.host ?? ''),
    port: String(cfg.port ?? ''),
    security: (cfg.security as Draft['security']) ?? 'starttls',
    user: String(cfg.user ?? ''),
    from: String(cfg.from ?? ''),
    to: ((cfg.to as string[] | undefined) ?? []).join(', '),
    url: String(cfg.url ?? ''),
    secretHeader: String(cfg.secretHeader ?? 'X-OpsDeck-Secret'),
    trustedCert: String(cfg.trustedCert ?? ''),
    kinds: c.rules.kinds,
    minSeverity: c.rules.minSeverity,
    quiet: c.rules.quietHours !== null,
    quietStart: c.rules.quietHours?.start ?? '22:00',
    quietEnd: c.rules.quietHours?.end ?? '07:00',
    onClear: c.rules.onClear,
  };
}

/** Settings panel (admins): where alerts go when nobody looks at the screen — e-mail (SMTP) and webhooks. */
export function NotifySection() {
  const { t } = useTranslation('notify');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const [channels, setChannels] = useState<NotifyChannel[]>([]);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const load = useCallback(() => void api.call('notify.channels.list', {}, { silent: true }).then(setChannels, () => undefined), []);
  useEffect(() => {
    if (isAdmin) load();
  }, [isAdmin, load]);
  if (!isAdmin) return null;
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));
  const save = async () => {
    if (!draft) return;
    setErrors({});
    const rules = {
      kinds: draft.kinds,
      minSeverity: draft.minSeverity,
      quietHours: draft.quiet ? { start: draft.quietStart, end: draft.quietEnd } : null,
      onClear: draft.onClear,
    };
    const common = {
      id: draft.id,
      name: draft.name,
      enabled: draft.enabled,
      language: draft.language,
      rules,
      secret: draft.secret ? draft.secret : undefined,
    };
    try {
      const saved =
        draft.kind === 'email'
          ? await api.call(
              'notify.channels.save',
              {
                ...common,
                kind: 'email',
                config: {
                  host: draft.host,
                  port: Number(draft.port),
                  security: draft.security,
                  user: draft.user.trim() || null,
                  from: draft.from,
                  to: draft.to
                    .split(/[,;\s]+/)
                    .map((s) => s.trim())
                    .filter(Boolean),
                  trustedCert: draft.security !== 'none' && draft.trustedCert.trim() ? draft.trustedCert.trim() : null,
                },
              },
              { silent: true },
            )
          : await api.call(
              'notify.channels.save',
              { ...common, kind: 'webhook', config: { url: draft.url, secretHeader: draft.secretHeader } },
              { silent: true },
            );
      setMessage({ text: t('saved', { name: saved.name }) });
      setDraft(null);
      load();
    } catch (e) {
      const f = fieldErrors(e);
      setErrors(f);
      setMessage({ text: Object.values(f)[0] ?? (e as Error).message, error: true });
    }
  };
  /** A failed send in words (why, and what to do), then the server's own text for whoever sets it up. */
  const why = (error: string | null) => {
    const p = parseSendError(error);
    return p ? t('failure', { reason: t(`failures.${p.reason}`), detail: p.detail }) : '';
  };
  const test = async (c: NotifyChannel) => {
    setMessage(null);
    const r = await api.call('notify.channels.test', { id: c.id }).catch(() => null);
    if (r)
      setMessage(
        r.ok ? { text: t('testOk', { name: c.name }) } : { text: t('testFailed', { name: c.name, error: why(r.error) }), error: true },
      );
    load();
  };
  const err = (k: string) => errors[k] ?? errors[`config.${k}`];
  return (
    <section className="panel notify-section" data-testid="settings-notify">
      <h2>{t('title')}</h2>
      <p className="muted small">{t('help')}</p>
      {channels.length === 0 && <p className="muted">{t('none')}</p>}
      <ul className="notify-list">
        {channels.map((c) => (
          <li key={c.id} data-channel={c.name}>
            <strong>{c.name}</strong> · {t(`kinds.${c.kind}`)} {!c.enabled && <span className="chip">{t('disabled')}</span>}
            <span className="muted small">
              {' '}
              · {c.rules.kinds.map((k) => t(`alertKinds.${k}`, { ns: 'alerts' })).join(', ') || t('noKinds')}
              {c.lastDelivery &&
                ` · ${t(`status.${c.lastDelivery.status}`)} ${formatDateTime(c.lastDelivery.at)}${c.lastDelivery.error ? ` — ${why(c.lastDelivery.error)}` : ''}`}
            </span>{' '}
            <button type="button" className="link-button" onClick={() => void test(c)}>
              {t('test')}
            </button>{' '}
            <button type="button" className="link-button" onClick={() => setDraft(toDraft(c))}>
              {t('edit')}
            </button>{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => void api.call('notify.channels.remove', { id: c.id }).then(load, () => undefined)}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      {!draft && (
        <div className="form-actions">
          <button type="button" onClick={() => setDraft(blank('email'))}>
            {t('addEmail')}
          </button>
          <button type="button" onClick={() => setDraft(blank('webhook'))}>
            {t('addWebhook')}
          </button>
        </div>
      )}
      {draft && (
        <form
          className="notify-form"
          aria-label={t('formTitle')}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <div className="notify-grid">
            <label className="field">
              <span>{t('name')}</span>
              <input value={draft.name} onChange={(e) => set({ name: e.target.value })} />
              {err('name') && <span className="field-error">{err('name')}</span>}
            </label>
            <label className="field">
              <span>{t('language')}</span>
              <select value={draft.language} onChange={(e) => set({ language: e.target.value as Draft['language'] })}>
                <option value="fr">Français</option>
                <option value="en">English</option>
              </select>
            </label>
            {draft.kind === 'email' ? (
              <>
                <label className="field">
                  <span>{t('host')}</span>
                  <input value={draft.host} onChange={(e) => set({ host: e.target.value })} placeholder="smtp.example.com" />
                  {err('host') && <span className="field-error">{err('host')}</span>}
                </label>
                <label className="field">
                  <span>{t('port')}</span>
                  <input type="number" value={draft.port} onChange={(e) => set({ port: e.target.value })} />
                </label>
                <label className="field">
                  <span>{t('security')}</span>
                  <select value={draft.security} onChange={(e) => set({ security: e.target.value as Draft['security'] })}>
                    <option value="starttls">{t('securities.starttls')}</option>
                    <option value="tls">{t('securities.tls')}</option>
                    <option value="none">{t('securities.none')}</option>
                  </select>
                </label>
                <label className="field">
                  <span>{t('user')}</span>
                  <input value={draft.user} autoComplete="off" onChange={(e) => set({ user: e.target.value })} />
                </label>
                <label className="field">
                  <span>{t('password')}</span>
                  <input
                    type="password"
                    value={draft.secret}
                    autoComplete="new-password"
                    placeholder={draft.id ? t('unchanged') : ''}
                    onChange={(e) => set({ secret: e.target.value })}
                  />
                </label>
                <label className="field">
                  <span>{t('from')}</span>
                  <input value={draft.from} onChange={(e) => set({ from: e.target.value })} placeholder="opsdeck@example.com" />
                  {err('from') && <span className="field-error">{err('from')}</span>}
                </label>
                {draft.security !== 'none' && (
                  <label className="field wide cert-field">
                    <span>{t('trustedCert')}</span>
                    <textarea
                      value={draft.trustedCert}
                      rows={3}
                      spellCheck={false}
                      className="mono"
                      placeholder="-----BEGIN CERTIFICATE-----"
                      onChange={(e) => set({ trustedCert: e.target.value })}
                    />
                    <span className="muted small">{t('trustedCertHelp')}</span>
                    {err('trustedCert') && <span className="field-error">{err('trustedCert')}</span>}
                  </label>
                )}
                <label className="field wide">
                  <span>{t('to')}</span>
                  <input value={draft.to} onChange={(e) => set({ to: e.target.value })} placeholder="astreinte@example.com, …" />
                  {(err('to') ?? errors['config.to.0']) && <span className="field-error">{err('to') ?? errors['config.to.0']}</span>}
                </label>
              </>
            ) : (
              <>
                <label className="field wide">
                  <span>{t('url')}</span>
                  <input value={draft.url} onChange={(e) => set({ url: e.target.value })} placeholder="https://ntfy.sh/…" />
                  {err('url') && <span className="field-error">{err('url')}</span>}
                </label>
                <label className="field">
                  <span>{t('secretHeader')}</span>
                  <input value={draft.secretHeader} onChange={(e) => set({ secretHeader: e.target.value })} />
                </label>
                <label className="field">
                  <span>{t('secret')}</span>
                  <input
                    type="password"
                    value={draft.secret}
                    autoComplete="new-password"
                    placeholder={draft.id ? t('unchanged') : ''}
                    onChange={(e) => set({ secret: e.target.value })}
                  />
                </label>
              </>
            )}
          </div>
          <fieldset className="notify-rules">
            <legend>{t('rules')}</legend>
            {NOTIFY_KINDS.map((k) => (
              <label key={k}>
                <input
                  type="checkbox"
                  checked={draft.kinds.includes(k)}
                  onChange={(e) => set({ kinds: e.target.checked ? [...draft.kinds, k] : draft.kinds.filter((x) => x !== k) })}
                />{' '}
                {t(`alertKinds.${k}`, { ns: 'alerts' })}
              </label>
            ))}
            <label className="field">
              <span>{t('minSeverity')}</span>
              <select value={draft.minSeverity} onChange={(e) => set({ minSeverity: e.target.value as Draft['minSeverity'] })}>
                <option value="warning">{t('severities.warning')}</option>
                <option value="critical">{t('severities.critical')}</option>
              </select>
            </label>
            <label>
              <input type="checkbox" checked={draft.onClear} onChange={(e) => set({ onClear: e.target.checked })} /> {t('onClear')}
            </label>
            <label>
              <input type="checkbox" checked={draft.quiet} onChange={(e) => set({ quiet: e.target.checked })} /> {t('quiet')}
            </label>
            {draft.quiet && (
              <span className="quiet-hours">
                <label>
                  {t('quietFrom')} <input type="time" value={draft.quietStart} onChange={(e) => set({ quietStart: e.target.value })} />
                </label>{' '}
                <label>
                  {t('quietTo')} <input type="time" value={draft.quietEnd} onChange={(e) => set({ quietEnd: e.target.value })} />
                </label>
              </span>
            )}
            <label>
              <input type="checkbox" checked={draft.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('enabled')}
            </label>
          </fieldset>
          <div className="form-actions">
            <button type="submit" className="primary">
              {t('save')}
            </button>
            <button type="button" onClick={() => (setDraft(null), setErrors({}))}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {message && (
        <p className={message.error ? 'field-error' : 'notice'} role={message.error ? 'alert' : 'status'} data-testid="notify-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
