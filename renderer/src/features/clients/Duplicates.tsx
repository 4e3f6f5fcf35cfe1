import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { formatDate } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import type { Output } from '@shared/contract';
import { ClientsNav, CLIENT_TABLES } from './nav';

/** The merge screen: groups of clients sharing an e-mail or a phone; pick the one to keep, merge the other into it. */
export function Duplicates() {
  const { t } = useTranslation('clients');
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  const [groups, setGroups] = useState<Output<'clients.duplicates'> | null>(null);
  const [keep, setKeep] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(CLIENT_TABLES, () => setReload((n) => n + 1)), []);
  useEffect(() => void api.call('clients.duplicates', {}, { silent: true }).then(setGroups, () => setGroups([])), [reload]);
  const merge = (keepId: string, mergeId: string) =>
    void api.call('clients.merge', { keepId, mergeId }).then(
      (r) => {
        // Each count with its own plural ("0 événement", "2 devis"), in one sentence.
        const m = r.moved;
        const list = [
          t('dup.movedQuotes', { count: m.quotes }),
          t('dup.movedEvents', { count: m.events }),
          t('dup.movedOrders', { count: m.orders }),
          t('dup.movedRegistrations', { count: m.registrations }),
          t('dup.movedContacts', { count: m.contacts }),
        ].join(', ');
        setDone(t('dup.merged', { list }));
        setReload((n) => n + 1);
      },
      () => undefined,
    );
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('dup.title')}</h1>
        <p className="muted">{t('dup.help')}</p>
      </header>
      <ClientsNav current="duplicates" />
      {done && (
        <p className="notice" role="status">
          {done}
        </p>
      )}
      {groups && groups.length === 0 && <p className="muted">{t('dup.none')}</p>}
      {groups?.map((g) => {
        const k = `${g.reason}:${g.key}`;
        const keepId = keep[k] ?? g.clients[0]!.id;
        const kept = g.clients.find((c) => c.id === keepId)!;
        return (
          <section key={k} className="panel history-section" data-testid="duplicate-group">
            <h2>
              {t(`dup.reason.${g.reason}`)} · {g.key}
            </h2>
            <table className="table">
              <thead>
                <tr>
                  <th>{t('dup.keep')}</th>
                  <th>{t('cols.name')}</th>
                  <th>{t('cols.contact')}</th>
                  <th>{t('cols.stage')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {g.clients.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <input
                        type="radio"
                        name={`keep-${k}`}
                        aria-label={`${t('dup.keep')} ${c.name}`}
                        checked={c.id === keepId}
                        onChange={() => setKeep((p) => ({ ...p, [k]: c.id }))}
                      />
                    </td>
                    <td>
                      <a href={`#/clients/${c.id}`}>{c.name}</a>
                      <div className="muted small">{formatDate(c.createdAt)}</div>
                    </td>
                    <td>
                      {c.email} {c.phone && <div className="muted small">{c.phone}</div>}
                    </td>
                    <td>{t(`stages.${c.stage}`)}</td>
                    <td>
                      {isAdmin && c.id !== keepId && (
                        <button
                          type="button"
                          onClick={() => window.confirm(t('dup.confirm', { gone: c.name, keep: kept.name })) && merge(keepId, c.id)}
                        >
                          {t('dup.merge', { name: kept.name })}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}
