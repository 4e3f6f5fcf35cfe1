import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useSystem } from '@renderer/stores/system';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import type { AssistantMessage } from '@shared/model/assistant';
import type { ClientMessageKind } from '@shared/model/crm';
import { Markdown } from './Markdown';
import { DataCards } from './DataCards';
import { ActionCard } from './ActionCard';
import { ErrorBox } from './ErrorBox';

/**
 * Saves the draft (as edited) in a client's history: the client of the event it was written about
 * is chosen already, any other can be picked. Saving again updates the same entry.
 */
function SaveToClient({ m, value }: { m: AssistantMessage; value: string }) {
  const { t } = useTranslation('assistant');
  const event = m.cards.find((c) => c.tool === 'event');
  const eventClient = typeof event?.args.clientId === 'string' ? event.args.clientId : '';
  const [clients, setClients] = useState<Array<{ id: string; name: string }>>([]);
  const [clientId, setClientId] = useState(eventClient);
  const [saved, setSaved] = useState<{ id: string; name: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api
      .call('clients.list', { limit: 5000 }, { silent: true })
      .then((list) => setClients(list.map((c) => ({ id: c.id, name: c.companyName ? `${c.name} (${c.companyName})` : c.name }))))
      .catch(() => undefined);
  }, []);
  const eventId = typeof event?.args.eventId === 'string' && clientId === eventClient ? event.args.eventId : null;
  const save = () => {
    setError(null);
    void api
      .call(
        'clients.messages.save',
        { clientId, text: value, kind: (m.draftKind ?? 'note') as ClientMessageKind, eventId, sourceMessageId: m.id },
        { silent: true },
      )
      .then(
        () => setSaved({ id: clientId, name: clients.find((c) => c.id === clientId)?.name ?? '', text: value }),
        (e: unknown) => setError(localizeCoreMessage((e as Error).message)),
      );
  };
  return (
    <div className="as-draft-save" data-testid="draft-save">
      <label>
        <span className="small muted">{t('draft.saveTo')}</span>
        <select value={clientId} onChange={(e) => setClientId(e.target.value)} aria-label={t('draft.saveTo')}>
          <option value="">{t('draft.pickClient')}</option>
          {clients.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <button type="button" disabled={!clientId || (saved?.id === clientId && saved.text === value)} onClick={save}>
        {saved && saved.id === clientId ? t('draft.saveAgain') : t('draft.save')}
      </button>
      {saved && (
        <p className="small" role="status">
          {t('draft.saved')} <a href={`#/clients/${saved.id}`}>{saved.name}</a>
        </p>
      )}
      {error && (
        <p className="field-error small" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A draft the person edits and copies, and (admins) saves in a client's history. */
function Draft({ m, text }: { m: AssistantMessage; text: string }) {
  const { t } = useTranslation('assistant');
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
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
      {isAdmin && value.trim() !== '' && <SaveToClient m={m} value={value} />}
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
      {m.draftKind && m.status === 'done' ? <Draft m={m} text={text} /> : text && <Markdown text={text} />}
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
