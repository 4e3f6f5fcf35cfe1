import { afterAll, describe, expect, it } from 'vitest';
import i18n from '@renderer/i18n/index';
import {
  accuracyLevel,
  accuracySentence,
  accuracyTone,
  biasWords,
  DAY_MS,
  daysFromToday,
  closedDaysSentence,
  demandChartData,
  exceptionalMethodText,
  exceptionalSentence,
  formatDay,
  formatInDays,
  groupBySupplier,
  kindLabel,
  lineCost,
  maseWords,
  modelLabel,
  nextDays,
  parseQuantity,
  perUnitText,
  rowAccuracySentence,
  statusHelp,
  statusLabel,
  statusTone,
  totalCost,
  type T,
  weeklyChartData,
} from '@renderer/features/forecast/words';
import type { ReplenishmentLine } from '@shared/model/forecast';

// Intl uses narrow/no-break spaces before "%" in French; compare on plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');
const tIn = async (lang: 'fr' | 'en'): Promise<T> => {
  await i18n.changeLanguage(lang);
  return i18n.getFixedT(lang, 'forecast') as unknown as T;
};

afterAll(() => i18n.changeLanguage('fr'));

describe('forecast reliability in plain words', () => {
  it('says how much better or worse than a naive forecast, in French', async () => {
    const t = await tIn('fr');
    expect(plain(accuracySentence(t, 0.82, 0.05))).toBe(
      'Les erreurs de prévision sont 18 % plus faibles que celles d’une prévision naïve ; tendance à surestimer de 5 %.',
    );
    expect(plain(accuracySentence(t, 1.25, -0.12))).toBe(
      'Les erreurs de prévision sont 25 % plus élevées que celles d’une prévision naïve ; tendance à sous-estimer de 12 %.',
    );
    expect(plain(maseWords(t, 0.99))).toBe('Les erreurs de prévision sont comparables à celles d’une prévision naïve');
    expect(biasWords(t, 0.01)).toBe('sans tendance nette à surestimer ni à sous-estimer');
    expect(biasWords(t, null)).toBe('sans tendance nette à surestimer ni à sous-estimer');
    expect(accuracySentence(t, null, null)).toContain('Fiabilité non mesurée');
  });

  it('and in English', async () => {
    const t = await tIn('en');
    expect(accuracySentence(t, 0.82, 0.05)).toBe("Forecast errors are 18% smaller than a naive forecast's; tends to over-forecast by 5%.");
    expect(accuracySentence(t, 1.4, -0.3)).toBe("Forecast errors are 40% larger than a naive forecast's; tends to under-forecast by 30%.");
    expect(accuracySentence(t, 1.01, 0)).toBe(
      "Forecast errors are about the same as a naive forecast's; no clear tendency to over- or under-forecast.",
    );
  });

  it('grades MASE into four levels with a colour, unknown when missing', () => {
    expect([0.5, 0.79, 0.8, 0.99, 1, 1.29, 1.3, 4].map(accuracyLevel)).toEqual([
      'good',
      'good',
      'fair',
      'fair',
      'weak',
      'weak',
      'poor',
      'poor',
    ]);
    expect(accuracyLevel(null)).toBe('unknown');
    expect(accuracyLevel(Number.NaN)).toBe('unknown');
    expect(accuracyTone('good')).toBe('ok');
    expect(accuracyTone('weak')).toBe('warn');
    expect(accuracyTone('poor')).toBe('bad');
    expect(accuracyTone('unknown')).toBe('muted');
  });

  it('colours reorder statuses by urgency', () => {
    expect(statusTone('order_now')).toBe('bad');
    expect(statusTone('order_soon')).toBe('warn');
    expect(statusTone('ok')).toBe('ok');
    expect(statusTone('overstock')).toBe('muted');
    expect(statusTone('no_data')).toBe('muted');
  });
});

describe('a status that waits for the supplier’s next order day, and reliability the list cannot measure', () => {
  // Tuesday 8 December 2026, noon.
  const now = Date.UTC(2026, 11, 8, 12);
  const friday = Date.UTC(2026, 11, 11);

  it('says a product runs out before its open order arrives, in red, not "Suffisant" / "Enough"', async () => {
    const row = { status: 'late_delivery' as const, orderBy: null, supplier: 'Boulangerie Martin' };
    const fr = await tIn('fr');
    expect(statusLabel(fr, row, now)).toBe('Rupture avant livraison');
    expect(statusHelp(fr, row, now)).toBe(
      'Le stock sera épuisé avant l’arrivée de la commande en cours, et une commande passée maintenant n’arriverait pas avant la rupture : le rayon restera vide jusqu’à la livraison.',
    );
    const en = await tIn('en');
    expect(statusLabel(en, row, now)).toBe('Out before delivery');
    expect(statusHelp(en, row, now)).toBe(
      'Stock runs out before the open order arrives, and an order placed now would not arrive before the stock-out: the shelf stays empty until the delivery.',
    );
    expect(statusTone('late_delivery')).toBe('bad');
  });

  it('names the order day of a product below its reorder point on a day its supplier takes no orders (it read "Bientôt")', async () => {
    const fr = await tIn('fr');
    const row = { status: 'order_now' as const, orderBy: friday, supplier: 'Boulangerie Martin' };
    expect(statusLabel(fr, row, now)).toBe('À commander vendredi');
    expect(statusHelp(fr, row, now)).toBe(
      'Déjà sous le point de commande, mais Boulangerie Martin ne prend pas de commande aujourd’hui : commander le vendredi 11 décembre, son prochain jour de commande.',
    );
    // Today's order, and a product days away from its reorder point, keep their words.
    expect(statusLabel(fr, { ...row, orderBy: Date.UTC(2026, 11, 8) }, now)).toBe('À commander');
    expect(statusLabel(fr, { ...row, status: 'order_soon' }, now)).toBe('Bientôt');
    const en = await tIn('en');
    expect(statusLabel(en, row, now)).toBe('Order on Friday');
  });

  it('says why the reliability is not measured, as the core says it, in French and English', async () => {
    const fr = await tIn('fr');
    const row = { mase: null, bias: null };
    expect(rowAccuracySentence(fr, { ...row, accuracyGap: 'no_sales' })).toBe(
      'Fiabilité non mesurée : aucune vente dans l’historique, rien à comparer à la prévision.',
    );
    expect(rowAccuracySentence(fr, { ...row, accuracyGap: 'short_history' })).toBe(
      'Fiabilité non mesurée : pas assez d’historique pour la vérifier sur le passé.',
    );
    // The same count every day: not "not enough history" (what it read before, whatever its 400 days).
    expect(rowAccuracySentence(fr, { ...row, accuracyGap: 'constant' })).toBe(
      'Fiabilité non mesurée : la même quantité vendue chaque jour d’ouverture, qu’une prévision naïve reproduit sans erreur ; rien à quoi la comparer.',
    );
    expect(rowAccuracySentence(fr, { ...row, accuracyGap: 'not_backtested' })).toMatch(/^Fiabilité non mesurée : cette prévision compte/);
    expect(rowAccuracySentence(fr, { ...row, accuracyGap: null })).toBe(accuracySentence(fr, null, null));
    expect(rowAccuracySentence(fr, { mase: 0.5, bias: 0, accuracyGap: null })).toMatch(/prévision naïve/);
    const en = await tIn('en');
    expect(rowAccuracySentence(en, { ...row, accuracyGap: 'no_sales' })).toBe(
      'Reliability not measured: no sales in the history, nothing to check the forecast against.',
    );
    expect(rowAccuracySentence(en, { ...row, accuracyGap: 'short_history' })).toBe(
      'Reliability not measured: not enough history to check it against the past.',
    );
    expect(rowAccuracySentence(en, { ...row, accuracyGap: 'constant' })).toBe(
      'Reliability not measured: the same amount sold every open day, which a naive forecast repeats without error; nothing to compare it with.',
    );
    expect(rowAccuracySentence(en, { ...row, accuracyGap: 'not_backtested' })).toMatch(/counts upcoming events/);
  });
});

describe('demand classes and models in plain words', () => {
  it('names the four demand classes in both languages', async () => {
    let t = await tIn('fr');
    expect(['smooth', 'erratic', 'intermittent', 'lumpy'].map((k) => kindLabel(t, k as never))).toEqual([
      'Régulière',
      'Irrégulière',
      'Intermittente',
      'Sporadique',
    ]);
    expect(kindLabel(t, null)).toBe('—');
    t = await tIn('en');
    expect(['smooth', 'erratic', 'intermittent', 'lumpy'].map((k) => kindLabel(t, k as never))).toEqual([
      'Steady',
      'Erratic',
      'Intermittent',
      'Lumpy',
    ]);
  });

  it('spells out the engine model codes, keeping unknown codes as they are', async () => {
    let t = await tIn('fr');
    expect(modelLabel(t, 'ets(A,N,N)')).toBe('Lissage exponentiel');
    expect(modelLabel(t, 'ets(A,Ad,M)')).toBe('Lissage exponentiel avec tendance amortie et saisonnalité');
    expect(modelLabel(t, 'ets(A,A,N)')).toBe('Lissage exponentiel avec tendance');
    expect(modelLabel(t, 'sba')).toBe('Croston corrigé (SBA)');
    expect(modelLabel(t, 'theta-seasonal')).toBe('Theta saisonnière');
    expect(modelLabel(t, null)).toBe('—');
    expect(modelLabel(t, 'arima(1,1,1)')).toBe('arima(1,1,1)');
    // The list's short form: the family only.
    expect(modelLabel(t, 'sba', true)).toBe('Croston corrigé');
    expect(modelLabel(t, 'ets(A,Ad,M)', true)).toBe('Lissage (ETS)');
    expect(modelLabel(t, 'combo', true)).toBe('Combinaison');
    expect(modelLabel(t, 'combo')).toBe('Combinaison de méthodes');
    // Issue 11: the calendar path's codes reached the list raw ("sba+weekday…").
    expect(modelLabel(t, 'sba+weekday', true)).toBe('Croston corrigé + semaine');
    expect(modelLabel(t, 'tsb+weekday+year')).toBe('TSB (demande intermittente), avec profil de la semaine et saison annuelle');
    t = await tIn('en');
    expect(modelLabel(t, 'ets(A,A,A)')).toBe('Exponential smoothing with trend and seasonality');
    expect(modelLabel(t, 'tsb')).toBe('TSB (intermittent demand)');
    expect(modelLabel(t, 'snaive')).toBe('Seasonal naive');
    expect(modelLabel(t, 'sba+weekday+year', true)).toBe('Croston SBA + week + year');
  });
});

describe('units per print typed by a person', () => {
  it('reads decimals with a comma or a point, spaces, and fractions', () => {
    expect(parseQuantity('0,5')).toBe(0.5);
    expect(parseQuantity(' 1 200 ')).toBe(1200);
    expect(parseQuantity('1/700')).toBeCloseTo(1 / 700, 12);
    expect(parseQuantity('2.5e-3')).toBe(0.0025);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('abc')).toBeNull();
    expect(parseQuantity('1/0')).toBeNull();
    expect(parseQuantity('1,2,3')).toBeNull();
  });

  it('shows a stored value back the way it was typed', () => {
    expect(perUnitText(1 / 700)).toBe('1/700');
    expect(parseQuantity(perUnitText(1 / 700))).toBeCloseTo(1 / 700, 12);
    expect(perUnitText(0.5)).toBe('1/2');
    expect(perUnitText(2.5, true)).toBe('2,5');
    expect(perUnitText(0.3)).toBe('0.3');
    expect(perUnitText(null)).toBe('');
  });
});

describe('chart and replenishment figures', () => {
  const d0 = Date.UTC(2026, 10, 1);
  const history = Array.from({ length: 30 }, (_, i) => ({ day: d0 + i * DAY_MS, quantity: i % 3 }));
  const forecast = Array.from({ length: 10 }, (_, i) => ({ day: d0 + (30 + i) * DAY_MS, p10: -0.2, p50: 1, p90: 3 }));

  it('joins the last days of history to the forecast band, never below zero', () => {
    const rows = demandChartData({ history, forecast }, 7);
    expect(rows).toHaveLength(17);
    expect(rows[0]).toEqual({ day: d0 + 23 * DAY_MS, actual: 23 % 3 });
    expect(rows[7]).toEqual({ day: d0 + 30 * DAY_MS, p50: 1, band: [0, 3] });
    expect(rows.map((r) => r.day)).toEqual([...rows.map((r) => r.day)].sort((a, b) => a - b));
  });

  it('gives a closed day no demand value, only `closed`: the line and band pass over it, the chart shades it', () => {
    const h = history.map((x, i) => (i === 27 ? { ...x, quantity: 0, closed: true } : x));
    const f = forecast.map((x, i) => (i === 2 ? { ...x, p10: 0, p50: 0, p90: 0, closed: true } : x));
    const rows = demandChartData({ history: h, forecast: f }, 7);
    expect(rows[4]).toEqual({ day: d0 + 27 * DAY_MS, closed: true });
    expect(rows[9]).toEqual({ day: d0 + 32 * DAY_MS, closed: true });
    expect(rows.filter((r) => r.closed)).toHaveLength(2);
    expect(rows.filter((r) => r.p50 === 0)).toHaveLength(0);
    // A stock-out day keeps what was sold, flagged: its demand was not all seen.
    const so = demandChartData({ history: history.map((x, i) => (i === 28 ? { ...x, stockout: true } : x)), forecast }, 7);
    expect(so[5]).toEqual({ day: d0 + 28 * DAY_MS, actual: 28 % 3, stockout: true });
  });

  it('the yearly view in whole 7-day weeks from today: one of each weekday, partial weeks left out', () => {
    const today = d0 + 30 * DAY_MS;
    // 30 days of history: four whole weeks back from today (days 2…29), days 0–1 left out.
    const f = Array.from({ length: 17 }, (_, i) => ({
      day: today + i * DAY_MS,
      p10: 1,
      p50: 2,
      p90: 3,
      ...(i % 7 === 6 ? { closed: true } : {}),
    }));
    const rows = weeklyChartData({ history, forecast: f.map((x) => (x.closed ? { ...x, p10: 0, p50: 0, p90: 0 } : x)) }, today);
    expect(rows.map((r) => (r.day - d0) / DAY_MS)).toEqual([2, 9, 16, 23, 30, 37]);
    // Days 2..8 of i % 3 = 2,0,1,2,0,1,2 → 8.
    expect(rows[0]).toEqual({ day: d0 + 2 * DAY_MS, actual: 8 });
    // Six open days of 2 (the closed one adds nothing); six sigmas of 1/1.2816: (√6 + 6)/2 of them.
    const sigma = (Math.sqrt(6) + 6) / 2 / 1.2815515655446004;
    expect(rows[4]!.p50).toBe(12);
    expect(rows[4]!.band![0]).toBeCloseTo(12 - sigma * 1.2815515655446004, 9);
    expect(rows[4]!.band![1]).toBeCloseTo(12 + sigma * 1.2815515655446004, 9);
    expect(rows[5]!.actual).toBeUndefined();
  });

  it('says which days the shop is closed, French and English', async () => {
    const country = (c: string) => ({ FR: 'France', GB: 'UK' })[c] ?? c;
    const fr = await tIn('fr');
    expect(closedDaysSentence(fr, { closedWeekdays: [0], holidayCountry: 'FR', holidaysApply: true }, country)).toMatch(
      /^Fermé le dimanche et les jours fériés \(France\) : aucune demande/,
    );
    expect(closedDaysSentence(fr, { closedWeekdays: [6, 0, 1], holidayCountry: 'FR', holidaysApply: true }, country)).toMatch(
      /^Fermé le lundi, le samedi, le dimanche et les jours fériés \(France\) : /,
    );
    expect(closedDaysSentence(fr, { closedWeekdays: [0, 6], holidayCountry: 'none', holidaysApply: false }, country)).toMatch(
      /^Fermé le samedi et le dimanche : aucune demande/,
    );
    expect(closedDaysSentence(fr, { closedWeekdays: [], holidayCountry: 'FR', holidaysApply: false }, country)).toBeNull();
    expect(closedDaysSentence(fr, null, country)).toBeNull();
    const en = await tIn('en');
    expect(closedDaysSentence(en, { closedWeekdays: [0, 1], holidayCountry: 'GB', holidaysApply: true }, country)).toMatch(
      /^Closed on Mondays, Sundays,? and public holidays \(UK\): no demand/,
    );
    expect(closedDaysSentence(en, { closedWeekdays: [], holidayCountry: 'GB', holidaysApply: true }, country)).toMatch(
      /^Closed on public holidays \(UK\): no demand/,
    );
  });

  it('counts and explains the days the forecast set aside, French and English; the chart rows carry them', async () => {
    const fr = await tIn('fr');
    expect(exceptionalSentence(fr, 0, 0, false)).toBeNull();
    expect(exceptionalSentence(fr, 1, 0, false)).toBe(
      '1 jour exceptionnellement haut (promotion ou événement ?) sur la période affichée (en violet) : la prévision l’a écarté de son niveau et du profil de la semaine et de l’année, mais garde sa fréquence dans la fourchette P10–P90.',
    );
    expect(exceptionalSentence(fr, 6, 2, true)).toBe(
      '6 jours exceptionnellement hauts (promotion ou événement ?) et 2 creux inexpliqués (hors rupture) sur la période affichée (leurs semaines en violet) : la prévision les a écartés de son niveau et du profil de la semaine et de l’année, mais garde leur fréquence dans la fourchette P10–P90.',
    );
    const en = await tIn('en');
    expect(exceptionalSentence(en, 0, 1, false)).toBe(
      '1 unexplained dip (not a stock-out) in the period shown (in purple): the forecast left it out of its level and of the weekly and yearly pattern, but keeps its frequency in the P10–P90 band.',
    );
    expect(exceptionalSentence(en, 3, 0, true)).toMatch(
      /^3 exceptionally high days \(promotion or event\?\) in the period shown \(their weeks in purple\): the forecast left them out/,
    );
    // Days set aside before the period shown: counted in the same sentence (listed apart), in the
    // singular and the plural, after the days shown or alone; the method panel's figure: the stored
    // counts (all the forecast read), with how many in the year shown (0, 1, more).
    const from = Date.UTC(2025, 11, 14);
    const readFrom = Date.UTC(2024, 11, 14);
    const fr2 = await tIn('fr');
    expect(exceptionalSentence(fr2, 2, 1, false, 1, from)).toBe(
      '2 jours exceptionnellement hauts (promotion ou événement ?) et 1 creux inexpliqué (hors rupture) sur la période affichée (en violet) : la prévision les a écartés de son niveau et du profil de la semaine et de l’année, mais garde leur fréquence dans la fourchette P10–P90. Elle a aussi écarté 1 jour plus ancien, avant le 14 décembre 2025, hors de ce graphique (voir la liste).',
    );
    expect(exceptionalSentence(fr2, 1, 0, true, 9, from)).toMatch(
      / Elle a aussi écarté 9 jours plus anciens, avant le 14 décembre 2025, hors de ce graphique \(voir la liste\)\.$/,
    );
    expect(exceptionalSentence(fr2, 0, 0, false, 1, from)).toBe(
      'Aucun jour exceptionnel sur la période affichée. La prévision a écarté 1 jour exceptionnel plus ancien, avant le 14 décembre 2025 : il n’est pas sur ce graphique (voir la liste).',
    );
    expect(exceptionalSentence(fr2, 0, 0, false, 4, from)).toBe(
      'Aucun jour exceptionnel sur la période affichée. La prévision a écarté 4 jours exceptionnels plus anciens, avant le 14 décembre 2025 : ils ne sont pas sur ce graphique (voir la liste).',
    );
    expect(exceptionalMethodText(fr2, { high: 0, low: 0 }, { high: 0, low: 0 }, readFrom)).toBeNull();
    expect(exceptionalMethodText(fr2, { high: 7, low: 1 }, { high: 0, low: 0 }, readFrom)).toBe(
      '7 jours exceptionnellement hauts (promotion ou événement ?) et 1 creux inexpliqué (hors rupture) sur l’année affichée, mis de côté pour le niveau et le profil de la prévision ; leur fréquence reste dans la fourchette',
    );
    expect(exceptionalMethodText(fr2, { high: 7, low: 1 }, { high: 6, low: 1 }, readFrom)).toBe(
      '13 jours exceptionnellement hauts (promotion ou événement ?) et 2 creux inexpliqués (hors rupture) depuis le 14 décembre 2024 (tout l’historique que lit la prévision), dont 8 sur l’année affichée ; mis de côté pour le niveau et le profil de la prévision ; leur fréquence reste dans la fourchette',
    );
    expect(exceptionalMethodText(fr2, { high: 1, low: 0 }, { high: 5, low: 0 }, readFrom)).toContain(
      '(tout l’historique que lit la prévision), dont 1 sur l’année affichée ;',
    );
    expect(exceptionalMethodText(fr2, { high: 0, low: 0 }, { high: 1, low: 0 }, readFrom)).toBe(
      '1 jour exceptionnellement haut (promotion ou événement ?) depuis le 14 décembre 2024 (tout l’historique que lit la prévision), aucun sur l’année affichée ; mis de côté pour le niveau et le profil de la prévision ; leur fréquence reste dans la fourchette',
    );
    const en2 = await tIn('en');
    expect(exceptionalSentence(en2, 0, 0, false, 1, from)).toMatch(
      /^No exceptional day in the period shown\. The forecast set aside 1 older exceptional day, before (14 December 2025|December 14, 2025): it is not on this chart \(see the list\)\.$/,
    );
    expect(exceptionalSentence(en2, 3, 0, false, 2, from)).toMatch(
      /in the period shown \(in purple\): .* band\. It also set aside 2 older days, before (14 December 2025|December 14, 2025), outside this chart \(see the list\)\.$/,
    );
    expect(exceptionalMethodText(en2, { high: 0, low: 0 }, { high: 0, low: 1 }, readFrom)).toMatch(
      /^1 unexplained dip \(not a stock-out\) since (14 December 2024|December 14, 2024) \(all the history the forecast reads\), none of them in the year shown; set aside/,
    );
    expect(exceptionalMethodText(en2, { high: 1, low: 0 }, { high: 2, low: 0 }, readFrom)).toContain(
      '(all the history the forecast reads), 1 of them in the year shown;',
    );
    // Days keep their flag; a week holding a high day is marked high, one holding only a dip low.
    const today = Date.UTC(2026, 11, 14);
    const history = Array.from({ length: 21 }, (_, i) => ({
      day: today - (21 - i) * DAY_MS,
      quantity: 5,
      ...(i === 2
        ? { exceptional: 'low' as const }
        : i === 9
          ? { exceptional: 'high' as const }
          : i === 10
            ? { exceptional: 'low' as const }
            : {}),
    }));
    expect(
      demandChartData({ history, forecast: [] }, 90)
        .filter((r) => r.exceptional)
        .map((r) => r.exceptional),
    ).toEqual(['low', 'high', 'low']);
    expect(weeklyChartData({ history, forecast: [] }, today).map((r) => r.exceptional)).toEqual(['low', 'high', undefined]);
  });

  it('adds up the next week', () => {
    expect(nextDays({ forecast }, 7)).toEqual({ p10: 0, p50: 7, p90: 21 });
  });

  const line = (p: Partial<ReplenishmentLine>): ReplenishmentLine => ({
    productId: p.sku ?? 'x',
    sku: 'x',
    name: 'x',
    unit: 'u',
    supplier: '',
    quantity: 1,
    orderBy: d0,
    stockoutAt: null,
    onHand: 0,
    onOrder: 0,
    reorderPoint: 1,
    unitCost: 1,
    status: 'order_now',
    ...p,
  });

  it('groups lines per supplier, most urgent supplier first, with totals to the cent', () => {
    const lines = [
      line({ sku: 'A', name: 'Papier', supplier: 'DNP', quantity: 3, unitCost: 49.9, orderBy: d0 + 2 * DAY_MS }),
      line({ sku: 'B', name: 'Encre', supplier: 'Mitsubishi', quantity: 10, unitCost: 0.1, orderBy: d0 }),
      line({ sku: 'C', name: 'Rubans', supplier: 'DNP', quantity: 2, unitCost: 12.35, orderBy: d0 + DAY_MS }),
      line({ sku: 'D', name: 'Divers', supplier: '', quantity: 1, unitCost: 5, orderBy: d0 }),
    ];
    const g = groupBySupplier(lines);
    expect(g.map((x) => x.supplier)).toEqual(['Mitsubishi', '', 'DNP']);
    expect(g[2]!.lines.map((l) => l.sku)).toEqual(['C', 'A']);
    expect(g[2]!.total).toBe(174.4);
    expect(lineCost(lines[1]!)).toBe(1);
    expect(totalCost(lines)).toBe(180.4);
  });

  it('counts days and formats contract days the same in every time zone', async () => {
    const now = Date.UTC(2026, 10, 24, 15, 30);
    expect(daysFromToday(Date.UTC(2026, 10, 24), now)).toBe(0);
    expect(daysFromToday(Date.UTC(2026, 10, 27), now)).toBe(3);
    expect(daysFromToday(Date.UTC(2026, 10, 20), now)).toBe(-4);
    await i18n.changeLanguage('fr');
    expect(formatDay(Date.UTC(2026, 10, 27), { day: 'numeric', month: 'long' })).toBe('27 novembre');
    expect(formatInDays(Date.UTC(2026, 10, 25), now)).toBe('demain');
    expect(formatInDays(Date.UTC(2026, 10, 27), now)).toBe('dans 3 jours');
    await i18n.changeLanguage('en');
    expect(formatInDays(Date.UTC(2026, 10, 27), now)).toBe('in 3 days');
  });
});
