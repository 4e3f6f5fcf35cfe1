import type { Fitted } from './types.js';

/** Equal-weight mean of member forecasts — the ETS / Theta / damped combination that tends to beat each member on M3. */
export function combine(members: Fitted[], name = 'combo'): Fitted {
  return {
    model: name,
    // Each member's own parameters, named after it ("ets(A,Ad,N).alpha"), so the page can show them.
    params: Object.fromEntries(members.flatMap((m) => Object.entries(m.params).map(([k, v]) => [`${m.model}.${k}`, v]))),
    minOrigin: Math.max(...members.map((m) => m.minOrigin)),
    forecastFrom(t, h) {
      const out = new Array<number>(h).fill(0);
      for (const m of members) {
        const f = m.forecastFrom(t, h);
        for (let i = 0; i < h; i++) out[i]! += f[i]! / members.length;
      }
      return out;
    },
  };
}
