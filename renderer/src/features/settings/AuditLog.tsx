import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDateTime } from '@renderer/i18n/format';
import { auditActionLabel, auditTarget } from './auditAction';
import { appendOlder, refreshNewest, type AuditView } from './auditPages';

export function AuditLog() {
  const { t } = useTranslation('settings');
  const [view, setView] = useState<AuditView>({ items: [], next: null });
  const [loaded, setLoaded] = useState(false);
  const load = useCallback(async (before?: number, beforeId?: string) => {
    const page = await api.call('audit.list', { limit: 50, before, beforeId });
    setView((cur) => (before === undefined ? refreshNewest(cur, page) : appendOlder(cur, page)));
    setLoaded(true);
  }, []);
  const { items, next, nextId } = view;
  useEffect(() => {
    void load().catch(() => setLoaded(true));
    const off = api.subscribe('audit.appended', () => void load().catch(() => undefined));
    return off;
  }, [load]);
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('audit')}</h2>
      <p className="help">{t('auditHelp')}</p>
      {loaded && items.length === 0 ? (
        <p className="muted">{t('auditEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table" data-testid="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('when')}</th>
                <th scope="col">{t('who')}</th>
                <th scope="col">{t('action')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((a) => (
                <tr key={a.id}>
                  <td>{formatDateTime(a.at)}</td>
                  <td>{a.userName ?? '—'}</td>
                  <td>{auditActionLabel(t, a.action, a.details)}</td>
                  <td>{auditTarget(a) ?? '—'}</td>
                  <td>
                    <span className={`badge badge-${a.outcome}`}>{t(`outcomes.${a.outcome}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <button type="button" onClick={() => void load(next, nextId ?? undefined)}>
          {t('common:loadMore')}
        </button>
      )}
    </section>
  );
}
