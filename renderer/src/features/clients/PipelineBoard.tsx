import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDate, formatPercent } from '@renderer/i18n/format';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { STAGES, type Client, type Stage } from '@shared/model/crm';
import type { Output } from '@shared/contract';
import { ClientsNav, CLIENT_TABLES } from './nav';
import { LostReasonDialog } from './ClientDetail';
import { LostReason } from './LostReason';

/** A stats month ('2026-12') as the reader says it: 'déc. 2026', 'Dec 2026'. */
function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return y && m ? formatDate(new Date(y, m - 1, 1), { month: 'short', year: 'numeric' }) : month;
}

/** The pipeline as a board: a column per stage; drag a card, or focus it and press ← / →. */
export function PipelineBoard() {
  const { t } = useTranslation('clients');
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  const role = useSystem((s) => s.info?.user.role);
  const [items, setItems] = useState<Client[]>([]);
  const [stats, setStats] = useState<Output<'pipeline.stats'>>([]);
  const [reload, setReload] = useState(0);
  const [over, setOver] = useState<Stage | null>(null);
  const [pendingLost, setPendingLost] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const cards = useRef(new Map<string, HTMLLIElement>());
  useEffect(() => onDataChanged(CLIENT_TABLES, () => setReload((n) => n + 1)), []);
  useEffect(() => {
    void api.call('clients.list', { limit: 5000 }, { silent: true }).then(
      (all) => setItems(all.filter((c) => c.kind === 'company' || !c.companyId)),
      () => undefined,
    );
    if (role !== 'installer') void api.call('pipeline.stats', { months: 12 }, { silent: true }).then(setStats, () => undefined);
  }, [reload, role]);
  useEffect(() => {
    if (focusId) cards.current.get(focusId)?.focus();
  }, [items, focusId]);

  const move = (id: string, stage: Stage, lostReason?: string) => {
    const c = items.find((x) => x.id === id);
    if (!c || c.stage === stage) return;
    if (stage === 'lost' && !lostReason) return setPendingLost(id);
    setItems((all) => all.map((x) => (x.id === id ? { ...x, stage, lostReason: lostReason ?? x.lostReason } : x))); // optimistic; the change feed confirms
    void api.call('pipeline.move', { id, stage, lostReason }).then(
      () => setReload((n) => n + 1),
      () => setReload((n) => n + 1),
    );
  };
  const onKey = (e: KeyboardEvent, c: Client) => {
    const i = STAGES.indexOf(c.stage);
    if (e.key === 'Enter') navigate('clients', c.id);
    if (!isAdmin) return;
    if (e.key === 'ArrowRight' && i < STAGES.length - 1) {
      e.preventDefault();
      setFocusId(c.id);
      move(c.id, STAGES[i + 1]!);
    }
    if (e.key === 'ArrowLeft' && i > 0) {
      e.preventDefault();
      setFocusId(c.id);
      move(c.id, STAGES[i - 1]!);
    }
  };
  const chart = useMemo(() => {
    const byMonth = new Map<string, { month: string; leads: number; booked: number; lost: number }>();
    for (const s of stats) {
      const m = byMonth.get(s.month) ?? { month: s.month, leads: 0, booked: 0, lost: 0 };
      m.leads += s.leads;
      m.booked += s.booked;
      m.lost += s.lost;
      byMonth.set(s.month, m);
    }
    return [...byMonth.values()].map((m) => ({ ...m, label: monthLabel(m.month) }));
  }, [stats]);
  return (
    <div className="page">
      <header className="page-header">
        <h1>{t('board.title')}</h1>
        <p className="muted">{t('board.help')}</p>
      </header>
      <ClientsNav current="pipeline" />
      {pendingLost && (
        <LostReasonDialog
          onConfirm={(r) => {
            move(pendingLost, 'lost', r);
            setPendingLost(null);
          }}
          onCancel={() => setPendingLost(null)}
        />
      )}
      <div className="board" data-testid="pipeline-board">
        {STAGES.map((stage) => {
          const col = items.filter((c) => c.stage === stage);
          return (
            <section
              key={stage}
              className={`board-col${over === stage ? ' drop-target' : ''}`}
              aria-label={t(`stages.${stage}`)}
              data-stage={stage}
              onDragOver={(e) => {
                if (!isAdmin) return;
                e.preventDefault();
                setOver(stage);
              }}
              onDragLeave={() => setOver((s) => (s === stage ? null : s))}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const id = e.dataTransfer.getData('text/plain');
                if (id) move(id, stage);
              }}
            >
              <h2>
                <span>{t(`stages.${stage}`)}</span> <span>{col.length}</span>
              </h2>
              <ul className="board-cards">
                {col.map((c) => {
                  const i = STAGES.indexOf(c.stage);
                  return (
                    <li
                      key={c.id}
                      ref={(el) => {
                        if (el) cards.current.set(c.id, el);
                        else cards.current.delete(c.id);
                      }}
                      className="board-card"
                      tabIndex={0}
                      draggable={isAdmin}
                      aria-label={
                        c.stage === 'lost' && c.lostReason
                          ? t('board.cardLost', { name: c.name, stage: t(`stages.${c.stage}`), reason: c.lostReason })
                          : t('board.card', { name: c.name, stage: t(`stages.${c.stage}`) })
                      }
                      data-client={c.name}
                      onDragStart={(e) => e.dataTransfer.setData('text/plain', c.id)}
                      onKeyDown={(e) => onKey(e, c)}
                      onDoubleClick={() => navigate('clients', c.id)}
                    >
                      <a href={`#/clients/${c.id}`} tabIndex={-1}>
                        {c.name}
                      </a>
                      {c.stage === 'lost' && <LostReason reason={c.lostReason} />}
                      {c.nextAction && <div className="small">{c.nextAction}</div>}
                      {c.nextActionAt && <div className="muted small">{formatDate(c.nextActionAt)}</div>}
                      {c.source && <div className="muted small">{c.source}</div>}
                      {isAdmin && (
                        <div className="card-actions">
                          <button
                            type="button"
                            aria-label={t('board.moveLeft')}
                            disabled={i === 0}
                            onClick={() => move(c.id, STAGES[i - 1]!)}
                            tabIndex={-1}
                          >
                            ←
                          </button>
                          <button
                            type="button"
                            aria-label={t('board.moveRight')}
                            disabled={i === STAGES.length - 1}
                            onClick={() => move(c.id, STAGES[i + 1]!)}
                            tabIndex={-1}
                          >
                            →
                          </button>
                        </div>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          );
        })}
      </div>
      {role !== 'installer' && (
        <section className="panel history-section">
          <h2>{t('board.conversion')}</h2>
          {stats.length === 0 ? (
            <p className="muted">{t('board.noStats')}</p>
          ) : (
            <>
              <div className="chart-box">
                <ResponsiveContainer width="100%" height="100%">
                  <BarChart data={chart}>
                    <CartesianGrid strokeDasharray="3 3" />
                    <XAxis dataKey="label" />
                    <YAxis allowDecimals={false} />
                    <Tooltip />
                    <Legend itemSorter={null} />
                    <Bar isAnimationActive={false} dataKey="leads" name={t('board.leads')} fill="#7b8bb5" />
                    <Bar isAnimationActive={false} dataKey="booked" name={t('board.booked')} fill="#1c7c43" />
                    <Bar isAnimationActive={false} dataKey="lost" name={t('board.lost')} fill="#c02a2a" />
                  </BarChart>
                </ResponsiveContainer>
              </div>
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('board.month')}</th>
                    <th>{t('fields.source')}</th>
                    <th className="num">{t('board.leads')}</th>
                    <th className="num">{t('board.booked')}</th>
                    <th className="num">{t('board.lost')}</th>
                    <th className="num">{t('board.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {stats.map((s) => (
                    <tr key={`${s.month}-${s.source}`}>
                      <td>{monthLabel(s.month)}</td>
                      <td>{s.source || t('board.noSource')}</td>
                      <td className="num">{s.leads}</td>
                      <td className="num">{s.booked}</td>
                      <td className="num">{s.lost}</td>
                      <td className="num">{formatPercent(s.leads ? s.booked / s.leads : 0)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
    </div>
  );
}
