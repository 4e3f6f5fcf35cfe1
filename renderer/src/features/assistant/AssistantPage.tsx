import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import { ChatPane } from './ChatPane';
import { ConversationList } from './ConversationList';
import './assistant.css';

/** #/assistant and #/assistant/<conversation id>: the conversations and the chat pane. */
export default function AssistantPage({ route }: { route: string[] }) {
  const { t } = useTranslation('assistant');
  useEffect(() => {
    const s = useAssistant.getState();
    void s.loadStatus();
    void s.loadConversations();
    return s.watch();
  }, []);
  const conversationId = route[0];
  useEffect(() => {
    const s = useAssistant.getState();
    if (conversationId && conversationId !== s.currentId) void s.open(conversationId);
  }, [conversationId]);
  // The open conversation goes into the address (replaced, not pushed), so a reload or a link
  // reopens it instead of an empty pane.
  const currentId = useAssistant((s) => s.currentId);
  useEffect(() => {
    const want = currentId ? `#/assistant/${currentId}` : '#/assistant';
    if (window.location.hash !== want) window.history.replaceState(window.history.state, '', want);
  }, [currentId]);
  return (
    <div className="page as-page">
      <header className="page-header">
        <h1>{t('title')}</h1>
        <p className="help">{t('shortcutHelp')}</p>
      </header>
      <div className="as-layout">
        <ConversationList />
        <ChatPane />
      </div>
    </div>
  );
}
