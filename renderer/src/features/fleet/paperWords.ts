import type { Booth } from '@shared/model/booth';
import { copiesLeft } from '@shared/model/paper';
import { formatNumber } from '@renderer/i18n/format';

type T = (key: string, opts?: Record<string, unknown>) => string;

/**
 * Paper left in words, always in whole numbers: a 4×6 booth counts prints; a 2×6 strip booth
 * counts strips (two per sheet) and the whole sheets they come from — never "512.5 prints".
 */
export function paperLeftText(b: Pick<Booth, 'remainingPrints' | 'printsPerCopy'>, t: T): string {
  const sheets = Math.floor(b.remainingPrints + 1e-9);
  if (b.printsPerCopy === 0.5) {
    const strips = copiesLeft(b.remainingPrints, 0.5);
    return t('paper.stripsLeft', { ns: 'fleet', count: strips, strips: formatNumber(strips), sheets: formatNumber(sheets) });
  }
  return t('paper.printsLeft', { ns: 'fleet', count: sheets, n: formatNumber(sheets) });
}

/** Sheets expressed in the booth's own unit, whole numbers. */
export function paperAmount(b: Pick<Booth, 'printsPerCopy'>, sheets: number, t: T): string {
  if (b.printsPerCopy === 0.5) {
    const strips = Math.round(sheets * 2);
    return t('paper.stripsAmount', { ns: 'fleet', count: strips, n: formatNumber(strips) });
  }
  const n = Math.round(sheets);
  return t('paper.printsAmount', { ns: 'fleet', count: n, n: formatNumber(n) });
}

export function reachWord(v: boolean | null, t: T): string {
  return v === null ? t('reach.unknown', { ns: 'fleet' }) : v ? t('reach.up', { ns: 'fleet' }) : t('reach.down', { ns: 'fleet' });
}
