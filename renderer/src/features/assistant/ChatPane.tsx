import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import { MessageView } from './MessageView';
import { Composer } from './Composer';
import { StatusBar } from './StatusBar';

/** The conversation: status and model picker, messages with their data and action cards, the question box. */
export function ChatPane({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('assistant');
  const { messages, live, send, turnId } = useAssistant();
  const end = useRef<HTMLDivElement>(null);
  const streamed = turnId ? (live[turnId]?.length ?? 0) : 0;
  useEffect(() => {
    end.current?.scrollIntoView({ block: 'end' });
  }, [messages.length, streamed]);
  return (
    <div className="as-chat">
      <StatusBar compact={compact} />
      <div className="as-messages" aria-live="polite" aria-label={t('conversations')}>
        {messages.length === 0 && (
          <div className="as-empty">
            <p className="muted">{t('empty')}</p>
            <div className="as-examples">
              {(['order', 'booths', 'events'] as const).map((k) => (
                <button key={k} type="button" className="chip" onClick={() => void send(t(`examples.${k}`)).catch(() => undefined)}>
                  {t(`examples.${k}`)}
                </button>
              ))}
            </div>
          </div>
        )}
        {messages.map((m, i) => {
          const question = messages[i - 1]?.role === 'user' ? messages[i - 1]!.content : null;
          return (
            <MessageView
              key={m.id}
              m={m}
              live={live[m.id]}
              onRetry={question && i === messages.length - 1 ? () => void send(question).catch(() => undefined) : undefined}
            />
          );
        })}
        <div ref={end} />
      </div>
      <Composer autoFocus={compact} />
    </div>
  );
}
