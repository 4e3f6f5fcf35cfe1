import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endOfDay, startOfDay } from 'date-fns';
import { api } from '@renderer/api';
import { formatDate } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { formatMoney } from '@shared/model/money';
import type { Output } from '@shared/contract';

/** Dashboard tile: the leads' next actions due by tonight (late ones flagged). */
export function DueTodayTile() {
  const { t } = useTranslation('clients');
  const [items, setItems] = useState<Output<'pipeline.due'> | null>(null);
  const [reload, setReload] = useState(0);
  useEffect(() => onDataChanged(['clients'], () => setReload((n) => n + 1)), []);
  useEffect(
    () => void api.call('pipeline.due', { until: endOfDay(new Date()).getTime() }, { silent: true }).then(setItems, () => setItems([])),
    [reload],
  );
  if (!items) return <section className="tile" aria-busy="true" />;
  const today = startOfDay(new Date()).getTime();
  return (
    <section className="tile" data-testid="due-today-tile">
      <h2>
        <a href="#/clients/pipeline">{t('due.title')}</a>
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t('due.none')}</p>
      ) : (
        <ul className="activity">
          {items.slice(0, 6).map((c) => (
            <li key={c.id}>
              <a href={`#/clients/${c.id}`}>{c.name}</a> · {c.nextAction ?? t(`stages.${c.stage}`)}
              {c.nextActionAt && c.nextActionAt < today && (
                <>
                  {' '}
                  <span className="chip small stage-lost">{t('due.late')}</span>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Dashboard tile: the latest customer orders (the office's: admins and viewers). */
export function RecentOrdersTile() {
  const { t, i18n } = useTranslation('clients');
  const { t: tq } = useTranslation('quotes');
  const role = useSystem((s) => s.info?.user.role);
  const [items, setItems] = useState<Output<'orders.list'> | null>(null);
  const [reload, setReload] = useState(0);
  const office = role === 'admin' || role === 'viewer';
  useEffect(() => onDataChanged(['customer_orders'], () => setReload((n) => n + 1)), []);
  useEffect(() => {
    if (office) void api.call('orders.list', { limit: 5 }, { silent: true }).then(setItems, () => setItems([]));
  }, [reload, office]);
  if (!office) return null;
  if (!items) return <section className="tile" aria-busy="true" />;
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  return (
    <section className="tile" data-testid="recent-orders-tile">
      <h2>
        <a href="#/quotes/orders">{t('recentOrders.title')}</a>
      </h2>
      {items.length === 0 ? (
        <p className="muted">{t('recentOrders.none')}</p>
      ) : (
        <ul className="activity">
          {items.map((o) => (
            <li key={o.id}>
              <a href={`#/quotes/orders/${o.id}`}>{o.number}</a> · {o.clientName} · {formatMoney(o.totalTtc, lang)} ·{' '}
              <span className="muted small">
                {tq(`orderStatuses.${o.status}`)}, {formatDate(o.orderedAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
