import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystem } from '../stores/system';
import { navigate } from './router';
import { JoinForm } from './JoinTeam';

/**
 * First start on an empty database: a newcomer sees a living app (demo), starts a real business
 * (empty, then the guided set-up), or joins a team that already works through a hub.
 */
export function FirstRunDialog() {
  const { t } = useTranslation('common');
  const setup = useSystem((s) => s.setup);
  const [busy, setBusy] = useState(false);
  const [joining, setJoining] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const choose = async (choice: 'demo' | 'empty') => {
    setBusy(true);
    try {
      await setup(choice);
      if (choice === 'empty') navigate('setup', 'business');
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog ref={ref} className="dialog" aria-labelledby="first-run-title" onCancel={(e) => e.preventDefault()}>
      <h2 id="first-run-title">{t('firstRun.title')}</h2>
      {joining ? (
        <JoinForm onBack={() => setJoining(false)} />
      ) : (
        <>
          <p>{t('firstRun.body')}</p>
          {busy ? (
            <p role="status" className="muted">
              {t('firstRun.working')}
            </p>
          ) : (
            <div className="dialog-actions">
              <button type="button" className="primary" onClick={() => void choose('demo')} autoFocus>
                {t('firstRun.demo')}
              </button>
              <button type="button" onClick={() => void choose('empty')}>
                {t('firstRun.empty')}
              </button>
              <button type="button" onClick={() => setJoining(true)}>
                {t('firstRun.join')}
              </button>
            </div>
          )}
        </>
      )}
    </dialog>
  );
}
