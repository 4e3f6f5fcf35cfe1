import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSystem } from '@renderer/stores/system';
import { useSetup } from './useSetup';
import './setup.css';

/** Dashboard tile: what is left until the business is fully set up (gone once nothing is left). */
export function SetupChecklistTile() {
  const { t } = useTranslation('setup');
  const { status, load } = useSetup();
  const dataVersion = useSystem((s) => s.dataVersion);
  useEffect(() => void load().catch(() => undefined), [load, dataVersion]);
  // The demo and a device that joined a team are already set up; the checklist is for day one.
  if (!status || status.remaining === 0 || status.start !== 'empty') return null;
  const done = status.steps.filter((s) => s.done).length;
  return (
    <article className="tile tile-wide setup-checklist" aria-labelledby="tile-setup" data-testid="setup-checklist">
      <h2 id="tile-setup">{t('checklist.title')}</h2>
      <p className="muted">{t('checklist.progress', { done, total: status.steps.length, count: status.remaining })}</p>
      <ul>
        {status.steps
          .filter((s) => !s.skipped)
          .map((s) => (
            <li key={s.id} className={s.done ? 'done' : undefined}>
              {s.done ? '✓ ' : '○ '}
              {s.done ? t(`steps.${s.id}.title`) : <a href={`#/setup/${s.id}`}>{t(`steps.${s.id}.title`)}</a>}
              {s.optional && !s.done && <span className="muted small"> · {t('optional')}</span>}
            </li>
          ))}
      </ul>
      <p>
        <a href="#/setup">{t('checklist.open')}</a>
      </p>
    </article>
  );
}

/** Settings panel: the business profile and the set-up (every skipped step is reachable from here). */
export function SetupSettingsSection() {
  const { t } = useTranslation('setup');
  const { status, business, load } = useSetup();
  useEffect(() => void load().catch(() => undefined), [load]);
  return (
    <section className="panel" data-testid="settings-setup">
      <h2>{t('settings.title')}</h2>
      {business ? (
        <ul className="plain">
          <li>
            <strong>{business.name}</strong>
          </li>
          {business.vatNumber && <li>{t('settings.field', { label: t('business.vatNumber'), value: business.vatNumber })}</li>}
          <li>{t('settings.field', { label: t('business.currency'), value: business.currency })}</li>
        </ul>
      ) : (
        <p className="muted">{t('settings.noBusiness')}</p>
      )}
      <p className="muted small">
        {status
          ? status.remaining
            ? t('checklist.progress', {
                done: status.steps.filter((s) => s.done).length,
                total: status.steps.length,
                count: status.remaining,
              })
            : t('settings.complete')
          : ''}
      </p>
      <ul className="plain">
        {status?.steps
          .filter((s) => s.skipped || !s.done)
          .map((s) => (
            <li key={s.id}>
              <a href={`#/setup/${s.id}`}>{t(`steps.${s.id}.title`)}</a>
              {s.skipped && <span className="muted small"> · {t('skipped')}</span>}
            </li>
          ))}
      </ul>
      <p>
        <a href="#/setup/business">{t('settings.edit')}</a>
      </p>
    </section>
  );
}
