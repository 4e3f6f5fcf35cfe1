import { useTranslation } from 'react-i18next';
import type { AssistantMessage } from '@shared/model/assistant';
import { useAssistant } from '@renderer/stores/assistant';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';

/** Why a turn failed, how to fix it, and (model missing) a download with its progress bar. */
export function ErrorBox({ error, onRetry }: { error: NonNullable<AssistantMessage['error']>; onRetry?: () => void }) {
  const { t } = useTranslation('assistant');
  const pull = useAssistant((s) => s.pull);
  const pullModel = useAssistant((s) => s.pullModel);
  const model = error.model ?? '';
  const mine = pull && pull.model === model ? pull : null;
  const percent = mine ? Math.floor((100 * mine.done) / Math.max(1, mine.total)) : 0;
  return (
    <div className="as-error" role="alert" data-testid="assistant-error" data-reason={error.reason}>
      <strong>{t('error.title')}</strong>
      <p>{t(`error.${error.reason}`, { model, message: localizeCoreMessage(error.message) })}</p>
      {error.reason === 'model_missing' && model && (
        <div className="as-pull">
          {mine && !mine.failed ? (
            <>
              <progress max={100} value={percent} aria-label={t('error.pulling', { model, percent })} />
              <span className="small">{t('error.pulling', { model, percent })}</span>
            </>
          ) : (
            <button type="button" className="primary" onClick={() => void pullModel(model).catch(() => undefined)}>
              {t('error.pull', { model })}
            </button>
          )}
          {mine?.failed && <span className="bad-text small">{t('error.pullFailed', { model })}</span>}
        </div>
      )}
      <p className="muted small">{t('error.kept')}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
