import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import './assistant.css';

// The chat (and its Markdown renderer) loads when the panel first opens.
const ChatPane = lazy(() => import('./ChatPane').then((m) => ({ default: m.ChatPane })));

/** The assistant as a side panel over any screen: Alt+A (or the title-bar button) opens and closes it. */
export function AssistantPanel({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation('assistant');
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA') {
        e.preventDefault();
        setOpen((o) => !o);
      } else if (e.key === 'Escape' && open && !useAssistant.getState().turnId) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const s = useAssistant.getState();
    void s.loadStatus();
    void s.loadConversations();
    return s.watch();
  }, [open]);
  if (hidden) return null;
  return (
    <>
      <button
        type="button"
        className="as-fab"
        aria-expanded={open}
        aria-controls="assistant-panel"
        title={t('open')}
        onClick={() => setOpen(!open)}
      >
        ◍ <span className="visually-hidden">{t('open')}</span>
      </button>
      {open && (
        <aside id="assistant-panel" className="as-panel" aria-label={t('panelTitle')} data-testid="assistant-panel">
          <header>
            <h2>{t('panelTitle')}</h2>
            <button type="button" className="icon-button" onClick={() => setOpen(false)} aria-label={t('close')}>
              ✕
            </button>
          </header>
          <Suspense fallback={null}>
            <ChatPane compact />
          </Suspense>
        </aside>
      )}
    </>
  );
}
