import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import type { TriggerSecretView } from '@shared/model/booth';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

/** Where the booth agent listens unless told otherwise (`opsdeck agent --listen`). */
const DEFAULT_LISTEN = '127.0.0.1:8787';

/**
 * The booth form's trigger secret (issue 12): the dslrBooth trigger URL with the booth's secret,
 * a new secret or none. Synced: the booth PC's listener takes the same one after its next sync.
 * Admins and installers only (the secret is theirs to see).
 */
export function TriggerSecret({ boothId }: { boothId: string }) {
  const { t } = useTranslation('fleet');
  const role = useSystem((s) => s.info?.user.role);
  const [view, setView] = useState<TriggerSecretView | null>(null);
  const [asking, setAsking] = useState<'new' | 'off' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const allowed = role === 'admin' || role === 'installer';
  useEffect(() => {
    if (!allowed) return;
    void api
      .call('booths.triggerSecret', { id: boothId }, { silent: true })
      .then(setView)
      .catch((e: unknown) => setError(localizeCoreMessage((e as Error).message)));
  }, [boothId, allowed]);
  if (!allowed) return null;
  const change = async (action: 'new' | 'off') => {
    setBusy(true);
    setError(null);
    try {
      setView(await api.call('booths.setTriggerSecret', { id: boothId, action }, { silent: true }));
      setAsking(null);
    } catch (e) {
      setError(e instanceof ApiError ? localizeCoreMessage(e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };
  // Replacing or removing a secret changes the URL dslrBooth must call: ask first.
  const ask = (action: 'new' | 'off') => (view?.secret ? setAsking(action) : void change(action));
  return (
    <section className="panel" aria-labelledby="trigger-secret-title" data-testid="trigger-secret">
      <h2 id="trigger-secret-title">{t('trigger.title')}</h2>
      {view && (
        <>
          <p>{view.secret ? t('trigger.withSecret') : t('trigger.noSecret')}</p>
          <p>
            <span className="muted">{t('trigger.url')}</span>{' '}
            <code data-testid="trigger-url">{`http://${DEFAULT_LISTEN}${view.path}`}</code>
          </p>
          <p className="help small muted">{t('trigger.help', { listen: DEFAULT_LISTEN })}</p>
          {asking ? (
            <div className="form-actions" role="group" aria-label={t('trigger.confirmTitle')}>
              <p>{asking === 'new' ? t('trigger.confirmNew') : t('trigger.confirmOff')}</p>
              <button className="primary" disabled={busy} onClick={() => void change(asking)} data-testid="trigger-confirm">
                {asking === 'new' ? t('trigger.confirmNewButton') : t('trigger.confirmOffButton')}
              </button>
              <button disabled={busy} onClick={() => setAsking(null)}>
                {t('trigger.cancel')}
              </button>
            </div>
          ) : (
            <div className="form-actions">
              <button disabled={busy} onClick={() => ask('new')} data-testid="trigger-new">
                {view.secret ? t('trigger.replace') : t('trigger.add')}
              </button>
              {view.secret && (
                <button disabled={busy} onClick={() => ask('off')} data-testid="trigger-off">
                  {t('trigger.remove')}
                </button>
              )}
            </div>
          )}
        </>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
