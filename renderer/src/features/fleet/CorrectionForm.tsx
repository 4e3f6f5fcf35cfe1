import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { api, ApiError } from '@renderer/api';

const KINDS = ['session', 'capture', 'print', 'digital', 'gif', 'upload'] as const;

/** A counter correction is a new ledger row (audited), never an edit of past triggers. */
export function CorrectionForm({ boothId, onDone }: { boothId: string; onDone(): void }) {
  const { t } = useTranslation('fleet');
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<(typeof KINDS)[number]>('print');
  const [delta, setDelta] = useState('');
  const [reason, setReason] = useState('');
  const [msg, setMsg] = useState<string | null>(null);
  const n = Number(delta);
  const valid = delta.trim() !== '' && Number.isInteger(n) && n !== 0 && Math.abs(n) <= 10000 && reason.trim().length >= 3;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!valid) return;
    try {
      await api.call('booths.correctCounter', { booth: boothId, kind, delta: n, reason: reason.trim() }, { silent: true });
      setMsg(t('correction.done'));
      setDelta('');
      setReason('');
      onDone();
    } catch (err) {
      setMsg(localizeCoreMessage(err instanceof ApiError ? err.message : String(err)));
    }
  };
  if (!open)
    return (
      <p>
        <button type="button" className="link-button" onClick={() => setOpen(true)}>
          {t('correction.title')}
        </button>
      </p>
    );
  return (
    <form
      className="inline-form"
      onSubmit={(e) => void submit(e)}
      aria-label={t('correction.title')}
      style={{ marginTop: '0.75rem', display: 'flex', gap: '0.5rem', flexWrap: 'wrap', alignItems: 'end' }}
    >
      <label>
        {t('correction.kind')}
        <br />
        <select value={kind} onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`correction.kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('correction.delta')}
        <br />
        <input value={delta} onChange={(e) => setDelta(e.target.value)} inputMode="numeric" size={6} />
      </label>
      <label>
        {t('correction.reason')}
        <br />
        <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={300} />
      </label>
      <button type="submit" className="primary" disabled={!valid}>
        {t('correction.submit')}
      </button>
      {msg && (
        <p role="status" className="small">
          {msg}
        </p>
      )}
    </form>
  );
}
