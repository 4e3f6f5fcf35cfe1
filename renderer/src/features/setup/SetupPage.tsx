import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { useSystem } from '@renderer/stores/system';
import { SETUP_STEPS, type SetupStepId } from '@shared/model/business';
import type { User } from '@shared/model/user';
import { LocationsPanel } from '../stock/LocationsPanel';
import { ImportWizard } from '../stock/ImportWizard';
import { BusinessForm } from './BusinessForm';
import { useSetup } from './useSetup';
import './setup.css';

const IMPORT_KIND = { products: 'products', services: 'services', openingStock: 'movements', sales: 'sales' } as const;

/**
 * #/setup/<step>: the guided set-up after "start empty" — business, first admin, locations, then
 * optional steps (imports, hub, Notion, booths), each skippable and reachable later from Settings.
 */
export default function SetupPage({ route }: { route: string[] }) {
  const { t } = useTranslation('setup');
  const { status, business, load, skip } = useSetup();
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  useEffect(() => void load().catch(() => undefined), [load]);
  const step = (SETUP_STEPS as readonly string[]).includes(route[0] ?? '')
    ? (route[0] as SetupStepId)
    : route[0] === 'done'
      ? 'done'
      : 'business';
  const index = step === 'done' ? SETUP_STEPS.length : SETUP_STEPS.indexOf(step);
  const next = () => navigate('setup', SETUP_STEPS[index + 1] ?? 'done');
  const info = status?.steps.find((s) => s.id === step);
  const goOn = async () => {
    await load();
    next();
  };

  return (
    <div className="page setup-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </header>
      <div className="setup-layout">
        <nav className="setup-steps" aria-label={t('stepsLabel')}>
          <ol>
            {SETUP_STEPS.map((id, i) => {
              const s = status?.steps.find((x) => x.id === id);
              const mark = s?.done ? '✓' : s?.skipped ? '–' : String(i + 1);
              return (
                <li
                  key={id}
                  aria-current={id === step ? 'step' : undefined}
                  className={s?.done ? 'done' : s?.skipped ? 'skipped' : undefined}
                >
                  <a href={`#/setup/${id}`} data-testid={`setup-step-${id}`}>
                    <span className="setup-mark" aria-hidden="true">
                      {mark}
                    </span>
                    {t(`steps.${id}.title`)}
                    {s?.optional && <span className="muted small"> · {t('optional')}</span>}
                  </a>
                </li>
              );
            })}
          </ol>
        </nav>
        <section className="panel setup-body" aria-labelledby="setup-step-title" data-testid="setup-body">
          {step === 'done' ? (
            <>
              <h2 id="setup-step-title">{status && status.remaining > 0 ? t('done.almost') : t('done.title')}</h2>
              <p>{status && status.remaining > 0 ? t('done.remaining', { count: status.remaining }) : t('done.body')}</p>
              <div className="form-actions">
                <button type="button" className="primary" onClick={() => navigate('dashboard')} data-testid="setup-finish">
                  {t('done.dashboard')}
                </button>
              </div>
            </>
          ) : (
            <>
              <h2 id="setup-step-title">
                {t('stepOf', { n: index + 1, total: SETUP_STEPS.length })} — {t(`steps.${step}.title`)}
                {info?.done && <span className="chip ok small">{t('doneChip')}</span>}
              </h2>
              <p className="muted">{t(`steps.${step}.help`)}</p>
              {!isAdmin && <p className="notice">{t('adminsOnly')}</p>}
              {/* Shown once the stored profile is read (with it): a form opened before it came stayed
                  empty after a reload, and saving it again would have cleared the address. */}
              {step === 'business' && status && (
                <BusinessForm
                  key={business ? 'stored' : 'new'}
                  initial={business}
                  submitLabel={t('saveContinue')}
                  onSaved={() => void goOn()}
                />
              )}
              {step === 'admin' && <AdminStep onContinue={() => void goOn()} />}
              {step === 'locations' && (
                <>
                  <LocationsPanel title={false} onChanged={() => void load()} />
                  <MainWarehouse />
                </>
              )}
              {step in IMPORT_KIND && (
                <ImportWizard
                  key={step}
                  initialKind={IMPORT_KIND[step as keyof typeof IMPORT_KIND]}
                  fixedKind
                  onImported={() => void load()}
                />
              )}
              {step === 'hub' && (
                <p>
                  <a href="#/sync" className="button">
                    {t('steps.hub.open')}
                  </a>
                </p>
              )}
              {step === 'notion' && (
                <p>
                  <a href="#/settings" className="button">
                    {t('steps.notion.open')}
                  </a>
                </p>
              )}
              {step === 'booths' && (
                <p>
                  <a href="#/fleet" className="button">
                    {t('steps.booths.open')}
                  </a>
                </p>
              )}
              {step !== 'business' && step !== 'admin' && (
                <div className="form-actions setup-actions">
                  {info?.optional && !info.done && isAdmin && (
                    <button type="button" data-testid="setup-skip" onClick={() => void skip(step).then(next)}>
                      {t('skip')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="primary"
                    data-testid="setup-continue"
                    disabled={!info?.optional && !info?.done}
                    onClick={() => void goOn()}
                  >
                    {t('continue')}
                  </button>
                </div>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

function AdminStep({ onContinue }: { onContinue: () => void }) {
  const { t } = useTranslation(['setup', 'common']);
  const [admins, setAdmins] = useState<User[] | null>(null);
  useEffect(() => {
    api.call('users.list', {}, { silent: true }).then(
      (u) => setAdmins(u.filter((x) => x.role === 'admin' && x.active)),
      () => setAdmins([]),
    );
  }, []);
  return (
    <>
      {admins && (
        <ul className="plain" data-testid="setup-admins">
          {admins.map((a) => (
            <li key={a.id}>
              <strong>{a.displayName}</strong>
              {a.email ? ` · ${a.email}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p className="muted small">{t('steps.admin.more')}</p>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="setup-continue" onClick={onContinue}>
          {t('continue')}
        </button>
      </div>
    </>
  );
}

/** Which warehouse orders, receipts and entries go to by default (the business-wide main warehouse). */
function MainWarehouse() {
  const { t } = useTranslation('setup');
  const [state, setState] = useState<{ options: Array<{ id: string; name: string }>; current: string | null } | null>(null);
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  const load = async () => {
    const [locs, main] = await Promise.all([
      api.call('stock.locations.list', {}, { silent: true }),
      api.call('stock.mainWarehouse.get', {}, { silent: true }),
    ]);
    setState({ options: locs.filter((l) => l.kind === 'warehouse' && l.active), current: main?.locationId ?? null });
  };
  useEffect(() => {
    void load().catch(() => undefined);
    const id = setInterval(() => void load().catch(() => undefined), 2000);
    return () => clearInterval(id);
  }, []);
  if (!state || state.options.length === 0) return null;
  return (
    <label className="setup-main-warehouse">
      <span>{t('steps.locations.main')}</span>
      <select
        value={state.current ?? ''}
        disabled={!isAdmin}
        data-testid="setup-main-warehouse"
        onChange={(e) => void api.call('stock.mainWarehouse.set', { locationId: e.target.value }).then(load)}
      >
        {state.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
