import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@renderer/api';
import { useNotion } from '@renderer/stores/notion';
import { formatDateTime, formatNumber } from '@renderer/i18n/format';
import type {
  NotionEntity,
  NotionEventOptions,
  NotionFieldDef,
  NotionMapping,
  NotionMappingCheck,
  NotionPreviewRow,
  NotionProperty,
} from '@shared/model/notion';
import { Table } from '@renderer/app/Table';
import { useAction } from '@renderer/app/useAction';
import { localizeReason } from './reasons';

type Proposal = {
  fields: NotionFieldDef[];
  properties: NotionProperty[];
  mapping: NotionMapping;
  options: NotionEventOptions | null;
  check: NotionMappingCheck;
};

/**
 * The mapping editor of one entity: a data source, each OpsDeck field → a Notion property of a
 * fitting type (proposed from the names), the status values of events, and a preview of 5 real
 * pages as they would be imported. Saving is possible only after a preview of the current mapping.
 */
export function MappingEditor({ entity, onClose, disabled }: { entity: NotionEntity; onClose: () => void; disabled: boolean }) {
  const { t } = useTranslation('notion');
  const n = useNotion();
  const current = n.status?.sources.find((s) => s.entity === entity);
  const [dsId, setDsId] = useState(current?.dataSourceId ?? '');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [mapping, setMapping] = useState<NotionMapping>({});
  const [options, setOptions] = useState<NotionEventOptions | null>(null);
  const [preview, setPreview] = useState<{ key: string; rows: NotionPreviewRow[]; check: NotionMappingCheck } | null>(null);
  const { busy, message, run } = useAction();

  useEffect(() => {
    if (!n.dataSources.length) void n.loadDataSources().catch(() => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    if (!dsId) return;
    let live = true;
    setPreview(null);
    void api.call('notion.propose', { entity, dataSourceId: dsId }).then((p) => {
      if (!live) return;
      setProposal(p);
      setMapping(p.mapping);
      setOptions(p.options);
    });
    return () => {
      live = false;
    };
  }, [dsId, entity]);

  const key = JSON.stringify({ dsId, mapping, options });
  const previewed = preview?.key === key && preview.check.ok;
  const statusProp = proposal?.properties.find((p) => p.name === mapping.status);
  const problems = useMemo(
    () => new Map((preview?.key === key ? preview.check : proposal?.check)?.problems.map((p) => [p.field, p]) ?? []),
    [preview, proposal, key],
  );

  const doPreview = () =>
    run(async () => {
      const r = await api.call('notion.preview', { entity, dataSourceId: dsId, mapping, ...(options ? { options } : {}) });
      setPreview({ key, ...r });
    });
  const save = () =>
    run(async () => {
      await api.call('notion.saveSource', { entity, dataSourceId: dsId, mapping, ...(options ? { options } : {}) });
      await n.loadStatus();
      onClose();
    });

  const toggle = (list: keyof NotionEventOptions, value: string) => {
    if (!options) return;
    const others = (['liveValues', 'doneValues', 'cancelledValues'] as const).filter((l) => l !== list);
    const next = { ...options };
    next[list] = options[list].includes(value) ? options[list].filter((v) => v !== value) : [...options[list], value];
    for (const o of others) next[o] = next[o].filter((v) => v !== value || options[list].includes(value));
    setOptions(next);
  };

  const fieldsShown = proposal?.fields ?? [];
  const shownValues = fieldsShown
    .filter((f) => !f.write)
    .map((f) => (f.key === 'date' ? ['startsAt', 'endsAt'] : [f.key]))
    .flat();
  return (
    <section
      className="panel notion-mapping"
      data-testid={`mapping-${entity}`}
      aria-label={t('mapping.title', { entity: t(`entities.${entity}`) })}
    >
      <h2>{t('mapping.title', { entity: t(`entities.${entity}`) })}</h2>
      <label className="field">
        {t('mapping.dataSource')}
        <select value={dsId} disabled={disabled || busy} onChange={(e) => setDsId(e.target.value)} data-testid="mapping-data-source">
          <option value="">{t('mapping.choose')}</option>
          {n.dataSources.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </select>
      </label>
      {proposal && (
        <>
          <p className="muted small">{t('mapping.help')}</p>
          <Table className="mapping-table" head={[t('mapping.field'), t('mapping.property'), t('mapping.type')]}>
            {fieldsShown.map((f) => {
              const chosen = proposal.properties.find((p) => p.name === mapping[f.key]);
              const problem = problems.get(f.key);
              return (
                <tr key={f.key} className={problem ? 'problem' : undefined}>
                  <td>
                    {t(`fields.${entity}.${f.key}`)}
                    {f.required && (
                      <span className="required" title={t('mapping.required')}>
                        {' '}
                        *
                      </span>
                    )}
                    {f.write && <div className="muted small">{t('mapping.writeBack')}</div>}
                  </td>
                  <td>
                    <select
                      aria-label={t(`fields.${entity}.${f.key}`)}
                      value={mapping[f.key] ?? ''}
                      disabled={disabled || busy}
                      onChange={(e) => setMapping({ ...mapping, [f.key]: e.target.value || null })}
                    >
                      <option value="">{t('mapping.none')}</option>
                      {proposal.properties.map((p) => (
                        <option key={p.name} value={p.name} disabled={!f.accepts.includes(p.type)}>
                          {p.name} ({t(`types.${p.type}`, { defaultValue: p.type })})
                        </option>
                      ))}
                    </select>
                    {problem && (
                      <div className="error small">
                        {t(`problems.${problem.code}`, { property: problem.property ?? '', type: problem.type ?? '' })}
                      </div>
                    )}
                  </td>
                  <td className="muted small">
                    {chosen ? t(`types.${chosen.type}`, { defaultValue: chosen.type }) : '—'}
                    {f.key === 'booth' && chosen && (
                      <div>
                        {t(
                          `boothModes.${chosen.type === 'relation' ? 'relation' : chosen.type === 'select' || chosen.type === 'multi_select' ? 'select' : 'text'}`,
                        )}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </Table>
          {entity === 'events' && options && (
            <fieldset className="status-values" disabled={disabled || busy}>
              <legend>{t('mapping.statusValues')}</legend>
              {!statusProp ? (
                <p className="muted small">{t('mapping.noStatus')}</p>
              ) : (
                <Table head={[t('mapping.statusValue'), t('mapping.live'), t('mapping.done'), t('mapping.cancelled')]}>
                  {statusProp.options.map((o) => (
                    <tr key={o}>
                      <td>{o}</td>
                      {(['liveValues', 'doneValues', 'cancelledValues'] as const).map((l) => (
                        <td key={l}>
                          <input
                            type="checkbox"
                            aria-label={`${o} — ${t(`mapping.${l === 'liveValues' ? 'live' : l === 'doneValues' ? 'done' : 'cancelled'}`)}`}
                            checked={options[l].includes(o)}
                            onChange={() => toggle(l, o)}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </Table>
              )}
              <p className="muted small">{t('mapping.otherStatuses')}</p>
            </fieldset>
          )}
          <div className="actions">
            <button disabled={disabled || busy || !dsId} onClick={() => void doPreview()} data-testid="mapping-preview">
              {t('mapping.preview')}
            </button>
            <button
              className="primary"
              disabled={disabled || busy || !previewed}
              onClick={() => void save()}
              data-testid="mapping-save"
              title={previewed ? undefined : t('mapping.previewFirst')}
            >
              {t('mapping.save')}
            </button>
            <button disabled={busy} onClick={onClose}>
              {t('mapping.cancel')}
            </button>
          </div>
          {!previewed && <p className="muted small">{t('mapping.previewFirst')}</p>}
          {message && (
            <p className="notice error" role="alert">
              {message}
            </p>
          )}
          {preview?.key === key && (
            <div className="preview" data-testid="mapping-preview-table">
              <h3>{t('mapping.previewTitle')}</h3>
              {!preview.check.ok ? (
                <p className="notice error">{t('mapping.fixFirst')}</p>
              ) : (
                <div className="table-scroll">
                  <table className="table">
                    <thead>
                      <tr>
                        <th>{t('mapping.page')}</th>
                        {shownValues.map((k) => (
                          <th key={k}>{t(`values.${k}`, { defaultValue: k })}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {preview.rows.map((r) => (
                        <tr key={r.pageId} className={r.error ? 'problem' : undefined}>
                          <td>
                            <a href={r.url} target="_blank" rel="noreferrer">
                              {r.title || r.pageId}
                            </a>
                          </td>
                          {r.error ? (
                            <td colSpan={shownValues.length} className="error">
                              {t('mapping.willSkip', { reason: localizeReason(r.error, t) })}
                            </td>
                          ) : (
                            shownValues.map((k) => <td key={k}>{show(t, k, r.values[k])}</td>)
                          )}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          )}
        </>
      )}
    </section>
  );
}

type T = (k: string, o?: Record<string, unknown>) => string;
function show(t: T, key: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (key === 'startsAt' || key === 'endsAt') return formatDateTime(v as number);
  if (key === 'status') return t(`eventStatus.${String(v)}`, { defaultValue: String(v) });
  if (key === 'booth' && typeof v === 'string' && v.startsWith('? ')) return t('mapping.boothUnknown', { name: v.slice(2) });
  if (typeof v === 'boolean') return t(v ? 'yes' : 'no');
  if (typeof v === 'number') return formatNumber(v);
  if (Array.isArray(v)) return v.join(', ') || '—';
  return String(v);
}
