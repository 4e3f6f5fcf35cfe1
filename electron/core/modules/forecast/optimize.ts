import { emptyDoubles } from './types.js';

/**
 * Nelder–Mead simplex minimiser (unconstrained; callers map parameters into their ranges).
 * Small and deterministic: the ETS likelihood surfaces have at most 4 free parameters, where
 * this converges in a few hundred evaluations without gradients.
 */
export function nelderMead(
  f: (x: number[]) => number,
  x0: number[],
  opts: { step?: number; maxEval?: number; tol?: number } = {},
): { x: number[]; value: number; evals: number } {
  const n = x0.length;
  const step = opts.step ?? 0.5;
  const maxEval = opts.maxEval ?? 200 * n;
  const tol = opts.tol ?? 1e-7;
  const simplex: number[][] = [x0.slice()];
  for (let i = 0; i < n; i++) {
    const p = x0.slice();
    p[i] = p[i]! + step;
    simplex.push(p);
  }
  const values = emptyDoubles();
  for (const v of simplex) values.push(f(v));
  let evals = n + 1;
  // Insertion sort of the vertices by value (stable, like the sort it replaces): n ≤ 6 here, and
  // this loop runs hundreds of times per fit, so no allocation per iteration.
  const order = () => {
    for (let i = 1; i <= n; i++) {
      const v = values[i]!;
      const x = simplex[i]!;
      let j = i - 1;
      while (j >= 0 && values[j]! > v) {
        values[j + 1] = values[j]!;
        simplex[j + 1] = simplex[j]!;
        j--;
      }
      values[j + 1] = v;
      simplex[j + 1] = x;
    }
  };
  const centroid = new Array<number>(n).fill(0);
  const at = (c: number) => {
    const worst = simplex[n]!;
    // A copy of a vertex (unboxed doubles like them), not new Array(n): holey arrays beside packed
    // ones made the objective polymorphic and deoptimised it.
    const out = worst.slice();
    for (let j = 0; j < n; j++) out[j] = centroid[j]! + c * (worst[j]! - centroid[j]!);
    return out;
  };
  while (evals < maxEval) {
    order();
    if (Math.abs(values[n]! - values[0]!) <= tol * (Math.abs(values[0]!) + tol)) break;
    centroid.fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j]! += simplex[i]![j]! / n;
    const xr = at(-1);
    const fr = f(xr);
    evals++;
    if (fr < values[0]!) {
      const xe = at(-2);
      const fe = f(xe);
      evals++;
      if (fe < fr) {
        simplex[n] = xe;
        values[n] = fe;
      } else {
        simplex[n] = xr;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]!) {
      simplex[n] = xr;
      values[n] = fr;
    } else {
      const outside = fr < values[n]!;
      const xc = at(outside ? -0.5 : 0.5);
      const fc = f(xc);
      evals++;
      if (fc < (outside ? fr : values[n]!)) {
        simplex[n] = xc;
        values[n] = fc;
      } else {
        // Shrink towards the best vertex.
        for (let i = 1; i <= n; i++) {
          const v = simplex[i]!;
          for (let j = 0; j < n; j++) v[j] = simplex[0]![j]! + 0.5 * (v[j]! - simplex[0]![j]!);
          values[i] = f(v);
          evals++;
        }
      }
    }
  }
  order();
  return { x: simplex[0]!, value: values[0]!, evals };
}

/** Maps an unconstrained real onto (lo, hi); used so the simplex never leaves admissible ranges. */
export function squash(x: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-x));
}

/** Inverse of squash, for starting points. */
export function unsquash(v: number, lo: number, hi: number): number {
  const p = Math.min(Math.max((v - lo) / (hi - lo), 1e-6), 1 - 1e-6);
  return Math.log(p / (1 - p));
}
