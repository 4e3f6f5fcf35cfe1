import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilePicker } from '@renderer/app/FilePicker';
import { api, ApiError } from '@renderer/api';
import { useJobs } from '@renderer/stores/jobs';
import { useSystem } from '@renderer/stores/system';
import type { CsvPreview, CsvWarning } from '@shared/contract/csv';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import { formatDate, formatNumber } from '@renderer/i18n/format';
import './stock.css';

type Kind = 'products' | 'services' | 'movements' | 'sales' | 'clients';

async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

type PlaceKind = 'warehouse' | 'van';
/** How the chosen file reaches the core: inline (Electron) or uploaded to the bridge first (browser, up to 64 MB). */
type FileRef = { name: string; input: { contentBase64: string } | { uploadId: string } };

/**
 * File → preview (bad rows counted, the first 50 problems by line, unknown locations once each with
 * an offer to create them, the column mapping editable) → confirm; all or nothing. The set-up
 * wizard opens it on one kind (`kind`, `fixedKind`) and hears when a file is in (`onImported`); the
 * clients screen opens it on clients files, whose warnings are duplicates to leave out or create anyway.
 */
export function ImportWizard({
  initialKind = 'movements',
  fixedKind = false,
  onImported,
}: { initialKind?: Kind; fixedKind?: boolean; onImported?: (kind: Kind) => void } = {}) {
  const { t } = useTranslation('stock');
  const role = useSystem((s) => s.info?.user.role);
  const [kind, setKind] = useState<Kind>(initialKind);
  // Unknown location name → the kind to create it as (absent: not created, the rows stay bad).
  const [creating, setCreating] = useState<Record<string, PlaceKind>>({});
  const [file, setFile] = useState<FileRef | null>(null);
  // The person ticked "I checked these warnings" (needed to import a file that has any).
  const [warningsOk, setWarningsOk] = useState(false);
  // Clients: what to do with the rows whose e-mail or phone is already on file.
  const [duplicates, setDuplicates] = useState<'skip' | 'create' | null>(null);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, number | null>>({});
  const [busy, setBusy] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useJobs((s) => s.jobs.find((j) => j.jobId === jobId));
  const catalogKind = kind === 'products' || kind === 'services';
  const clientsKind = kind === 'clients';
  const allowed = role === 'admin' || (role === 'installer' && !catalogKind && !clientsKind);
  const warningsAnswered = clientsKind ? duplicates !== null : warningsOk;

  const runPreview = async (f = file, m: Record<string, number | null> | undefined = undefined) => {
    if (!f) return;
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const p = await api.call('csv.preview', { kind, ...f.input, fileName: f.name, ...(m ? { mapping: m } : {}) }, { silent: true });
      setPreview(p);
      setWarningsOk(false);
      setDuplicates(null);
      setCreating(Object.fromEntries(p.unknownLocations.map((u) => [u.name, 'warehouse' as PlaceKind])));
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
    let loaded: FileRef;
    if (api.uploads) {
      // Browser shell: the file streams to the bridge once; preview and import name it by id.
      setBusy(true);
      setError(null);
      try {
        loaded = { name: f.name, input: { uploadId: (await api.uploadCsv(f, { silent: true })).uploadId } };
      } catch (e) {
        setError(localizeCoreMessage((e as Error).message));
        setPreview(null);
        setFile(null);
        setBusy(false);
        return;
      }
    } else loaded = { name: f.name, input: { contentBase64: await toBase64(f) } };
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
      const input = { ...file.input, fileName: file.name, mapping, jobId: id };
      const createLocations = Object.entries(creating).map(([name, k]) => ({ name, kind: k }));
      const res = clientsKind
        ? await api.call(
            'csv.importClients',
            {
              kind: 'clients',
              ...input,
              ...(preview.warningCount > 0 && duplicates === 'skip' ? { skipDuplicates: true } : {}),
              ...(preview.warningCount > 0 && duplicates === 'create' ? { confirmWarnings: true } : {}),
            },
            { silent: true },
          )
        : catalogKind
          ? await api.call('csv.importCatalog', { kind: kind as 'products' | 'services', ...input }, { silent: true })
          : await api.call(
              'csv.importMovements',
              {
                kind: kind as 'movements' | 'sales',
                ...input,
                ...(createLocations.length ? { createLocations } : {}),
                ...(preview.warningCount > 0 && warningsOk ? { confirmWarnings: true } : {}),
              },
              { silent: true },
            );
      setResult(
        (clientsKind
          ? t('importedClients', { count: res.created, skipped: res.skippedDuplicates })
          : t('imported', { created: res.created, updated: res.updated, skipped: res.skippedDuplicates })) +
          (res.locationsCreated ? ` ${t('locationsCreated', { count: res.locationsCreated })}` : '') +
          (res.warningsConfirmed ? ` ${t('warningsConfirmed', { count: res.warningsConfirmed })}` : ''),
      );
      setPreview(null);
      setFile(null);
      onImported?.(kind);
    } catch (e) {
      const d =
        e instanceof ApiError
          ? (e.details as
              | (Partial<
                  Pick<
                    CsvPreview,
                    'errors' | 'moreErrors' | 'badRowCount' | 'unknownLocations' | 'warnings' | 'warningCount' | 'moreWarnings'
                  >
                > & {
                  needsConfirmation?: boolean;
                })
              | undefined)
          : undefined;
      if (d?.errors && preview)
        setPreview({ ...preview, errors: d.errors, moreErrors: d.moreErrors ?? 0, badRowCount: d.badRowCount ?? preview.badRowCount });
      // The file now warns about something the preview did not (the stock moved meanwhile): show it, ask again.
      if (d?.needsConfirmation && d.warnings && preview) {
        setPreview({
          ...preview,
          warnings: d.warnings,
          warningCount: d.warningCount ?? d.warnings.length,
          moreWarnings: d.moreWarnings ?? 0,
        });
        setWarningsOk(false);
        setDuplicates(null);
      }
      setError(localizeCoreMessage((e as Error).message));
    } finally {
      setBusy(false);
    }
  };
  const fieldLabel = (key: string) => t(clientsKind ? `clientFields.${key}` : `fields.${key}`, { defaultValue: key });
  const number = (n: number | undefined) => formatNumber(n ?? 0);
  const warningWords = (w: CsvWarning) =>
    w.kind === 'duplicate'
      ? t(w.duplicateLine ? 'warnings.duplicateOfLine' : 'warnings.duplicateOnFile', {
          name: w.name,
          what: t(w.field === 'email' ? 'warnings.theEmail' : 'warnings.thePhone', { value: w.value }),
          other: w.duplicateOf,
          line: w.duplicateLine,
        })
      : w.kind === 'farFuture'
        ? t('warnings.farFuture', { sku: w.sku, date: formatDate(w.date ?? 0, { dateStyle: 'short' }) })
        : t('warnings.negativeStock', {
            sku: w.sku,
            location: w.location,
            before: number(w.stockBefore),
            after: number(w.stockAfter),
            count: w.rows ?? 0,
          });
  return (
    <section className="panel import-wizard" aria-label={t('importTitle')}>
      <h2>{t('importTitle')}</h2>
      <ol className="steps">
        <li aria-current={!preview ? 'step' : undefined}>{t('step1')}</li>
        <li aria-current={preview && !result ? 'step' : undefined}>{t('step2')}</li>
        <li aria-current={result ? 'step' : undefined}>{t('step3')}</li>
      </ol>
      <div className="se-head">
        <label>
          <span>{t('kind')}</span>
          <select
            value={kind}
            disabled={fixedKind}
            data-testid="import-kind"
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setPreview(null);
              setFile(null);
            }}
          >
            {(fixedKind ? [kind] : (['movements', 'sales', 'products', 'services'] as const)).map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <FilePicker
          className="grow"
          label={t('file')}
          accept=".csv,text/csv,text/plain"
          testId="import-file"
          onFile={(f) => void choose(f)}
        />
      </div>
      {!allowed && <p className="muted">{t('notAllowed')}</p>}
      {preview && (
        <>
          <p data-testid="import-summary">
            {t('summary', {
              count: preview.rowCount,
              rows: formatNumber(preview.rowCount),
              valid: t('validRows', { count: preview.validCount, n: formatNumber(preview.validCount) }),
              encoding: preview.encoding,
              separator: preview.separator === '\t' ? 'tab' : preview.separator,
            })}{' '}
            {clientsKind
              ? t('createsClients', { count: preview.creates, companies: preview.newCompanies?.length ?? 0 })
              : catalogKind
                ? t('createsUpdates', { creates: formatNumber(preview.creates), updates: formatNumber(preview.updates) })
                : t('createsSkips', {
                    creates: formatNumber(preview.creates),
                    skips: t('skippedRows', { count: preview.alreadyImported, n: formatNumber(preview.alreadyImported) }),
                  })}
          </p>
          <details open={preview.errors.some((e) => e.code === 'csv.missingColumn')}>
            <summary>{t('mapping')}</summary>
            <div className="mapping-grid">
              {preview.fields.map((f) => (
                <label key={f.key}>
                  <span>
                    {fieldLabel(f.key)}
                    {f.required ? ' *' : ''}
                  </span>
                  <select
                    value={mapping[f.key] ?? ''}
                    onChange={(e) => {
                      const m = { ...mapping, [f.key]: e.target.value === '' ? null : Number(e.target.value) };
                      setMapping(m);
                      void runPreview(file, m);
                    }}
                  >
                    <option value="">{t('notImported')}</option>
                    {preview.headers.map((h, i) => (
                      <option key={i} value={i}>
                        {h || `#${i + 1}`}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
          </details>
          {clientsKind && (preview.newCompanies?.length ?? 0) > 0 && (
            <p className="muted" data-testid="import-new-companies">
              {t('newCompanies', { count: preview.newCompanies!.length, names: preview.newCompanies!.join(', ') })}
            </p>
          )}
          {preview.unknownLocations.length > 0 && (
            <div className="import-unknown panel" data-testid="import-unknown-locations">
              <p>
                <strong>{t('unknownLocations', { count: preview.unknownLocations.length })}</strong>{' '}
                {preview.unknownLocations.map((u) => t('unknownLocationRows', { name: u.name, count: u.rows })).join(', ')}
              </p>
              <p className="muted small">{role === 'admin' ? t('unknownLocationsOffer') : t('unknownLocationsAdmin')}</p>
              {role === 'admin' && (
                <table className="table small">
                  <tbody>
                    {preview.unknownLocations.map((u) => (
                      <tr key={u.name}>
                        <td>
                          <label>
                            <input
                              type="checkbox"
                              checked={u.name in creating}
                              onChange={(e) =>
                                setCreating((c) => {
                                  const next = { ...c };
                                  if (e.target.checked) next[u.name] = 'warehouse';
                                  else delete next[u.name];
                                  return next;
                                })
                              }
                            />{' '}
                            {t('createLocation', { name: u.name })}
                          </label>
                        </td>
                        <td>
                          <select
                            aria-label={t('locationKind')}
                            value={creating[u.name] ?? 'warehouse'}
                            disabled={!(u.name in creating)}
                            onChange={(e) => setCreating((c) => ({ ...c, [u.name]: e.target.value as PlaceKind }))}
                          >
                            <option value="warehouse">{t('locationKinds.warehouse')}</option>
                            <option value="van">{t('locationKinds.van')}</option>
                          </select>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </div>
          )}
          {preview.errors.length > 0 && (
            <div className="import-errors" role="alert">
              <p className="field-error">{t('badRows', { count: preview.badRowCount, rows: preview.rowCount })}</p>
              <table className="table" data-testid="import-errors">
                <thead>
                  <tr>
                    <th className="num">{t('line')}</th>
                    <th>{t('column')}</th>
                    <th>{t('problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.errors.map((e, i) => (
                    <tr key={i}>
                      <td className="num">{e.line}</td>
                      <td>{e.field ? fieldLabel(e.field) : '—'}</td>
                      <td>{localizeCoreMessage(e.message)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.moreErrors > 0 && <p className="muted">{t('moreErrors', { count: preview.moreErrors })}</p>}
            </div>
          )}
          {preview.warningCount > 0 && (
            <div className="import-warnings panel" data-testid="import-warnings">
              <p>
                <strong>{t(clientsKind ? 'duplicatesTitle' : 'warningsTitle', { count: preview.warningCount })}</strong>{' '}
                {t(clientsKind ? 'duplicatesHint' : 'warningsHint')}
              </p>
              <table className="table small">
                <thead>
                  <tr>
                    <th className="num">{t('line')}</th>
                    <th>{t('warningColumn')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.warnings.map((w, i) => (
                    <tr key={i}>
                      <td className="num">{w.line}</td>
                      <td>{warningWords(w)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.moreWarnings > 0 && <p className="muted">{t('moreWarnings', { count: preview.moreWarnings })}</p>}
              {preview.errors.length === 0 && clientsKind && (
                <fieldset className="import-duplicates" data-testid="import-duplicates">
                  <legend>{t('duplicatesChoice', { count: preview.warningCount })}</legend>
                  <label>
                    <input type="radio" name="dup" checked={duplicates === 'skip'} onChange={() => setDuplicates('skip')} />{' '}
                    {t('duplicatesSkip', { count: preview.warningCount })}
                  </label>
                  <label>
                    <input type="radio" name="dup" checked={duplicates === 'create'} onChange={() => setDuplicates('create')} />{' '}
                    {t('duplicatesCreate', { count: preview.warningCount })}
                  </label>
                </fieldset>
              )}
              {preview.errors.length === 0 && !clientsKind && (
                <label>
                  <input
                    type="checkbox"
                    checked={warningsOk}
                    data-testid="import-confirm-warnings"
                    onChange={(e) => setWarningsOk(e.target.checked)}
                  />{' '}
                  {t('confirmWarnings', { count: preview.warningCount })}
                </label>
              )}
            </div>
          )}
          {preview.errors.length === 0 && preview.unknownLocations.every((u) => u.name in creating) && (
            <div className="form-actions">
              <button
                className="primary"
                disabled={busy || !allowed || (preview.warningCount > 0 && !warningsAnswered)}
                onClick={() => void commit()}
                data-testid="import-confirm"
              >
                {t('confirm', { count: preview.rowCount })}
              </button>
            </div>
          )}
          <table className="table small">
            <thead>
              <tr>
                <th className="num">{t('line')}</th>
                {preview.headers.map((h, i) => (
                  <th key={i}>{h}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((r) => (
                <tr key={r.line}>
                  <td className="num">{r.line}</td>
                  {r.cells.map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {busy && <progress max={job?.total || 1} value={job ? job.done : undefined} aria-label={t('progress')} />}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {result && (
        <p className="notice" role="status" data-testid="import-result">
          {result}
        </p>
      )}
    </section>
  );
}
