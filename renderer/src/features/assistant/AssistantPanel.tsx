import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAssistant } from '@renderer/stores/assistant';
import './assistant.css';

// The chat (and its Markdown renderer) loads when the panel first opens.
const ChatPane = lazy(() => import('./ChatPane').then((m) => ({ default: m.ChatPane })));

/** The assistant as a side panel over any screen: Alt+A (or the title-bar button) opens and closes it. */
export function AssistantPanel({ hidden }: { hidden: boolean }) {
  const { t } = useTranslation('assistant');
  const [open, setOpenState] = useState(false);
  const fab = useRef<HTMLButtonElement>(null);
  // Where the focus was when the panel opened: it goes back there on close (else to the button),
  // not to the page's top, so a keyboard user carries on where they were.
  const returnTo = useRef<HTMLElement | null>(null);
  const setOpen = (next: boolean) => {
    if (next === open) return;
    if (next) returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    else {
      const back = returnTo.current?.isConnected ? returnTo.current : fab.current;
      returnTo.current = null;
      // After the panel has gone (the focus may be inside it).
      setTimeout(() => back?.focus(), 0);
    }
    setOpenState(next);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyA') {
        e.preventDefault();
        setOpen(!open);
      } else if (e.key === 'Escape' && open && !useAssistant.getState().turnId) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });
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
        ref={fab}
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
