import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssistantMessage } from '@shared/model/assistant';
import { Markdown } from './Markdown';
import { DataCards } from './DataCards';
import { ActionCard } from './ActionCard';
import { ErrorBox } from './ErrorBox';

/** A draft the person edits and copies. */
function Draft({ text }: { text: string }) {
  const { t } = useTranslation('assistant');
  const [value, setValue] = useState(text);
  const [copied, setCopied] = useState(false);
  return (
    <div className="as-draft">
      <label>
        <span className="small muted">{t('draft.editable')}</span>
        <textarea value={value} rows={Math.min(16, value.split('\n').length + 2)} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button
        type="button"
        onClick={() =>
          void navigator.clipboard
            ?.writeText(value)
            .then(() => setCopied(true))
            .catch(() => undefined)
        }
      >
        {copied ? t('draft.copied') : t('draft.copy')}
      </button>
    </div>
  );
}

export function MessageView({ m, live, onRetry }: { m: AssistantMessage; live?: string; onRetry?: () => void }) {
  const { t } = useTranslation('assistant');
  if (m.role === 'user')
    return (
      <article className="as-msg as-user" aria-label={t('you')}>
        <p>{m.content}</p>
      </article>
    );
  const text = m.status === 'running' ? (live ?? m.content) : m.content;
  const unfound = m.checks.filter((c) => !c.found).map((c) => c.figure);
  return (
    <article
      className={`as-msg as-bot as-${m.status}`}
      aria-label={t('assistant')}
      aria-busy={m.status === 'running'}
      data-testid="assistant-message"
      data-status={m.status}
    >
      {m.status === 'running' && !text && <p className="muted">{t('thinking')}</p>}
      {m.draftKind && m.status === 'done' ? <Draft text={text} /> : text && <Markdown text={text} />}
      {m.notice?.split(',').map((n) => (
        <p key={n} className="notice small">
          {t(`notice.${n}`)}
        </p>
      ))}
      {m.status !== 'running' && unfound.length > 0 && (
        <p className="as-check bad-text small" data-testid="numbers-check">
          {t('checks.unfound', { figures: unfound.join(', ') })}
        </p>
      )}
      {m.status === 'done' && m.checks.length > 0 && unfound.length === 0 && (
        <p className="as-check muted small">{t('checks.ok', { count: m.checks.length })}</p>
      )}
      <DataCards cards={m.cards} />
      {m.actions.map((a) => (
        <ActionCard key={a.id} action={a} />
      ))}
      {m.status === 'stopped' && <p className="muted small">{t('stopped')}</p>}
      {m.error && <ErrorBox error={m.error} onRetry={onRetry} />}
    </article>
  );
}
