import { useTranslation } from 'react-i18next';
import { ViewSwitch, type EventsView } from './ViewSwitch';
import type { ReactNode } from 'react';

/** The events title, then the view switch and ← period → (the period's name as the grid's label), then `children`. */
export function CalendarNav({
  view,
  label,
  labelId,
  prevLabel,
  nextLabel,
  onMove,
  children,
}: {
  view: EventsView;
  label: string;
  labelId: string;
  prevLabel: string;
  nextLabel: string;
  onMove(delta: number): void;
  children?: ReactNode;
}) {
  const { t } = useTranslation('events');
  return (
    <>
      <header className="page-header">
        <h1>{t('title')}</h1>
      </header>
      <div className="filters cal-nav">
        <ViewSwitch current={view} />
        <button type="button" aria-label={prevLabel} onClick={() => onMove(-1)}>
          ←
        </button>
        <h2 data-testid={labelId}>{label}</h2>
        <button type="button" aria-label={nextLabel} onClick={() => onMove(1)}>
          →
        </button>
        {children}
      </div>
    </>
  );
}
