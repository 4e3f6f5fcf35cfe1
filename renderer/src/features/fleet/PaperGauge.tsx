import { useTranslation } from 'react-i18next';
import type { Booth } from '@shared/model/booth';
import { paperLeftText } from './paperWords';
import './fleet.css';

/** Remaining prints against a full roll, coloured by the booth's own warning/critical thresholds. */
export function PaperGauge({ booth, large }: { booth: Booth; large?: boolean }) {
  const { t } = useTranslation('fleet');
  const pct = Math.max(0, Math.min(100, (booth.remainingPrints / booth.rollCapacity) * 100));
  return (
    <div className={`paper-gauge level-${booth.paperLevel}${large ? ' large' : ''}`}>
      <div
        className="paper-bar"
        role="meter"
        aria-valuemin={0}
        aria-valuemax={booth.rollCapacity}
        aria-valuenow={booth.remainingPrints}
        aria-label={t('paper.label')}
      >
        <span style={{ width: `${pct}%` }} />
        <i
          style={{ left: `${(booth.warningThreshold / booth.rollCapacity) * 100}%` }}
          title={t('paper.warningAt', { n: booth.warningThreshold })}
        />
        <i
          className="crit"
          style={{ left: `${(booth.criticalThreshold / booth.rollCapacity) * 100}%` }}
          title={t('paper.criticalAt', { n: booth.criticalThreshold })}
        />
      </div>
      <div className="paper-text">
        <strong className="num">{paperLeftText(booth, t)}</strong>
        <span className={`chip level-chip level-${booth.paperLevel}`}>{t(`paper.levels.${booth.paperLevel}`)}</span>
        {booth.printsPerCopy === 0.5 && <span className="chip">{t('paper.strips')}</span>}
      </div>
    </div>
  );
}
