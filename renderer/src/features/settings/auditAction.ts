import type { TFunction } from 'i18next';

/**
 * A readable name for an audited channel ("booths.reloadPaper" → "Paper reload"). Features add
 * their channels to the `audit` namespace; an unknown one shows its technical name.
 */
export function auditActionLabel(t: TFunction, action: string): string {
  return t(`audit:actions.${action.replace(/\./g, '_')}`, { defaultValue: action });
}
