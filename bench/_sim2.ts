import { forecastMany, type ForecastJob } from '../electron/core/workers/forecastPool.js';
let seed = 7;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const n = 730, H = 28, count = 1000;
const jobs: ForecastJob[] = [];
const truth = new Map<string, { mu: number[]; y: number[] }>();
for (let s = 0; s < count; s++) {
  const base = 2 + rnd() * 40, trend = (rnd() - 0.5) * 0.01;
  const week = Array.from({ length: 7 }, () => 0.6 + rnd() * 0.8);
  const mu: number[] = [], y: number[] = [];
  for (let t = 0; t < n + H; t++) { const m = Math.max(0, base * (1 + (trend * t) / 7) * week[t % 7]!); mu.push(m); y.push(Math.max(0, Math.round(m + (rnd() + rnd() + rnd() - 1.5) * Math.sqrt(m) * 2))); }
  jobs.push({ id: `sim${s}`, y: y.slice(0, n), frequency: 7, horizon: H }); truth.set(`sim${s}`, { mu, y });
}
const res = await forecastMany(jobs);
const proto = new Map<string, [number, number]>();
for (const d of [12, 28]) {
  let sLp = 0, sErr = 0, sV = 0, sNoise = 0, sMean = 0, sLevel = 0; const ratios: number[] = []; const models = new Map<string, [number, number]>();
  for (const r of res) { if (!r.ok) continue; const t = truth.get(r.id)!; const f = r.result;
    const m = f.total!.p50[d - 1]!; const V = ((f.total!.p90[d - 1]! - f.total!.p10[d - 1]!) / (2 * 1.2816)) ** 2;
    const a = t.y.slice(n, n + d).reduce((x, z) => x + z, 0); const e = t.mu.slice(n, n + d).reduce((x, z) => x + z, 0);
    // prototype: parameter (level-estimation) variance floor
    const alphas = Object.entries(f.params).filter(([k]) => k.endsWith('.alpha') || k === 'alpha').map(([, v]) => v as number);
    const W = 150;
    const sw = alphas.length ? alphas.reduce((x, al) => x + Math.max(al / (2 - al), 1 / W), 0) / alphas.length : 1 / W;
    const openDays = f.mean!.slice(0, d).filter((v) => v > 0).length || 1;
    const mubar = m / openDays;
    const relDay = 1 / mubar + (f.params.overdispersion ?? 0);
    const lp = sw * relDay;
    const lev = f.params.levelVariance!;
    const vsum = Math.max(0, V - lev * m * m);
    for (const [name, L] of [['max', Math.max(lev, lp)], ['sum', lev + lp]] as const) {
      const V2 = vsum + L * m * m; const p90 = m + 1.2816 * Math.sqrt(V2); const p10 = m - 1.2816 * Math.sqrt(V2);
      const k = name + d; const c = proto.get(k) ?? [0, 0]; if (a > p90) c[0]++; if (a < p10) c[1]++; proto.set(k, c);
    }
    { const p90 = m + 1.2816 * Math.sqrt(V); const k = 'normal-now' + d; const c = proto.get(k) ?? [0, 0]; if (a > p90) c[0]++; if (a < m - 1.2816 * Math.sqrt(V)) c[1]++; proto.set(k, c); }
    sLp += lp * m * m;
    sErr += (a - m) ** 2; sV += V; sNoise += e; sMean += (m - e) ** 2; sLevel += f.params.levelVariance! * m * m; ratios.push((a - m) ** 2 / V);
    const k = f.model; const c = models.get(k) ?? [0, 0]; c[0]++; if (a > f.total!.p90[d - 1]!) c[1]++; models.set(k, c);
  }
  ratios.sort((x, z) => x - z);
  console.log(`d=${d}: E(a-m)^2 ${(sErr / count).toFixed(1)}  E V ${(sV / count).toFixed(1)}  (noise var ${(sNoise / count).toFixed(1)}, mean-error^2 ${(sMean / count).toFixed(1)}, level term ${(sLevel / count).toFixed(1)}); median ratio ${ratios[count >> 1]!.toFixed(2)}`);
  console.log(`  param-level term ${(sLp / count).toFixed(1)}`, [...proto].filter(([k]) => k.endsWith(String(d))).map(([k, [o, u]]) => `${k}: over ${(o / count).toFixed(3)} under ${(u / count).toFixed(3)}`).join('; '));
  if (d === 28) console.log([...models].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8).map(([k, [c, o]]) => `${k}: ${c} (${(o / c * 100).toFixed(0)}% over)`).join('\n'));
}
