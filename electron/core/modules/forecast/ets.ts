import { nelderMead, squash, unsquash } from './optimize.js';
import { seasonIndices } from './seasonality.js';
import { fitted, type Fitted } from './types.js';

export type Trend = 'N' | 'A' | 'Ad';
export type Season = 'N' | 'A' | 'M';
export interface EtsSpec {
  trend: Trend;
  season: Season;
}
export interface EtsParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * ETS with additive error (Hyndman et al. 2008, table 2.2), state (ℓ, b, s_1..s_m).
 * Multiplicative season with additive error divides the error by the season / level, as in
 * ETS(A,·,M). Returns the one-step errors' sum of squares and, if asked, the states at every t.
 */
export function etsFilter(
  y: readonly number[],
  m: number,
  spec: EtsSpec,
  p: EtsParams,
  init: { level: number; trend: number; season: number[] },
  keepStates = false,
): { sse: number; states?: { level: Float64Array; trend: Float64Array; season: Float64Array } } {
  if (!keepStates) return { sse: etsSse(y, m, spec, p, init) };
  const n = y.length;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const hasTrend = spec.trend !== 'N';
  let l = init.level;
  let b = hasTrend ? init.trend : 0;
  const sm = spec.season === 'N' ? 1 : m;
  // Seasonal ring buffer: s[t % sm] is the index applying at time t.
  const s = spec.season === 'N' ? [0] : init.season.slice();
  const mult = spec.season === 'M';
  // The three state arrays on one buffer (types.ts float64Views: one backing store, not three).
  const buffer = new ArrayBuffer((n + 1) * (2 + sm) * 8);
  const L = new Float64Array(buffer, 0, n + 1);
  const B = new Float64Array(buffer, (n + 1) * 8, n + 1);
  const S = new Float64Array(buffer, (n + 1) * 16, (n + 1) * sm);
  let sse = 0;
  for (let t = 0; t < n; t++) {
    L[t] = l;
    B[t] = b;
    for (let k = 0; k < sm; k++) S[t * sm + k] = s[k]!;
    const base = l + phi * b;
    const si = spec.season === 'N' ? 0 : s[t % sm]!;
    const mu = mult ? base * si : base + si;
    const e = y[t]! - mu;
    sse += e * e;
    if (mult) {
      l = base + (p.alpha * e) / si;
      if (hasTrend) b = phi * b + (p.beta * e) / si;
      s[t % sm] = si + (p.gamma * e) / base;
    } else {
      l = base + p.alpha * e;
      if (hasTrend) b = phi * b + p.beta * e;
      if (spec.season === 'A') s[t % sm] = si + p.gamma * e;
    }
    if (!Number.isFinite(l)) return { sse: Infinity };
  }
  L[n] = l;
  B[n] = b;
  for (let k = 0; k < sm; k++) S[n * sm + k] = s[k]!;
  return { sse, states: { level: L, trend: B, season: S } };
}

/**
 * The same recursion as etsFilter, SSE only: the optimiser calls it hundreds of times per fit,
 * so the season kind is branched once outside the loop and the ring index is stepped, not %-ed.
 */
function etsSse(
  y: readonly number[],
  m: number,
  spec: EtsSpec,
  p: EtsParams,
  init: { level: number; trend: number; season: number[] },
): number {
  const n = y.length;
  const phi = spec.trend === 'Ad' ? p.phi : 1;
  const beta = spec.trend === 'N' ? 0 : p.beta;
  const { alpha, gamma } = p;
  let l = init.level;
  let b = spec.trend === 'N' ? 0 : init.trend;
  let sse = 0;
  if (spec.season === 'N') {
    for (let t = 0; t < n; t++) {
      const base = l + phi * b;
      const e = y[t]! - base;
      sse += e * e;
      l = base + alpha * e;
      b = phi * b + beta * e;
    }
    return Number.isFinite(l) ? sse : Infinity;
  }
  const s = Float64Array.from(init.season);
  let j = 0;
  if (spec.season === 'A') {
    for (let t = 0; t < n; t++) {
      const base = l + phi * b;
      const si = s[j]!;
      const e = y[t]! - base - si;
      sse += e * e;
      l = base + alpha * e;
      b = phi * b + beta * e;
      s[j] = si + gamma * e;
      if (++j === m) j = 0;
    }
  } else {
    for (let t = 0; t < n; t++) {
      const base = l + phi * b;
      const si = s[j]!;
      const e = y[t]! - base * si;
      sse += e * e;
      l = base + (alpha * e) / si;
      b = phi * b + (beta * e) / si;
      s[j] = si + (gamma * e) / base;
      if (++j === m) j = 0;
    }
  }
  return Number.isFinite(l) && Number.isFinite(sse) ? sse : Infinity;
}

/**
 * Non-seasonal ETS(A,N|A|Ad,N) with the initial level and trend concentrated out: for fixed
 * (α, β, φ) the recursion is linear in the initial states, so every one-step error is
 * e_t = e⁰_t − g_t·Δℓ − h_t·Δb, where e⁰ starts from `start` and g, h are the predictions of the
 * same recursion fed y ≡ 0 from a unit level or trend. The best (Δℓ, Δb) solve a 2×2 least-squares
 * problem, so the simplex searches only the smoothing parameters. The three recursions run in one
 * loop: independent chains, so they cost about one (the loop is bound by the chain's latency).
 */
export function concentratedSse(
  y: readonly number[],
  alpha: number,
  beta: number,
  phi: number,
  trend: boolean,
  start: { level: number; trend: number },
  out?: { level: number; trend: number },
): number {
  let l = start.level;
  let b = trend ? start.trend : 0;
  let gl = 1;
  let gb = 0;
  let hl = 0;
  let hb = 1;
  let see = 0;
  let seg = 0;
  let seh = 0;
  let sgg = 0;
  let sgh = 0;
  let shh = 0;
  const a1 = 1 - alpha;
  for (let t = 0; t < y.length; t++) {
    const f = l + phi * b;
    const e = y[t]! - f;
    const g = gl + phi * gb;
    see += e * e;
    seg += e * g;
    sgg += g * g;
    l = f + alpha * e;
    gl = a1 * g;
    if (trend) {
      const h = hl + phi * hb;
      seh += e * h;
      sgh += g * h;
      shh += h * h;
      b = phi * b + beta * e;
      gb = phi * gb - beta * g;
      hl = a1 * h;
      hb = phi * hb - beta * h;
    }
  }
  let dl = 0;
  let db = 0;
  if (trend) {
    // A whisker of ridge keeps a nearly unidentified initial trend (φⁿ → 0) finite.
    shh += 1e-9 * sgg + 1e-300;
    const det = sgg * shh - sgh * sgh;
    if (det > 0) {
      dl = (seg * shh - seh * sgh) / det;
      db = (seh * sgg - seg * sgh) / det;
    }
  } else if (sgg > 0) dl = seg / sgg;
  if (out) {
    out.level = start.level + dl;
    out.trend = trend ? start.trend + db : start.trend;
  }
  const sse = see - dl * seg - db * seh;
  return Number.isFinite(sse) ? Math.max(sse, 0) : Infinity;
}

/** Heuristic initial states from the first two seasons (or first 10 points), as in Hyndman 2008 §2.6.1. */
export function initialStates(y: readonly number[], m: number, spec: EtsSpec) {
  const sm = spec.season === 'N' ? 1 : m;
  const season = new Array<number>(sm).fill(spec.season === 'M' ? 1 : 0);
  if (spec.season !== 'N') {
    if (y.length >= 3 * m) {
      // Ratio / difference to the centred moving average over the whole window removes the
      // trend from the initial indices (first-cycle means tilt them by the slope): M3 monthly
      // MASE of the combination 0.855 → 0.849.
      const idx = seasonIndices(y, m, spec.season === 'M' ? 'M' : 'A');
      for (let k = 0; k < m; k++) season[k] = idx[k]!;
    } else {
      const cycles = Math.max(1, Math.min(2, Math.floor(y.length / m)));
      for (let c = 0; c < cycles; c++) {
        const chunk = y.slice(c * m, c * m + m);
        const mean = chunk.reduce((a, v) => a + v, 0) / m;
        for (let k = 0; k < m; k++) season[k]! += (spec.season === 'M' ? chunk[k]! / mean - 1 : chunk[k]! - mean) / cycles;
      }
    }
  }
  const deseason = (t: number) => (spec.season === 'M' ? y[t]! / season[t % sm]! : spec.season === 'A' ? y[t]! - season[t % sm]! : y[t]!);
  const k = Math.min(y.length, spec.season === 'N' ? 10 : m);
  let sum = 0;
  for (let t = 0; t < k; t++) sum += deseason(t);
  const level = sum / k;
  let trend = 0;
  if (spec.trend !== 'N' && y.length >= 2 * k) {
    let sum2 = 0;
    for (let t = k; t < 2 * k; t++) sum2 += deseason(t);
    trend = (sum2 / k - level) / k;
  }
  // Level is the state before the first observation: step it back by one trend.
  return { level: level - trend * ((k - 1) / 2 + 1), trend, season };
}

/** Number of estimated quantities (smoothing parameters + initial states) for AICc. */
function parameterCount(spec: EtsSpec, m: number): number {
  let k = 2; // alpha, initial level
  if (spec.trend !== 'N') k += 2;
  if (spec.trend === 'Ad') k += 1;
  if (spec.season !== 'N') k += m; // gamma + m - 1 free initial indices
  return k;
}

export interface EtsFit extends Fitted {
  aicc: number;
  spec: EtsSpec;
}

/**
 * Fits smoothing parameters (α, β < α, γ < 1 − α, φ ∈ [0.8, 0.98]) by Gaussian likelihood
 * (equivalently n·log(SSE/n)) with Nelder–Mead; the initial level and trend are also optimised
 * (the trend one cut M3 MASE 0.849 → 0.847), the seasonal indices stay at their decomposition
 * values to keep the fit cheap. `tol`: relative change of the sum of squares at which the simplex
 * stops (n/2 · tol is the change of the log-likelihood it still resolves). `concentrate` (season-free
 * specs only): the initial level and trend are solved exactly for each smoothing-parameter trial
 * (concentratedSse) instead of being searched by the simplex — two dimensions fewer, and their exact
 * optimum rather than the simplex's approximation of it.
 */
export function fitEts(y: readonly number[], m: number, spec: EtsSpec, effort = 60, tol = 1e-4, concentrate = false): EtsFit {
  if (concentrate && spec.season === 'N') return fitEtsConcentrated(y, spec, effort, tol);
  const n = y.length;
  const init = initialStates(y, m, spec);
  const hasTrend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const hasSeason = spec.season !== 'N';
  const scale = Math.max(1e-9, y.reduce((a, v) => a + Math.abs(v), 0) / n);
  const decode = (x: number[]) => {
    let i = 0;
    const alpha = squash(x[i++]!, 1e-4, 0.9999);
    const beta = hasTrend ? squash(x[i++]!, 1e-4, alpha) : 0;
    const gamma = hasSeason ? squash(x[i++]!, 1e-4, 1 - alpha) : 0;
    const phi = damped ? squash(x[i++]!, 0.8, 0.98) : 1;
    const level = init.level + x[i++]! * scale * 0.1;
    const trend = hasTrend ? init.trend + x[i++]! * scale * 0.01 : init.trend;
    return { p: { alpha, beta, gamma, phi }, level, trend };
  };
  const x0 = [unsquash(0.3, 1e-4, 0.9999)];
  if (hasTrend) x0.push(unsquash(0.05, 1e-4, 0.3));
  if (hasSeason) x0.push(unsquash(0.1, 1e-4, 0.7));
  if (damped) x0.push(unsquash(0.95, 0.8, 0.98));
  x0.push(0);
  if (hasTrend) x0.push(0);
  // One parameter and one initial-state object reused by every evaluation (hundreds per fit):
  // the objects a decode per call would allocate were a good part of the daily run's GC time.
  const pe: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const ie = { ...init };
  const objective = (x: number[]) => {
    let i = 0;
    pe.alpha = squash(x[i++]!, 1e-4, 0.9999);
    pe.beta = hasTrend ? squash(x[i++]!, 1e-4, pe.alpha) : 0;
    pe.gamma = hasSeason ? squash(x[i++]!, 1e-4, 1 - pe.alpha) : 0;
    pe.phi = damped ? squash(x[i++]!, 0.8, 0.98) : 1;
    ie.level = init.level + x[i++]! * scale * 0.1;
    ie.trend = hasTrend ? init.trend + x[i++]! * scale * 0.01 : init.trend;
    return etsSse(y, m, spec, pe, ie);
  };
  const best = nelderMead(objective, x0, { maxEval: effort * x0.length + effort, step: 1, tol });
  const { p, level, trend } = decode(best.x);
  return finishEts(y, m, spec, p, { ...init, level, trend }, scale);
}

/** fitEts for a season-free spec with the initial states concentrated out (see concentratedSse). */
function fitEtsConcentrated(y: readonly number[], spec: EtsSpec, effort: number, tol: number): EtsFit {
  const n = y.length;
  const init = initialStates(y, 1, spec);
  const hasTrend = spec.trend !== 'N';
  const damped = spec.trend === 'Ad';
  const scale = Math.max(1e-9, y.reduce((a, v) => a + Math.abs(v), 0) / n);
  const x0 = [unsquash(0.3, 1e-4, 0.9999)];
  if (hasTrend) x0.push(unsquash(0.05, 1e-4, 0.3));
  if (damped) x0.push(unsquash(0.95, 0.8, 0.98));
  const p: EtsParams = { alpha: 0, beta: 0, gamma: 0, phi: 1 };
  const decode = (x: number[]) => {
    p.alpha = squash(x[0]!, 1e-4, 0.9999);
    p.beta = hasTrend ? squash(x[1]!, 1e-4, p.alpha) : 0;
    p.phi = damped ? squash(x[2]!, 0.8, 0.98) : 1;
  };
  const objective = (x: number[]) => {
    decode(x);
    return concentratedSse(y, p.alpha, p.beta, p.phi, hasTrend, init);
  };
  const best = nelderMead(objective, x0, { maxEval: effort * x0.length + effort, step: 1, tol });
  decode(best.x);
  const start = { level: init.level, trend: init.trend };
  concentratedSse(y, p.alpha, p.beta, p.phi, hasTrend, init, start);
  return finishEts(y, 1, spec, { ...p }, { ...init, ...start }, scale);
}

/** States at every origin, AICc and the forecast function of a fitted ETS. */
function finishEts(
  y: readonly number[],
  m: number,
  spec: EtsSpec,
  p: EtsParams,
  start: { level: number; trend: number; season: number[] },
  scale: number,
): EtsFit {
  const n = y.length;
  const hasSeason = spec.season !== 'N';
  const damped = spec.trend === 'Ad';
  const { sse, states } = etsFilter(y, m, spec, p, start, true);
  const k = parameterCount(spec, m);
  const sigma2 = Math.max(sse / n, 1e-12 * scale * scale);
  const loglik = -0.5 * n * (Math.log(2 * Math.PI * sigma2) + 1);
  const aicc = n - k - 1 > 0 ? -2 * loglik + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  const sm = hasSeason ? m : 1;
  const phi = damped ? p.phi : 1;
  const st = states!;
  const name = `ets(A,${spec.trend === 'Ad' ? 'Ad' : spec.trend},${spec.season})`;
  const params = { alpha: p.alpha, beta: p.beta, gamma: p.gamma, phi, sigma: Math.sqrt(sigma2) };
  const mult = spec.season === 'M';
  const f = fitted(name, params, Math.min(n, hasSeason ? m : 2), (t, h, out, off) => {
    const l = st.level[t]!;
    const b = st.trend[t]!;
    let phiSum = 0;
    let pw = 1;
    for (let i = 1; i <= h; i++) {
      pw *= phi;
      phiSum += pw;
      const base = l + phiSum * b;
      if (!hasSeason) out[off + i - 1] = base;
      else {
        const si = st.season[t * sm + ((t + i - 1) % sm)]!;
        out[off + i - 1] = mult ? base * si : base + si;
      }
    }
  });
  return { ...f, spec, aicc };
}

/** Candidate specifications for a series; multiplicative seasons need strictly positive data. */
export function etsCandidates(y: readonly number[], m: number): EtsSpec[] {
  const specs: EtsSpec[] = [
    { trend: 'N', season: 'N' },
    { trend: 'A', season: 'N' },
    { trend: 'Ad', season: 'N' },
  ];
  if (m > 1 && y.length >= 2 * m + 2) {
    specs.push({ trend: 'N', season: 'A' }, { trend: 'Ad', season: 'A' }, { trend: 'A', season: 'A' });
    if (y.every((v) => v > 0)) specs.push({ trend: 'N', season: 'M' }, { trend: 'Ad', season: 'M' });
  }
  return specs;
}

/** Fits every candidate and keeps the lowest AICc; also returns the best damped-trend fit for combinations. */
export function autoEts(y: readonly number[], m: number): { best: EtsFit; damped: EtsFit } {
  let best: EtsFit | undefined;
  let damped: EtsFit | undefined;
  for (const spec of etsCandidates(y, m)) {
    const fit = fitEts(y, m, spec);
    if (!best || fit.aicc < best.aicc) best = fit;
    if (spec.trend === 'Ad' && (!damped || fit.aicc < damped.aicc)) damped = fit;
  }
  return { best: best!, damped: damped! };
}
