import { useTranslation } from 'react-i18next';
import { useSystem } from '@renderer/stores/system';
import { weekdayName } from './words';

/** Monday first, as French and British calendars are read. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

/**
 * The weekdays a supplier takes orders, as toggles (admins change them; others read them): its
 * products' review period runs from one order day to the next, and their order-by day is one of
 * them; 7 days and any day when none is set.
 */
export function OrderDays({ supplier, days, onChange }: { supplier: string; days: readonly number[]; onChange: (d: number[]) => void }) {
  const { t } = useTranslation('forecast');
  const isAdmin = useSystem((s) => s.info?.user.role === 'admin');
  return (
    <span
      className="fc-order-days"
      role="group"
      aria-label={t('replenishment.orderDaysOf', { supplier })}
      data-testid="forecast-order-days"
      title={t('replenishment.orderDaysHelp')}
    >
      <span className="muted small">{t('replenishment.orderDays')}</span>
      {WEEK.map((d) => {
        const on = days.includes(d);
        return (
          <button
            key={d}
            type="button"
            className={on ? 'fc-day on' : 'fc-day'}
            aria-pressed={on}
            disabled={!isAdmin}
            onClick={() => onChange(on ? days.filter((x) => x !== d) : [...days, d].sort())}
          >
            {weekdayName(d, 'short')}
          </button>
        );
      })}
      {days.length === 0 && <span className="muted small">{t('replenishment.orderDaysWeekly')}</span>}
    </span>
  );
}
