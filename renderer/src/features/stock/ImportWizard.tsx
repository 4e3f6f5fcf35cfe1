import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { useJobs } from '../../stores/jobs';
import { useSystem } from '../../stores/system';
import type { CsvPreview } from '../../../../shared/contract/csv';
import { ApiError } from '../../api';
import { localizeCoreMessage } from '../../i18n/coreMessages';

type Kind = 'products' | 'services' | 'movements' | 'sales';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** File → preview (every bad row with its line, the column mapping editable) → confirm; all or nothing. */
export function ImportWizard() {
  const { t } = useTranslation('stock');
  const role = useSystem((s) => s.info?.user.role);
  const [kind, setKind] = useState<Kind>('movements');
  const [file, setFile] = useState<{ name: string; b64: string } | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobs((s) => s.jobs.find((j) => j.jobId === jobId));
  const catalogKind = kind === 'products' || kind === 'services';
  const allowed = role === 'admin' || (role === 'installer' && !catalogKind);

  const runPreview = async (f = file, m: Record<string, number | null> | undefined = undefined) => {
    if (!f) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const p = await api.call('csv.preview', { kind, contentBase64: f.b64, fileName: f.name, ...(m ? { mapping: m } : {}) }, { silent: true });
      setPreview(p);
      setMapping(p.mapping);
    } catch (e) {
      setError(localizeCoreMessage((e as Error).message));
      setPreview(null);
    } finally {
      setBusy(false);
    }
  };
  const choose = async (f: File | undefined) => {
    if (!f) return;
    const loaded = { name: f.name, b64: await toBase64(f) };
    setFile(loaded);
    await runPreview(loaded);
  };
  const commit = async () => {
    if (!file || !preview) return;
    const id = `import-${Date.now()}`;
    setJobId(id);
    setBusy(true);
    setError(null);
    try {
      const input = { contentBase64: file.b64, fileName: file.name, mapping, jobId: id };
      const res = catalogKind
        ? await api.call('csv.importCatalog', { kind: kind as 'products' | 'services', ...input }, { silent: true })
        : await api.call('csv.importMovements', { kind: kind as 'movements' | 'sales', ...input }, { silent: true });
      setResult(t('imported', { created: res.created, updated: res.updated, skipped: res.skippedDuplicates }));
      setPreview(null);
      setFile(null);
    } catch (e) {
      const errs = e instanceof ApiError ? (e.details as { errors?: CsvPreview['errors'] } | undefined)?.errors : undefined;
      if (errs && preview) setPreview({ ...preview, errors: errs });
      setError(localizeCoreMessage((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const fieldLabel = (key: string) => t(`fields.${key}`, { defaultValue: key });
  return (
    <section className="panel import-wizard" aria-label={t('importTitle')}>
      <h2>{t('importTitle')}</h2>
      <ol className="steps">
        <li aria-current={!preview ? 'step' : undefined}>{t('step1')}</li>
        <li aria-current={preview && !result ? 'step' : undefined}>{t('step2')}</li>
        <li aria-current={result ? 'step' : undefined}>{t('step3')}</li>
      </ol>
      <div className="se-head">
        <label><span>{t('kind')}</span>
          <select value={kind} onChange={(e) => { setKind(e.target.value as Kind); setPreview(null); setFile(null); }}>
            {(['movements', 'sales', 'products', 'services'] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
          </select>
        </label>
        <label className="grow"><span>{t('file')}</span>
          <input type="file" accept=".csv,text/csv,text/plain" data-testid="import-file" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
      </div>
      {!allowed && <p className="muted">{t('notAllowed')}</p>}
      {preview && (
        <>
          <p data-testid="import-summary">
            {t('summary', { rows: preview.rowCount, valid: preview.validCount, encoding: preview.encoding, separator: preview.separator === '\t' ? 'tab' : preview.separator })}{' '}
            {catalogKind ? t('createsUpdates', { creates: preview.creates, updates: preview.updates }) : t('createsSkips', { creates: preview.creates, skips: preview.alreadyImported })}
          </p>
          <details open={preview.errors.some((e) => e.code === 'csv.missingColumn')}>
            <summary>{t('mapping')}</summary>
            <div className="mapping-grid">
              {preview.fields.map((f) => (
                <label key={f.key}><span>{fieldLabel(f.key)}{f.required ? ' *' : ''}</span>
                  <select value={mapping[f.key] ?? ''} onChange={(e) => {
                    const m = { ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) };
                    setMapping(m);
                    void runPreview(file, m);
                  }}>
                    <option value="">{t('notImported')}</option>
                    {preview.headers.map((h, i) => <option key={i} value={i}>{h || `#${i + 1}`}</option>)}
                  </select>
                </label>
              ))}
            </div>
          </details>
          {preview.errors.length > 0 ? (
            <div className="import-errors" role="alert">
              <p className="field-error">{t('errorsTitle', { count: preview.errors.length })}</p>
              <table className="table" data-testid="import-errors">
                <thead><tr><th className="num">{t('line')}</th><th>{t('column')}</th><th>{t('problem')}</th></tr></thead>
                <tbody>{preview.errors.slice(0, 500).map((e, i) => <tr key={i}><td className="num">{e.line}</td><td>{e.field ? fieldLabel(e.field) : '—'}</td><td>{localizeCoreMessage(e.message)}</td></tr>)}</tbody>
              </table>
              {preview.errors.length > 500 && <p className="muted">{t('moreErrors', { count: preview.errors.length - 500 })}</p>}
            </div>
          ) : (
            <div className="form-actions">
              <button className="primary" disabled={busy || !allowed} onClick={() => void commit()} data-testid="import-confirm">{t('confirm', { count: preview.rowCount })}</button>
            </div>
          )}
          <table className="table small">
            <thead><tr><th className="num">{t('line')}</th>{preview.headers.map((h, i) => <th key={i}>{h}</th>)}</tr></thead>
            <tbody>{preview.sample.map((r) => <tr key={r.line}><td className="num">{r.line}</td>{r.cells.map((c, i) => <td key={i}>{c}</td>)}</tr>)}</tbody>
          </table>
        </>
      )}
      {busy && (
        <progress max={job?.total || 1} value={job ? job.done : undefined} aria-label={t('progress')} />
      )}
      {error && <p className="field-error" role="alert">{error}</p>}
      {result && <p className="notice" role="status" data-testid="import-result">{result}</p>}
    </section>
  );
}
