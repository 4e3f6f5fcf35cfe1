import { useTranslation } from 'react-i18next';
import { navigate } from '@renderer/app/router';

export type EventsView = 'list' | 'month' | 'week';

/** List · Month · Week, the same three buttons on each view of the events; the current one pressed. */
export function ViewSwitch({ current }: { current: EventsView }) {
  const { t } = useTranslation('events');
  const views: Array<[EventsView, string, string[]]> = [
    ['list', t('listView'), []],
    ['month', t('monthView'), ['month']],
    ['week', t('weekView'), ['week']],
  ];
  return (
    <div role="group" aria-label={t('views_label')} className="segmented view-switch">
      {views.map(([v, label, route]) => (
        <button
          key={v}
          type="button"
          aria-pressed={current === v}
          className={current === v ? 'selected' : undefined}
          onClick={() => navigate('events', ...route)}
        >
          {label}
        </button>
      ))}
    </div>
  );
}
