import { useTranslation } from 'react-i18next';

/** Longest reason shown as is on a card or a list row; the whole text is in the title. */
export const LOST_REASON_SHOWN = 80;

/** Cut a long text at a word before `max` characters and end it with '…'. */
export function shorten(text: string, max = LOST_REASON_SHOWN): string {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…`;
}

/** Why a lead was lost, on a pipeline card or a client row: shortened, the full text on hover. */
export function LostReason({ reason }: { reason: string | null }) {
  const { t } = useTranslation('clients');
  if (!reason) return null;
  return (
    <div className="lost-reason small" title={reason} data-testid="lost-reason">
      <span className="muted">{t('board.lostBecause')}</span> {shorten(reason)}
    </div>
  );
}
