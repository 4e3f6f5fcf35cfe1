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
for (const d of [12, 28]) {
  let sErr = 0, sV = 0, sNoise = 0, sMean = 0, sLevel = 0; const ratios: number[] = []; const models = new Map<string, [number, number]>();
  for (const r of res) { if (!r.ok) continue; const t = truth.get(r.id)!; const f = r.result;
    const m = f.total!.p50[d - 1]!; const V = ((f.total!.p90[d - 1]! - f.total!.p10[d - 1]!) / (2 * 1.2816)) ** 2;
    const a = t.y.slice(n, n + d).reduce((x, z) => x + z, 0); const e = t.mu.slice(n, n + d).reduce((x, z) => x + z, 0);
    sErr += (a - m) ** 2; sV += V; sNoise += e; sMean += (m - e) ** 2; sLevel += f.params.levelVariance! * m * m; ratios.push((a - m) ** 2 / V);
    const k = f.model; const c = models.get(k) ?? [0, 0]; c[0]++; if (a > f.total!.p90[d - 1]!) c[1]++; models.set(k, c);
  }
  ratios.sort((x, z) => x - z);
  console.log(`d=${d}: E(a-m)^2 ${(sErr / count).toFixed(1)}  E V ${(sV / count).toFixed(1)}  (noise var ${(sNoise / count).toFixed(1)}, mean-error^2 ${(sMean / count).toFixed(1)}, level term ${(sLevel / count).toFixed(1)}); median ratio ${ratios[count >> 1]!.toFixed(2)}`);
  if (d === 28) console.log([...models].sort((a, b) => b[1][0] - a[1][0]).slice(0, 8).map(([k, [c, o]]) => `${k}: ${c} (${(o / c * 100).toFixed(0)}% over)`).join('\n'));
}
