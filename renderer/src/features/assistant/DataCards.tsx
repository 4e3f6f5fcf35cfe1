import { useTranslation } from 'react-i18next';
import { currentLocale } from '@renderer/i18n/format';
import type { DataCard } from '@shared/model/assistant';
import { cardCell } from './format';

/** The data an answer used: which tool, which rows, and the screen that shows the same data. */
export function DataCards({ cards }: { cards: DataCard[] }) {
  const { t } = useTranslation('assistant');
  if (!cards.length) return null;
  return (
    <details className="as-cards" open>
      <summary>
        {t('cards.title')} ({cards.length})
      </summary>
      {cards.map((c, i) => (
        <section key={i} className="as-card" data-testid="data-card" data-tool={c.tool}>
          <header>
            <strong>{t(`cards.tool.${c.tool}`, { defaultValue: c.tool })}</strong>
            <span className="muted small"> · {c.error ?? t('cards.rows', { count: c.total })}</span>
            {c.link && (
              <a className="as-card-link" href={c.link}>
                {t('cards.open')}
              </a>
            )}
          </header>
          {c.rows.length > 0 && (
            <div className="table-scroll">
              <table className="table small">
                <thead>
                  <tr>
                    {c.columns.map((col) => (
                      <th key={col} scope="col">
                        {t(`cards.col.${col}`, { defaultValue: col })}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {c.rows.map((r, j) => (
                    <tr key={j}>
                      {c.columns.map((col) => (
                        <td key={col} className={typeof r[col] === 'number' ? 'num' : undefined}>
                          {cardCell(t, col, r, currentLocale())}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {c.total > c.rows.length && <p className="muted small">{t('cards.more', { count: c.total - c.rows.length })}</p>}
        </section>
      ))}
    </details>
  );
}
