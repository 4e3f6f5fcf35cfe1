import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { api, ApiError } from '@renderer/api';
import { formatDateTime, formatNumber } from '@renderer/i18n/format';
import type { KioskView } from '@shared/contract/agent';
import { PaperGauge } from '../fleet/PaperGauge';
import { StatusDot } from '../fleet/BoothCard';
import '../fleet/fleet.css';

/**
 * The booth's own screen (the Electron shell owns the locked kiosk window). Reads the local
 * database only, so it keeps working offline. Paper reload needs the operator PIN first.
 */
export default function KioskPage({ route }: { route: string[] }) {
  const { t } = useTranslation('kiosk');
  const [view, setView] = useState<KioskView | null>(null);
  const [pin, setPin] = useState('');
  const [asking, setAsking] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const booth = route[0];
  const load = useCallback(() => void api.call('agent.kioskView', { booth }, { silent: true }).then(setView, () => undefined), [booth]);
  useEffect(() => {
    load();
    const offs = [api.subscribe('booth.countersChanged', load), api.subscribe('fleet.statusChanged', load)];
    const poll = setInterval(load, 5000);
    return () => {
      offs.forEach((o) => o());
      clearInterval(poll);
    };
  }, [load]);
  if (!view) return <div className="kiosk" aria-busy="true" />;
  const b = view.booth;
  if (!b)
    return (
      <div className="kiosk">
        <h1>{t('noBooth')}</h1>
        <p className="muted">{t('noBoothHelp')}</p>
      </div>
    );
  const ev = view.currentEvent;
  const reload = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null);
    try {
      const r = await api.call('kiosk.unlock', { pin }, { silent: true });
      if (!r.allowed) {
        setMessage(
          r.retryAfterMs ? t('locked', { s: Math.ceil(r.retryAfterMs / 1000) }) : r.attemptsLeft === null ? t('noPin') : t('wrongPin'),
        );
        return;
      }
      await api.call('booths.reloadPaper', { booth: b.id }, { silent: true });
      setAsking(false);
      setPin('');
      setMessage(t('reloaded'));
      load();
    } catch (err) {
      setMessage(localizeCoreMessage(err instanceof ApiError ? err.message : String(err)));
    }
  };
  return (
    <div className="kiosk">
      <header>
        <h1>{b.name}</h1>
        <p className="kiosk-event">{ev ? t('event', { client: ev.clientName, end: formatDateTime(ev.endsAt) }) : t('noEvent')}</p>
      </header>
      <div className="kiosk-grid">
        <section className="panel">
          <h2>{t('paper')}</h2>
          <PaperGauge booth={b} large />
          <p className="muted">{t('copiesLeft', { n: formatNumber(view.copiesLeft ?? 0) })}</p>
          {!asking ? (
            <button type="button" onClick={() => setAsking(true)}>
              {t('reload')}
            </button>
          ) : (
            <form className="pin-pad" onSubmit={(e) => void reload(e)}>
              <label htmlFor="kiosk-pin">{t('pin')}</label>
              <input
                id="kiosk-pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                value={pin}
                onChange={(e) => setPin(e.target.value.replace(/\D/g, ''))}
              />
              <button type="submit" className="primary" disabled={pin.length < 4}>
                {t('confirmReload', { n: b.rollCapacity })}
              </button>
              <button
                type="button"
                onClick={() => {
                  setAsking(false);
                  setPin('');
                }}
              >
                {t('cancel')}
              </button>
            </form>
          )}
          {message && <p role="status">{message}</p>}
        </section>
        <section className="panel">
          <h2>{t('counters')}</h2>
          <div className="counters">
            <div>
              <strong>{formatNumber(ev?.totals.sessions ?? 0)}</strong>
              {t('sessions')}
            </div>
            <div>
              <strong>{formatNumber(ev?.totals.prints ?? 0)}</strong>
              {t('prints')}
            </div>
            <div>
              <strong>{formatNumber((ev?.totals.digital ?? 0) + (ev?.totals.gifs ?? 0))}</strong>
              {t('digital')}
            </div>
          </div>
        </section>
      </div>
      <footer>
        <span>
          <StatusDot status={b.status} />
          {t(`status.${b.status}`)}
        </span>
        <span>
          {t('agent')}: {view.agent.running ? view.agent.listen : t('agentOff')}
        </span>
        <span>
          {t('lastTrigger')}: {view.lastTriggerAt ? formatDateTime(view.lastTriggerAt) : '—'}
        </span>
        <span>
          {t('lastSync')}: {view.lastSyncAt ? formatDateTime(view.lastSyncAt) : t('never')}
        </span>
      </footer>
    </div>
  );
}
