/**
 * bench:forecast-promotions — promotions, events and stock-outs in the history of daily and weekly
 * consumables (issue 17), on seeded synthetic sets with a KNOWN truth, scored out of sample.
 *
 * Every series has a base demand μ(t) (weekday pattern, annual season, trend; a closed weekday on
 * some daily series) and negative-binomial days. On top of it, random promotions (start any day /
 * week, 1–7 days or 1–2 weeks long, demand ×1.5–4, NOT on the same date next year) and a few
 * stock-out stretches (nothing sold although demand was there). The draws are coupled: a day's
 * base count is Poisson(μ·g), its promotion uplift an independent Poisson(μ·(m − 1)·g) with the
 * same gamma factor g, so "base" and "mixed" differ by the promotion and the stock-out only.
 *
 * The hold-out (28 days / 13 weeks after the training part) is scored twice with the peers.md
 * scorer (metrics.ts: scaled pinball = mean SQL 0.1/0.5/0.9, coverage80):
 *   mixed — what was sold, promotions and stock-outs of the horizon included (what a held-out set
 *           scores; the forecaster cannot know them);
 *   base  — the base demand of the same days (no promotion, no stock-out).
 * Also: Σ forecast mean / Σ true base μ over the horizon's open days, and the same ratio on the
 * horizon days that fall one year (±3 days / ±1 week) after a promotion of the history ("echo":
 * a promotion learned as yearly season comes back there).
 *
 * Variants: the engine as it is (`default`) against the same with the other setting of
 * CalendarOptions.outliers (`other`); per set, the paired per-series differences other − default
 * with their standard errors, per seed and pooled over the seeds.
 *
 * Two more sets add an event on the same date every year (part of the base demand: it should be
 * forecast), in the horizon half of the time. Without a recurring-event term neither outlier
 * setting forecasts it (a 3–10-day event is beyond 3 yearly harmonics: Σ mean / Σ μ ≈ 0.82 on the
 * daily horizons that hold it, their 28-day totals above P90 40–45 % of the time). Tried and not
 * kept: leaving flagged days that recur a year later (±3 days / ±1 week) in the fit — no gain on
 * the event horizons (daily 0.729 either way, weekly 0.639 against 0.636 without), slightly worse
 * elsewhere (weekly promotions 0.499 / 0.497). Kept: outliers.ts recurringEvents (an uplift at the
 * next date of a stretch flagged high at the same date of each past year). `--compare events`
 * compares the engine with and without it (`other`: CalendarOptions.events off) and prints how
 * often it forecast an event ("recurring event forecast": the share of series).
 *
 * The daily sets carry a real calendar (CalendarOptions.startDay: an origin drawn in 2024–2026 from
 * a stream of its own, so the series are those of before); one more set, `moving`, has an event on
 * a MOVING date instead: the 1–5 days before Easter (and its Monday), Mother's Day (France),
 * Father's Day or Black Friday, ×1.5–3, in the horizon half of the time. `--compare moving`
 * compares the engine with and without outliers.ts movingEvents (`other`: CalendarOptions.
 * movingEvents off) and prints how often it forecast one ("moving": the share of series; on the
 * sets without a moving event, its chance rate). `--no-dates`: the daily sets without their calendar.
 *
 * The joint event test (December 2026, outliers.ts recurringEvents: per past year the z-score of a
 * run of days, the weakest year against a Bonferroni bound, no placebo reaching it; before, each
 * past year's days had to pass outlier thresholds one by one). `--dump` on the former code, then
 * `--compare moving --against` that dump (3 seeds × 200 series, paired per series, new − old):
 *   events (daily, same date): set −0.0264 ± 0.0041 (0.588 → 0.561); its horizons holding the event
 *     −0.0534 ± 0.0080 (0.699 → 0.645), found on 9.8 → 32.8 % of them, Σmean/Σμ 0.838 → 0.891,
 *     28-day totals above P90 39.5 → 28.4 %;
 *   moving: set −0.0108 ± 0.0024 (0.544 → 0.533); event horizons −0.0234 ± 0.0051 (0.615 → 0.591),
 *     found on 7.9 → 24.2 %, totals above P90 25.3 → 20.9 %;
 *   eventsweekly: set −0.0047 ± 0.0017 (0.520 → 0.515); event horizons −0.0102 ± 0.0036
 *     (0.610 → 0.599), found on 23.4 → 32.4 %;
 *   chance: a same-date event forecast on 5 → 5 of the 3,000 series of the five sets without one
 *     (daily 4 → 3, weekly 1 → 1, clean 0 → 1), a moving one on 0 → 0 of the 1,800 daily series
 *     without any event; daily +0.0015 ± 0.0015, weekly +0.0002 ± 0.0002, clean +0.0001 ± 0.0001,
 *     slow and cleanweekly identical. Not solved: an event taken for the other kind — a moving
 *     event forecast by date (4 moving-set series, 0 before, each worse: its past dates a few days
 *     apart), a same-date event near an anchor forecast on the anchor (6 events-set series, 2 before).
 *     Tried, not kept: letting the alignment with the higher statistic win when the date and an
 *     anchor both explain the same past days — events −0.0012 ± 0.0010 but moving +0.0006 ± 0.0004
 *     (the date's 28-day block, more runs to maximise over, won 5 more moving events wrongly).
 *   Re-measured on main with mean reversion (47f416c, former event test on the same engine): events
 *   −0.0268 ± 0.0042, moving −0.0113 ± 0.0024, eventsweekly −0.0048 ± 0.0017, daily +0.0015 ± 0.0014,
 *   the others within ±0.0002. bench:forecast-r (first 30 series of seed 1, R cached; the same main,
 *   former → joint test; R theta 0.691 / 0.482 / 0.600): events 0.647 → 0.620 (ours − theta −0.044 ±
 *   0.028 → −0.071 ± 0.036), moving 0.466 → 0.468 (−0.016 ± 0.008 → −0.013 ± 0.008: 'ours better'
 *   becomes a tie on these 30), eventsweekly 0.540 → 0.533 (−0.060 ± 0.028 → −0.067 ± 0.031). The visible sets (bench:forecast) are bit-identical: one year of
 *   online_retail_daily holds no past year to test, M3 and carparts are monthly.
 *
 *   npm run bench:forecast-promotions -- [--series 200] [--seeds 1,2,3] [--compare outliers|events|moving]
 *     [--only daily,slow,weekly,clean,cleanweekly,events,moving,eventsweekly] [--no-dates]
 *     [--dump rows.json] [--against rows.json]
 * (--dump writes every series' row of the default variant; --against pairs this run's default with
 * such a dump of other code, series by series: how a change of the engine moved each set.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { scoreSeries, type SeriesScore } from '../electron/core/modules/forecast/metrics.js';
import { forecastCalendar, DEFAULT_EVENTS, DEFAULT_MOVING_EVENTS, DEFAULT_OUTLIERS } from '../electron/core/modules/forecast/daily.js';
import { promotionSets, type PromoSet } from './fixtures/promotionSets.js';

const args = process.argv.slice(2);
const arg = (k: string) => {
  const i = args.indexOf(k);
  return i >= 0 ? args[i + 1] : undefined;
};
const count = Number(arg('--series') ?? 200);
const seeds = (arg('--seeds') ?? '1,2,3').split(',').map(Number);
const only = arg('--only');
/** What `other` changes: the outlier treatment (default), the recurring events (`--compare events`) or the moving-date events (`--compare moving`). */
const compare = arg('--compare') ?? 'outliers';
/** `--no-dates`: the daily sets without their calendar (as before dates were given: no moving-date events). */
const noDates = args.includes('--no-dates');
/** `--dump file.json`: every series' row of the default variant (per set and seed), to pair two runs of different code. */
const dump = arg('--dump');
/** `--against file.json`: a --dump of other code (same --series/--seeds), paired per series with this run's default. */
const against = arg('--against');

interface Row {
  mixed: number;
  base: number;
  cover: number;
  coverBase: number;
  ratio: number;
  echo: number;
  promoAhead: boolean;
  eventAhead: boolean;
  /** The horizon's sold total above its P90 / below its P10 (1 or 0). */
  totAbove: number;
  totBelow: number;
  /** The forecast uplifted some horizon step as a recurring event (1 or 0). */
  event: number;
  /** The forecast uplifted some horizon step as an event on a moving date (1 or 0). */
  moving: number;
}

const pin = (s: SeriesScore) => (s.sql10 !== undefined ? (s.sql10 + s.sql50! + s.sql90!) / 3 : NaN);

function evaluate(s: PromoSet, other: boolean): { rows: Row[]; cpuMs: number } {
  const rows: Row[] = [];
  const outliers = compare === 'outliers' && other ? !DEFAULT_OUTLIERS : DEFAULT_OUTLIERS;
  const events = compare === 'events' && other ? !DEFAULT_EVENTS : DEFAULT_EVENTS;
  const movingEvents = compare === 'moving' && other ? !DEFAULT_MOVING_EVENTS : DEFAULT_MOVING_EVENTS;
  const c0 = process.cpuUsage();
  const fs = s.cases.map((c) =>
    forecastCalendar(c.train, {
      frequency: s.frequency,
      horizon: s.horizon,
      outliers,
      events,
      movingEvents,
      startDay: noDates ? undefined : c.startDay,
    }),
  );
  const cu = process.cpuUsage(c0);
  s.cases.forEach((c, i) => {
    const f = fs[i]!;
    const intermittent = f.kind === 'intermittent' || f.kind === 'lumpy';
    const b = { p10: f.p10, p50: f.mean, p90: f.p90 };
    const m = scoreSeries(c.train, c.mixed, b, s.frequency, intermittent);
    const bb = scoreSeries(c.train, c.base, b, s.frequency, intermittent);
    let sf = 0;
    let sm = 0;
    let ef = 0;
    let em = 0;
    for (let d = 0; d < s.horizon; d++) {
      if (!(c.mu[d]! > 0)) continue;
      sf += f.mean[d]!;
      sm += c.mu[d]!;
      if (c.echo[d]) {
        ef += f.mean[d]!;
        em += c.mu[d]!;
      }
    }
    rows.push({
      mixed: pin(m),
      base: pin(bb),
      cover: m.coverage80 ?? NaN,
      coverBase: bb.coverage80 ?? NaN,
      ratio: sm > 0 ? sf / sm : NaN,
      echo: em > 0 ? ef / em : NaN,
      promoAhead: c.promoAhead,
      eventAhead: c.eventAhead,
      totAbove: c.mixed.reduce((a, b) => a + b, 0) > f.total.p90[s.horizon - 1]! ? 1 : 0,
      totBelow: c.mixed.reduce((a, b) => a + b, 0) < f.total.p10[s.horizon - 1]! ? 1 : 0,
      event: (f.params.recurringEventDays ?? 0) > 0 ? 1 : 0,
      moving: (f.params.movingEventDays ?? 0) > 0 ? 1 : 0,
    });
  });
  return { rows, cpuMs: (cu.user + cu.system) / 1000 / s.cases.length };
}

const mean = (v: number[]) => {
  const w = v.filter(Number.isFinite);
  return w.length ? w.reduce((a, b) => a + b, 0) / w.length : NaN;
};
/** Mean and standard error of the paired differences b − a over the series where both are finite. */
function paired(a: number[], b: number[]): string {
  const d: number[] = [];
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]!) && Number.isFinite(b[i]!)) d.push(b[i]! - a[i]!);
  if (d.length < 2) return 'n/a';
  const m = mean(d);
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / (d.length - 1));
  return `${m >= 0 ? '+' : ''}${m.toFixed(4)} ± ${(sd / Math.sqrt(d.length)).toFixed(4)}`;
}
const f3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : 'n/a');
const line = (r: Row[]) =>
  `pinball mixed ${f3(mean(r.map((x) => x.mixed)))} base ${f3(mean(r.map((x) => x.base)))} | coverage80 mixed ${f3(mean(r.map((x) => x.cover)))} base ${f3(mean(r.map((x) => x.coverBase)))} | Σmean/Σμ ${f3(mean(r.map((x) => x.ratio)))} echo ${f3(mean(r.map((x) => x.echo)))} | total > P90 ${f3(mean(r.map((x) => x.totAbove)))} < P10 ${f3(mean(r.map((x) => x.totBelow)))} | recurring event forecast ${f3(mean(r.map((x) => x.event)))} moving ${f3(mean(r.map((x) => x.moving)))}`;

process.stdout.write(
  `cores ${os.availableParallelism()}, load average ${os.loadavg()[0]!.toFixed(1)}; ${count} series per set, seeds ${seeds.join(',')}; ${compare === 'events' ? `default events=${DEFAULT_EVENTS}, other=${!DEFAULT_EVENTS}` : compare === 'moving' ? `default moving events=${DEFAULT_MOVING_EVENTS}, other=${!DEFAULT_MOVING_EVENTS}` : `default outliers=${DEFAULT_OUTLIERS}, other=${!DEFAULT_OUTLIERS}`}${noDates ? '; no dates' : ''}\n`,
);
const pooled = new Map<string, { a: Row[]; b: Row[]; ca: number; cb: number }>();
const dumped: Record<string, Row[]> = {};
for (const seed of seeds)
  for (const s of promotionSets(seed, count, only)) {
    const a = evaluate(s, false);
    const b = evaluate(s, true);
    process.stdout.write(`\nseed ${seed} — ${s.name} (${s.cases.length} series, horizon ${s.horizon})\n`);
    process.stdout.write(`  default ${line(a.rows)} | ${a.cpuMs.toFixed(3)} ms CPU/series\n`);
    process.stdout.write(`  other   ${line(b.rows)} | ${b.cpuMs.toFixed(3)} ms CPU/series\n`);
    process.stdout.write(
      `  other − default per series: pinball mixed ${paired(
        a.rows.map((r) => r.mixed),
        b.rows.map((r) => r.mixed),
      )}, base ${paired(
        a.rows.map((r) => r.base),
        b.rows.map((r) => r.base),
      )}\n`,
    );
    dumped[`${s.key} ${seed}`] = a.rows;
    const p = pooled.get(s.name) ?? { a: [], b: [], ca: 0, cb: 0 };
    p.a.push(...a.rows);
    p.b.push(...b.rows);
    p.ca += a.cpuMs / seeds.length;
    p.cb += b.cpuMs / seeds.length;
    pooled.set(s.name, p);
  }
process.stdout.write(`\n== pooled over seeds ${seeds.join(',')} ==\n`);
for (const [name, p] of pooled) {
  process.stdout.write(`\n${name} (${p.a.length} series)\n`);
  process.stdout.write(`  default ${line(p.a)} | ${p.ca.toFixed(3)} ms\n`);
  process.stdout.write(`  other   ${line(p.b)} | ${p.cb.toFixed(3)} ms\n`);
  const pick = (rows: Row[], k: keyof Row) => rows.map((r) => r[k] as number);
  process.stdout.write(
    `  other − default: pinball mixed ${paired(pick(p.a, 'mixed'), pick(p.b, 'mixed'))}, base ${paired(pick(p.a, 'base'), pick(p.b, 'base'))}, coverage80 mixed ${paired(pick(p.a, 'cover'), pick(p.b, 'cover'))}, base ${paired(pick(p.a, 'coverBase'), pick(p.b, 'coverBase'))}\n`,
  );
  for (const ahead of [true, false]) {
    const ia = p.a.filter((r) => r.promoAhead === ahead);
    const ib = p.b.filter((r) => r.promoAhead === ahead);
    if (!ia.length) continue;
    process.stdout.write(
      `  horizons ${ahead ? 'WITH' : 'without'} a promotion (${ia.length}): default ${f3(mean(pick(ia, 'mixed')))} cov ${f3(mean(pick(ia, 'cover')))}, other ${f3(mean(pick(ib, 'mixed')))} cov ${f3(mean(pick(ib, 'cover')))}; paired ${paired(pick(ia, 'mixed'), pick(ib, 'mixed'))}\n`,
    );
  }
  if (p.a.some((r) => r.eventAhead))
    for (const ahead of [true, false]) {
      const ia = p.a.filter((r) => r.eventAhead === ahead);
      const ib = p.b.filter((r) => r.eventAhead === ahead);
      process.stdout.write(
        `  horizons ${ahead ? 'WITH' : 'without'} the yearly event (${ia.length}): default ${f3(mean(pick(ia, 'mixed')))} Σmean/Σμ ${f3(mean(pick(ia, 'ratio')))} total > P90 ${f3(mean(pick(ia, 'totAbove')))} event forecast ${f3(mean(pick(ia, 'event')))} moving ${f3(mean(pick(ia, 'moving')))}, other ${f3(mean(pick(ib, 'mixed')))} Σmean/Σμ ${f3(mean(pick(ib, 'ratio')))} total > P90 ${f3(mean(pick(ib, 'totAbove')))} event forecast ${f3(mean(pick(ib, 'event')))} moving ${f3(mean(pick(ib, 'moving')))}; paired ${paired(pick(ia, 'mixed'), pick(ib, 'mixed'))}\n`,
      );
    }
}
if (dump) writeFileSync(dump, JSON.stringify(dumped));
if (against) {
  // This code's default against the dumped one's, paired per series: scaled pinball, how often an
  // event was forecast on the horizons holding one, and the fires on the series without one.
  const old = JSON.parse(readFileSync(against, 'utf8')) as Record<string, Row[]>;
  const bySet = new Map<string, { a: Row[]; b: Row[] }>();
  for (const [key, rows] of Object.entries(dumped)) {
    const o = old[key];
    if (!o || o.length !== rows.length) throw new Error(`--against: ${key} is not in ${against} (or not as many series)`);
    const set = key.split(' ')[0]!;
    const p = bySet.get(set) ?? { a: [], b: [] };
    p.a.push(...o);
    p.b.push(...rows);
    bySet.set(set, p);
  }
  const fires = (r: Row[], k: 'event' | 'moving') => r.filter((x) => x[k]).length;
  process.stdout.write(`\n== this code against ${against} (paired per series: this − dumped) ==\n`);
  for (const [set, { a, b }] of bySet) {
    const pick = (rows: Row[], k: keyof Row) => rows.map((r) => r[k] as number);
    const same = a.every((r, i) => Object.is(r.mixed, b[i]!.mixed));
    process.stdout.write(
      `${set}: pinball mixed ${f3(mean(pick(a, 'mixed')))} → ${f3(mean(pick(b, 'mixed')))} (${paired(pick(a, 'mixed'), pick(b, 'mixed'))}${same ? ', identical' : ''}); series with a same-date event forecast ${fires(a, 'event')} → ${fires(b, 'event')}, a moving one ${fires(a, 'moving')} → ${fires(b, 'moving')} of ${a.length}\n`,
    );
    const w = a.map((_, i) => i).filter((i) => a[i]!.eventAhead);
    if (!w.length) continue;
    const A = w.map((i) => a[i]!);
    const B = w.map((i) => b[i]!);
    process.stdout.write(
      `  horizons WITH the event (${w.length}): pinball ${f3(mean(pick(A, 'mixed')))} → ${f3(mean(pick(B, 'mixed')))} (${paired(pick(A, 'mixed'), pick(B, 'mixed'))}); found as same-date ${f3(mean(pick(A, 'event')))} → ${f3(mean(pick(B, 'event')))}, moving ${f3(mean(pick(A, 'moving')))} → ${f3(mean(pick(B, 'moving')))}; Σmean/Σμ ${f3(mean(pick(A, 'ratio')))} → ${f3(mean(pick(B, 'ratio')))}; total > P90 ${f3(mean(pick(A, 'totAbove')))} → ${f3(mean(pick(B, 'totAbove')))}\n`,
    );
  }
}
