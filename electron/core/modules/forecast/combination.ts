import { fitted, type Fitted } from './types.js';

/** Equal-weight mean of member forecasts — the ETS / Theta / damped combination that tends to beat each member on M3. */
export function combine(members: Fitted[], name = 'combo'): Fitted {
  // Each member's own parameters, named after it ("ets(A,Ad,N).alpha"), so the page can show them.
  // Plain loops (same keys, same order as Object.fromEntries of the entries): this ran for every
  // series of a catalog run, and the entry arrays and closures were a visible share of a worker's time.
  const params: Record<string, number> = {};
  for (const m of members) for (const k of Object.keys(m.params)) params[`${m.model}.${k}`] = m.params[k]!;
  let buf = new Float64Array(0);
  // The members' forecast functions taken once: read off fits of several shapes in every call, they
  // deoptimised this closure (same calls, same order, same sums).
  const intos: Array<Fitted['forecastInto']> = [];
  for (const m of members) intos.push(m.forecastInto);
  const count = members.length;
  return fitted(name, params, Math.max(...members.map((m) => m.minOrigin)), (t, h, out, off) => {
    if (buf.length < h) buf = new Float64Array(h);
    out.fill(0, off, off + h);
    for (const into of intos) {
      into(t, h, buf, 0);
      for (let i = 0; i < h; i++) out[off + i]! += buf[i]! / count;
    }
  });
}
