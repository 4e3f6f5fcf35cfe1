import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import { DraftForm } from './DraftForm';

/** The question box: Enter sends, Shift+Enter adds a line, Esc (or Stop) stops the answer. */
export function Composer({ autoFocus }: { autoFocus?: boolean }) {
  const { t } = useTranslation('assistant');
  const { send, stop, turnId } = useAssistant();
  const [text, setText] = useState('');
  const [drafting, setDrafting] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  const submit = () => {
    const q = text.trim();
    if (!q || turnId) return;
    setText('');
    void send(q).catch(() => setText(q));
  };
  return (
    <div className="as-composer">
      {drafting && <DraftForm onDone={() => setDrafting(false)} />}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label className="visually-hidden" htmlFor="as-question">
          {t('ask')}
        </label>
        <textarea
          id="as-question"
          ref={ref}
          rows={2}
          value={text}
          placeholder={t('placeholder')}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              submit();
            } else if (e.key === 'Escape' && turnId) {
              e.preventDefault();
              void stop();
            }
          }}
        />
        <div className="as-composer-actions">
          <button type="button" className="link-button small" aria-expanded={drafting} onClick={() => setDrafting(!drafting)}>
            {t('draft.title')}
          </button>
          {turnId ? (
            <button type="button" className="danger" onClick={() => void stop()} data-testid="assistant-stop">
              {t('stop')}
            </button>
          ) : (
            <button type="submit" className="primary" disabled={!text.trim()}>
              {t('send')}
            </button>
          )}
        </div>
      </form>
    </div>
  );
}
