import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addDays, format, set as setTime } from 'date-fns';
import { api, ApiError } from '@renderer/api';
import { navigate } from '@renderer/app/router';
import { formatDate, formatDateTime } from '@renderer/i18n/format';
import { localizeCoreMessage } from '@renderer/i18n/coreMessages';
import i18next from '@renderer/i18n';
import { onDataChanged } from '@renderer/stores/dataFeed';
import { useSystem } from '@renderer/stores/system';
import { computeTotals, formatMoney, parseAmount, type VatRate } from '@shared/model/money';
import type { Quote } from '@shared/model/crm';
import type { Booth } from '@shared/model/booth';
import type { Product, Service } from '@shared/model/product';
import { DocumentTotals, RemoveLineButton, VatRateSelect } from './LineParts';
import { QuotePdfButton } from './QuotePdfButton';

interface Line {
  key: number;
  serviceId: string | null;
  productId: string | null;
  label: string;
  quantity: string;
  unitPrice: string;
  discountPct: string;
  vatRate: VatRate;
}
interface Head {
  eventType: string;
  startsAt: string;
  endsAt: string;
  place: string;
  boothId: string;
  validUntil: string;
  lang: 'fr' | 'en';
  notes: string;
  vatRounding: 'per_rate' | 'per_line';
}
let nextKey = 1;
/** What the editor holds, to tell a quote edited on screen from the saved one. */
// Amounts compare by value: a language switch only changes the decimal mark, the quote is not edited by it.
const plain = (s: string) => s.replace(',', '.');
const snapshotOf = (h: Head, ls: Line[]) =>
  JSON.stringify({
    h,
    ls: ls.map(({ key: _key, ...l }) => ({
      ...l,
      quantity: plain(l.quantity),
      unitPrice: plain(l.unitPrice),
      discountPct: plain(l.discountPct),
    })),
  });
const toLocalInput = (ms: number) => format(ms, "yyyy-MM-dd'T'HH:mm");
const fromLocalInput = (v: string) => (v ? new Date(v).getTime() : NaN);
/** A decimal string shown with the user's decimal separator. */
const show = (s: string, lang: string) => (lang === 'fr' ? s.replace('.', ',') : s);

function freshHead(lang: 'fr' | 'en'): Head {
  const start = setTime(addDays(new Date(), 30), { hours: 18, minutes: 0, seconds: 0, milliseconds: 0 });
  return {
    eventType: '',
    startsAt: toLocalInput(start.getTime()),
    endsAt: toLocalInput(start.getTime() + 6 * 3_600_000),
    place: '',
    boothId: '',
    validUntil: format(addDays(new Date(), 30), 'yyyy-MM-dd'),
    lang,
    notes: '',
    vatRounding: 'per_rate',
  };
}

/** #/quotes/new/<clientId> creates; #/quotes/<id> edits a draft or sent quote, shows the others. */
export function QuoteEditor({ id, clientId }: { id?: string; clientId?: string }) {
  const { t, i18n } = useTranslation('quotes');
  const lang = i18n.language === 'en' ? 'en' : 'fr';
  const isAdmin = useSystem((s) => s.info?.user.role) === 'admin';
  const [quote, setQuote] = useState<Quote | null>(null);
  const [clientName, setClientName] = useState('');
  const [head, setHead] = useState<Head>(() => freshHead(lang));
  const [lines, setLines] = useState<Line[]>([]);
  const [services, setServices] = useState<Service[]>([]);
  const [products, setProducts] = useState<Product[]>([]);
  const [booths, setBooths] = useState<Booth[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [clash, setClash] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [reload, setReload] = useState(0);
  const [savedSnapshot, setSavedSnapshot] = useState<string | null>(null);
  // The language changed: the labels translate and the amounts take its decimal mark; what was typed stays.
  const [shownLang, setShownLang] = useState(lang);
  if (shownLang !== lang) {
    setShownLang(lang);
    setLines((all) =>
      all.map((l) => ({
        ...l,
        quantity: show(plain(l.quantity), lang),
        unitPrice: show(plain(l.unitPrice), lang),
        discountPct: show(plain(l.discountPct), lang),
      })),
    );
  }

  useEffect(() => {
    void api.call('catalog.services.list', {}, { silent: true }).then(setServices, () => undefined);
    void api.call('catalog.products.list', { limit: 2000 }, { silent: true }).then(
      (r) => setProducts(r.items),
      () => undefined,
    );
    void api.call('booths.list', {}, { silent: true }).then(setBooths, () => undefined);
  }, []);
  useEffect(() => (id ? onDataChanged(['quotes', 'quote_lines'], () => setReload((n) => n + 1)) : undefined), [id]);
  useEffect(() => {
    if (!id) {
      if (clientId)
        void api.call('clients.get', { id: clientId }, { silent: true }).then(
          (p) => setClientName(p.client.name),
          () => undefined,
        );
      return;
    }
    void api.call('quotes.get', { id }).then(
      (q) => {
        // Read at load time, not a dependency: switching the language must not reload (and drop) the edits.
        const shown = i18next.language === 'en' ? 'en' : 'fr';
        setQuote(q);
        setClientName(q.clientName);
        const loadedHead: Head = {
          eventType: q.eventType ?? '',
          startsAt: q.eventStartsAt ? toLocalInput(q.eventStartsAt) : '',
          endsAt: q.eventEndsAt ? toLocalInput(q.eventEndsAt) : '',
          place: q.place ?? '',
          boothId: q.boothId ?? '',
          validUntil: format(q.validUntil, 'yyyy-MM-dd'),
          lang: q.lang,
          notes: q.notes ?? '',
          vatRounding: q.vatRounding,
        };
        const loadedLines: Line[] = q.lines.map((l) => ({
          key: nextKey++,
          serviceId: l.serviceId,
          productId: l.productId,
          label: l.label,
          quantity: show(l.quantity, shown),
          unitPrice: show(l.unitPrice, shown),
          discountPct: show(l.discountPct, shown),
          vatRate: l.vatRate,
        }));
        setHead(loadedHead);
        setLines(loadedLines);
        setSavedSnapshot(snapshotOf(loadedHead, loadedLines));
      },
      () => setError(i18next.t('quotes:notFound')),
    );
  }, [id, clientId, reload]);

  const editable = isAdmin && (!quote || quote.status === 'draft' || quote.status === 'sent');
  // Edited on screen and not saved yet: the PDF is printed from what is saved, so it saves first.
  const dirty = savedSnapshot !== null && snapshotOf(head, lines) !== savedSnapshot;
  const parsed = lines.map((l) => ({
    quantity: parseAmount(l.quantity),
    unitPrice: parseAmount(l.unitPrice),
    discountPct: parseAmount(l.discountPct || '0'),
    vatRate: l.vatRate,
  }));
  const badLine = parsed.findIndex(
    (p) => !p.quantity || Number(p.quantity) <= 0 || p.unitPrice === null || p.discountPct === null || Number(p.discountPct) > 100,
  );
  const totals = useMemo(
    () =>
      computeTotals(
        parsed.map((p) => ({
          quantity: p.quantity ?? '0',
          unitPrice: p.unitPrice ?? '0',
          discountPct: p.discountPct ?? '0',
          vatRate: p.vatRate,
        })),
        head.vatRounding,
      ),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [JSON.stringify(parsed), head.vatRounding],
  );

  const setLine = (key: number, patch: Partial<Line>) => setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const pick = (key: number, value: string) => {
    const [kind, pid] = value.split(':');
    if (kind === 's') {
      const s = services.find((x) => x.id === pid);
      if (s) setLine(key, { serviceId: s.id, productId: null, label: s.title, unitPrice: show(String(s.price), lang), vatRate: '20' });
    } else if (kind === 'p') {
      const p = products.find((x) => x.id === pid);
      if (p) setLine(key, { productId: p.id, serviceId: null, label: p.name, unitPrice: show(String(p.price), lang), vatRate: '20' });
    } else setLine(key, { serviceId: null, productId: null });
  };
  const addLine = () =>
    setLines((all) => [
      ...all,
      { key: nextKey++, serviceId: null, productId: null, label: '', quantity: '1', unitPrice: '', discountPct: '0', vatRate: '20' },
    ]);

  const payload = () => {
    const startsAt = fromLocalInput(head.startsAt);
    const endsAt = fromLocalInput(head.endsAt);
    return {
      eventType: head.eventType.trim() || null,
      eventStartsAt: Number.isFinite(startsAt) ? startsAt : null,
      eventEndsAt: Number.isFinite(endsAt) ? endsAt : null,
      place: head.place.trim() || null,
      boothId: head.boothId || null,
      validUntil: new Date(`${head.validUntil}T23:59:59`).getTime(),
      lang: head.lang,
      notes: head.notes.trim() || null,
      vatRounding: head.vatRounding,
      lines: lines.map((l, i) => ({
        serviceId: l.serviceId,
        productId: l.productId,
        label: l.label.trim(),
        quantity: parsed[i]!.quantity!,
        unitPrice: parsed[i]!.unitPrice!,
        discountPct: parsed[i]!.discountPct ?? '0',
        vatRate: l.vatRate,
      })),
    };
  };
  const save = async (): Promise<Quote | null> => {
    setError(null);
    setSaved(null);
    if (badLine >= 0) {
      setError(t('errors.line', { n: badLine + 1 }));
      return null;
    }
    if (lines.some((l) => !l.label.trim())) {
      setError(t('errors.label'));
      return null;
    }
    if (!head.validUntil) {
      setError(t('errors.validUntil'));
      return null;
    }
    setBusy(true);
    try {
      const q = id
        ? await api.call('quotes.update', { id, patch: payload() }, { silent: true })
        : await api.call('quotes.create', { clientId: clientId!, ...payload() }, { silent: true });
      setQuote(q);
      setSavedSnapshot(snapshotOf(head, lines));
      setSaved(t('saved', { number: q.number }));
      if (!id) navigate('quotes', q.id);
      return q;
    } catch (e) {
      setError(localizeCoreMessage(e instanceof Error ? e.message : String(e)));
      return null;
    } finally {
      setBusy(false);
    }
  };
  // A status change or an acceptance on its way: the buttons wait for it (a double click on
  // "Accepter et réserver" books once and does not also say the quote was already accepted).
  const [acting, setActing] = useState(false);
  const act = (run: () => Promise<void>) => {
    if (acting) return;
    setActing(true);
    void run().finally(() => setActing(false));
  };
  const setStatus = (status: 'sent' | 'refused' | 'expired' | 'draft') =>
    act(async () => {
      if (quote && editable && !(await save())) return;
      await api.call('quotes.setStatus', { id: quote!.id, status }).then(setQuote, () => undefined);
    });
  const accept = () =>
    act(async () => {
      setClash(null);
      if (editable && !(await save())) return;
      try {
        const r = await api.call('quotes.accept', { id: quote!.id }, { silent: true });
        setQuote(r.quote);
        setSaved(t('acceptedBooked', { when: formatDateTime(r.event.startsAt), booth: r.event.boothName ?? '—' }));
      } catch (e) {
        if (e instanceof ApiError && e.code === 'conflict' && (e.details as { clientName?: string })?.clientName) {
          const d = e.details as { clientName: string; startsAt: number; endsAt: number };
          setClash(t('clash', { client: d.clientName, from: formatDateTime(d.startsAt), to: formatDateTime(d.endsAt) }));
        } else setError(localizeCoreMessage(e instanceof Error ? e.message : String(e)));
      }
    });

  const setH = (k: keyof Head) => (e: { target: { value: string } }) => setHead((h) => ({ ...h, [k]: e.target.value }));
  return (
    <div className="page">
      <header className="page-header">
        <p>
          <a href="#/quotes">← {t('back')}</a>
        </p>
        <h1>
          {quote ? t('titleOf', { number: quote.number }) : t('newTitle')}{' '}
          {quote && <span className={`chip status-${quote.status}`}>{t(`statuses.${quote.status}`)}</span>}
        </h1>
        <p>
          {t('for')} <a href={`#/clients/${quote?.clientId ?? clientId}`}>{clientName}</a>
          {quote && (
            <span className="muted">
              {' '}
              · {t('issued', { when: formatDate(quote.issuedAt) })} · {t('validUntil', { when: formatDate(quote.validUntil) })}
            </span>
          )}
        </p>
      </header>
      <fieldset className="panel form-grid" disabled={!editable}>
        <label htmlFor="q-type">{t('fields.eventType')}</label>
        <input id="q-type" value={head.eventType} onChange={setH('eventType')} maxLength={100} />
        <label htmlFor="q-start">{t('fields.start')}</label>
        <input id="q-start" type="datetime-local" value={head.startsAt} onChange={setH('startsAt')} />
        <label htmlFor="q-end">{t('fields.end')}</label>
        <input id="q-end" type="datetime-local" value={head.endsAt} onChange={setH('endsAt')} />
        <label htmlFor="q-place">{t('fields.place')}</label>
        <input id="q-place" value={head.place} onChange={setH('place')} maxLength={300} />
        <label htmlFor="q-booth">{t('fields.booth')}</label>
        <select id="q-booth" value={head.boothId} onChange={setH('boothId')}>
          <option value="">{t('noBooth')}</option>
          {booths.map((b) => (
            <option key={b.id} value={b.id}>
              {b.name}
            </option>
          ))}
        </select>
        <label htmlFor="q-valid">{t('fields.validUntil')}</label>
        <input id="q-valid" type="date" value={head.validUntil} onChange={setH('validUntil')} />
        <label htmlFor="q-lang">{t('fields.lang')}</label>
        <select id="q-lang" value={head.lang} onChange={setH('lang')}>
          <option value="fr">Français</option>
          <option value="en">English</option>
        </select>
        <label htmlFor="q-rounding">{t('fields.rounding')}</label>
        <select id="q-rounding" value={head.vatRounding} onChange={setH('vatRounding')}>
          <option value="per_rate">{t('rounding.per_rate')}</option>
          <option value="per_line">{t('rounding.per_line')}</option>
        </select>
        <label htmlFor="q-notes">{t('fields.notes')}</label>
        <textarea id="q-notes" value={head.notes} onChange={setH('notes')} rows={2} maxLength={5000} style={{ maxWidth: 480 }} />
      </fieldset>
      <section className="panel history-section">
        <h2>{t('lines')}</h2>
        <div className="table-scroll">
          <table className="table quote-lines" data-testid="quote-lines">
            <thead>
              <tr>
                <th>{t('cols.catalog')}</th>
                <th>{t('cols.label')}</th>
                <th className="num">{t('cols.qty')}</th>
                <th className="num">{t('cols.unitPrice')}</th>
                <th className="num">{t('cols.discount')}</th>
                <th>{t('cols.vat')}</th>
                <th className="num">{t('cols.lineHt')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {lines.map((l, i) => (
                <tr key={l.key} aria-invalid={i === badLine ? true : undefined}>
                  <td>
                    <select
                      aria-label={t('cols.catalog')}
                      disabled={!editable}
                      value={l.serviceId ? `s:${l.serviceId}` : l.productId ? `p:${l.productId}` : ''}
                      onChange={(e) => pick(l.key, e.target.value)}
                    >
                      <option value="">{t('free')}</option>
                      <optgroup label={t('services')}>
                        {services.map((s) => (
                          <option key={s.id} value={`s:${s.id}`}>
                            {s.title}
                          </option>
                        ))}
                      </optgroup>
                      <optgroup label={t('products')}>
                        {products.map((p) => (
                          <option key={p.id} value={`p:${p.id}`}>
                            {p.sku} · {p.name}
                          </option>
                        ))}
                      </optgroup>
                    </select>
                  </td>
                  <td className="label-cell">
                    <input
                      aria-label={t('cols.label')}
                      disabled={!editable}
                      value={l.label}
                      maxLength={300}
                      onChange={(e) => setLine(l.key, { label: e.target.value })}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('cols.qty')}
                      disabled={!editable}
                      inputMode="decimal"
                      value={l.quantity}
                      onChange={(e) => setLine(l.key, { quantity: e.target.value })}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('cols.unitPrice')}
                      disabled={!editable}
                      inputMode="decimal"
                      value={l.unitPrice}
                      onChange={(e) => setLine(l.key, { unitPrice: e.target.value })}
                    />
                  </td>
                  <td className="num">
                    <input
                      aria-label={t('cols.discount')}
                      disabled={!editable}
                      inputMode="decimal"
                      value={l.discountPct}
                      onChange={(e) => setLine(l.key, { discountPct: e.target.value })}
                    />
                  </td>
                  <td>
                    <VatRateSelect lang={lang} disabled={!editable} value={l.vatRate} onChange={(vatRate) => setLine(l.key, { vatRate })} />
                  </td>
                  <td className="num">{i === badLine ? '—' : formatMoney(totals.lines[i]!.ht, lang)}</td>
                  <td>
                    {editable && <RemoveLineButton n={i + 1} onRemove={() => setLines((all) => all.filter((x) => x.key !== l.key))} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {editable && (
          <button type="button" onClick={addLine}>
            {t('addLine')}
          </button>
        )}
        <DocumentTotals lang={lang} ht={totals.ht} tva={totals.tva} ttc={totals.ttc} byRate={totals.vat} testId="quote" />
      </section>
      <div className="quote-actions">
        {editable && (
          <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
            {t('save')}
          </button>
        )}
        {isAdmin && quote?.status === 'draft' && (
          <button type="button" disabled={acting} onClick={() => setStatus('sent')}>
            {t('markSent')}
          </button>
        )}
        {isAdmin && quote && (quote.status === 'draft' || quote.status === 'sent') && (
          <>
            <button type="button" className="primary" disabled={acting} onClick={accept}>
              {t('accept')}
            </button>
            <button type="button" disabled={acting} onClick={() => setStatus('refused')}>
              {t('refuse')}
            </button>
          </>
        )}
        {isAdmin && quote && (quote.status === 'refused' || quote.status === 'expired') && (
          <button type="button" disabled={acting} onClick={() => setStatus('draft')}>
            {t('reopen')}
          </button>
        )}
        {quote && (
          <QuotePdfButton
            id={quote.id}
            number={quote.number}
            prepare={editable && dirty ? async () => (await save()) !== null : undefined}
          />
        )}
        {quote?.eventId && (
          <a href={`#/events/${quote.eventId}`} data-testid="quote-event-link">
            {t('seeEvent')}
          </a>
        )}
      </div>
      {saved && (
        <p className="notice" role="status">
          {saved}
        </p>
      )}
      {clash && (
        <p className="field-error" role="alert" data-testid="quote-clash">
          {clash}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
