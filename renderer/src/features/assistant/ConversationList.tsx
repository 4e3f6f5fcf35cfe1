import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import { formatDateTime } from '@renderer/i18n/format';

/** The person's conversations: search (title and text), open, rename, delete. */
export function ConversationList() {
  const { t } = useTranslation('assistant');
  const { t: tc } = useTranslation('common');
  const { conversations, q, setQuery, currentId, open, rename, remove } = useAssistant();
  return (
    <nav className="as-list" aria-label={t('conversations')}>
      <button type="button" className="primary" onClick={() => void open(null)}>
        {t('newConversation')}
      </button>
      <input
        type="search"
        value={q}
        placeholder={t('searchPlaceholder')}
        aria-label={t('searchConversations')}
        onChange={(e) => setQuery(e.target.value)}
      />
      {conversations.length === 0 && <p className="muted small">{t('noConversations')}</p>}
      <ul>
        {conversations.map((c) => (
          <li key={c.id} className={c.id === currentId ? 'current' : undefined}>
            <button
              type="button"
              className="as-conv"
              aria-current={c.id === currentId ? 'true' : undefined}
              onClick={() => void open(c.id)}
            >
              <span className="as-conv-title">{c.title}</span>
              <span className="muted small">
                {formatDateTime(c.updatedAt)} · {t('messages', { count: c.messageCount })}
              </span>
            </button>
            <span className="as-conv-tools">
              <button
                type="button"
                className="icon-button"
                aria-label={`${t('rename')}${tc('colon')}${c.title}`}
                title={t('rename')}
                onClick={() => {
                  const title = window.prompt(t('renameTo'), c.title)?.trim();
                  if (title) void rename(c.id, title).catch(() => undefined);
                }}
              >
                ✎
              </button>
              <button
                type="button"
                className="icon-button"
                aria-label={`${t('delete')}${tc('colon')}${c.title}`}
                title={t('delete')}
                onClick={() => {
                  if (window.confirm(t('confirmDelete', { title: c.title }))) void remove(c.id).catch(() => undefined);
                }}
              >
                ×
              </button>
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
