import type { AuditEntry } from '@shared/contract/system';
import type { TFunction } from 'i18next';

/**
 * A readable name for an audited action ("booths.reloadPaper" → "Rechargement papier"). Every
 * mutation channel has one in FR and EN (tests/renderer/audit-labels.test.ts); an unknown action
 * from a newer device reads as a generic "Action".
 */
export function auditActionLabel(t: TFunction, action: string, details?: unknown): string {
  const label = t(`audit:actions.${action.replace(/\./g, '_')}`, { defaultValue: t('audit:unknownAction') });
  // A change the assistant proposed and the person confirmed says so ("… (via l'assistant)").
  const via = typeof details === 'object' && details !== null && (details as { via?: unknown }).via === 'assistant';
  return via ? t('audit:viaAssistant', { action: label }) : label;
}

const LOOKS_LIKE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What the action was about, by name; an id nobody can read is never shown. */
export function auditTarget(entry: Pick<AuditEntry, 'target' | 'targetName'>): string | null {
  if (entry.targetName) return entry.targetName;
  if (!entry.target || LOOKS_LIKE_ID.test(entry.target)) return null;
  return entry.target;
}

/** "Produit créé : Boa plumes – lot de 5". */
export function auditSentence(t: TFunction, entry: Pick<AuditEntry, 'action' | 'target' | 'targetName'>): string {
  const label = auditActionLabel(t, entry.action);
  const target = auditTarget(entry);
  return target ? t('audit:sentence', { action: label, target }) : label;
}
