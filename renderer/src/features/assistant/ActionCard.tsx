import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProposedAction } from '@shared/model/assistant';
import { useAssistant } from '@renderer/stores/assistant';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

/** A change the model proposed: the exact change, and nothing runs until Confirm. */
export function ActionCard({ action }: { action: ProposedAction }) {
  const { t } = useTranslation('assistant');
  const decide = useAssistant((s) => s.decide);
  const [busy, setBusy] = useState(false);
  const run = (confirm: boolean) => {
    setBusy(true);
    void decide(action.id, confirm)
      .catch(() => undefined)
      .finally(() => setBusy(false));
  };
  const failure = (action.result as { message?: string } | null)?.message ?? '';
  return (
    <section className={`as-action as-action-${action.status}`} data-testid="action-card" aria-label={t(`action.title.${action.kind}`)}>
      <h3>{t(`action.title.${action.kind}`)}</h3>
      <dl className="facts">
        {action.summary.map((s) => (
          <div key={s.label}>
            <dt>{t(`action.labels.${s.label}`, { defaultValue: s.label })}</dt>
            <dd>{s.value}</dd>
          </div>
        ))}
      </dl>
      <p
        className={
          action.status === 'done' ? 'ok-text' : action.status === 'proposed' || action.status === 'cancelled' ? 'muted' : 'bad-text'
        }
        role="status"
      >
        {t(`action.${action.status}`, { message: localizeCoreMessage(failure) })}
      </p>
      {action.status === 'proposed' && (
        <div className="form-actions">
          <button type="button" className="primary" disabled={busy} onClick={() => run(true)}>
            {t('action.confirm')}
          </button>
          <button type="button" disabled={busy} onClick={() => run(false)}>
            {t('action.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
