import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { EventStaff, SiteRole } from '@shared/model/staffing';

/**
 * Who works the event (issue 18, item 6): the crew with their role on site; an admin assigns an
 * installer (picked from the known profiles) and takes them off. The installer's device then shows
 * this event's client, and no client of the events they do not work.
 */
export function StaffPanel({ eventId }: { eventId: string }) {
  const { t } = useTranslation('events');
  const role = useSystem((s) => s.info?.user.role);
  const isAdmin = role === 'admin';
  const [view, setView] = useState<EventStaff | null>(null);
  const [pick, setPick] = useState('');
  const [siteRole, setSiteRole] = useState<SiteRole>('crew');
  const load = useCallback(
    () => void api.call('staffing.forEvent', { eventId }, { silent: true }).then(setView, () => setView(null)),
    [eventId],
  );
  useEffect(() => {
    load();
    return onDataChanged(['event_staff', 'users'], load);
  }, [load]);
  useEffect(() => {
    // The first candidate is proposed; after an assignment, the next one.
    if (view && !view.candidates.some((c) => c.userId === pick)) setPick(view.candidates[0]?.userId ?? '');
  }, [view, pick]);
  if (!view) return null;
  const assign = () => {
    if (!pick) return;
    void api.call('staffing.assign', { eventId, userId: pick, siteRole }).then(setView, () => undefined);
  };
  return (
    <section className="panel staff-panel" aria-labelledby={`staff-${eventId}`} data-testid="event-staff">
      <h2 id={`staff-${eventId}`}>{t('staff.title')}</h2>
      {view.staff.length === 0 ? (
        // An installer reads the crew of their own events only: empty means "not yours", not "nobody".
        <p className="muted">{role === 'installer' ? t('staff.notMine') : t('staff.none')}</p>
      ) : (
        <ul className="staff-list">
          {view.staff.map((s) => (
            <li key={s.userId} data-user={s.displayName}>
              <strong>{s.displayName}</strong> <span className="chip">{t(`staff.siteRoles.${s.siteRole}`)}</span>{' '}
              <span className="muted small">{t(`roles.${s.role}`, { ns: 'common' })}</span>
              {isAdmin && (
                <button
                  type="button"
                  className="link-button"
                  aria-label={t('staff.removeWho', { name: s.displayName })}
                  onClick={() => void api.call('staffing.remove', { eventId, userId: s.userId }).then(setView, () => undefined)}
                >
                  {t('staff.remove')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {isAdmin &&
        (view.candidates.length === 0 ? (
          <p className="muted small">{t('staff.noCandidates')}</p>
        ) : (
          <div className="form-actions staff-add">
            <label htmlFor={`staff-pick-${eventId}`}>{t('staff.person')}</label>
            <select id={`staff-pick-${eventId}`} value={pick} onChange={(e) => setPick(e.target.value)}>
              {view.candidates.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.displayName}
                </option>
              ))}
            </select>
            <label htmlFor={`staff-role-${eventId}`}>{t('staff.siteRole')}</label>
            <select id={`staff-role-${eventId}`} value={siteRole} onChange={(e) => setSiteRole(e.target.value as SiteRole)}>
              <option value="crew">{t('staff.siteRoles.crew')}</option>
              <option value="lead">{t('staff.siteRoles.lead')}</option>
            </select>
            <button type="button" className="primary" onClick={assign} disabled={!pick}>
              {t('staff.assign')}
            </button>
          </div>
        ))}
      <p className="muted small">{t('staff.hint')}</p>
    </section>
  );
}
