/** Options of {@link minimizeNelderMead}; every field has a default. */
export type NelderMeadOptions = {
  /** Edge of the initial simplex, added to each coordinate of the start (default 0.25). */
  initialStep?: number;
  /** Stop with `converged: false` after this many function evaluations (default 400 × dimension). */
  maxEvaluations?: number;
  /** Converged when every vertex lies within this distance of the best, per coordinate (default 1e-7). */
  xTolerance?: number;
  /** …and the vertices' values differ by at most this × (1 + |best value|) (default 1e-11). */
  fTolerance?: number;
  /**
   * Maps each coordinate before the point is evaluated and before the tolerance test
   * (default: identity). A box clamp here makes a flat region beyond the box count as one
   * point, so the simplex can converge on a parameter that runs to the edge of its domain.
   */
  project?: (value: number, index: number) => number;
};

export type NelderMeadResult = {
  x: number[];
  value: number;
  evaluations: number;
  converged: boolean;
};

/**
 * Minimises f from x0 with the Nelder-Mead simplex method using the dimension-adaptive
 * coefficients of Gao & Han (2012, Comput. Optim. Appl. 51). Non-finite values count as
 * +Infinity. Returns the best vertex and whether the tolerances were met.
 */
export function minimizeNelderMead(
  f: (x: Float64Array) => number,
  x0: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = x0.length;
  if (n === 0) throw new RangeError('minimizeNelderMead: x0 is empty');
  const step = options.initialStep ?? 0.25;
  const maxEvaluations = options.maxEvaluations ?? 400 * n;
  const xTolerance = options.xTolerance ?? 1e-7;
  const fTolerance = options.fTolerance ?? 1e-11;
  const project = options.project;
  const reflection = 1;
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrink = n > 1 ? 1 - 1 / n : 0.5;

  const coordinate = (v: Float64Array, j: number): number => {
    const value = v[j] ?? 0;
    return project ? project(value, j) : value;
  };
  let evaluations = 0;
  const scratch = new Float64Array(n);
  const evaluate = (point: Float64Array): number => {
    for (let j = 0; j < n; j += 1) scratch[j] = coordinate(point, j);
    evaluations += 1;
    const value = f(scratch);
    return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
  };
  const byValue = (i: number, j: number): number => {
    const a = values[i] ?? 0;
    const b = values[j] ?? 0;
    return a < b ? -1 : a > b ? 1 : 0;
  };

  const vertices: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  for (let i = 0; i <= n; i += 1) {
    const v = Float64Array.from(x0);
    if (i > 0) v[i - 1] = (v[i - 1] ?? 0) + step;
    vertices.push(v);
    values[i] = evaluate(v);
  }
  const order = Array.from({ length: n + 1 }, (_, i) => i);
  const centroid = new Float64Array(n);
  const trial = new Float64Array(n);
  const second = new Float64Array(n);
  const at = (i: number): Float64Array => vertices[order[i] ?? 0] ?? trial;
  const valueAt = (i: number): number => values[order[i] ?? 0] ?? Number.POSITIVE_INFINITY;
  const replaceWorst = (point: Float64Array, value: number): void => {
    const worst = order[n] ?? 0;
    (vertices[worst] ?? trial).set(point);
    values[worst] = value;
  };
  const along = (target: Float64Array, t: number): void => {
    // target = centroid + t · (centroid − worst)
    const worst = at(n);
    for (let j = 0; j < n; j += 1) {
      const c = centroid[j] ?? 0;
      target[j] = c + t * (c - (worst[j] ?? 0));
    }
  };

  let converged = false;
  while (evaluations < maxEvaluations) {
    order.sort(byValue);
    const best = at(0);
    const bestValue = valueAt(0);
    let spread = 0;
    for (let i = 1; i <= n; i += 1) {
      const v = at(i);
      for (let j = 0; j < n; j += 1)
        spread = Math.max(spread, Math.abs(coordinate(v, j) - coordinate(best, j)));
    }
    const valueSpread = valueAt(n) - bestValue;
    if (spread <= xTolerance && valueSpread <= fTolerance * (1 + Math.abs(bestValue))) {
      converged = Number.isFinite(bestValue);
      break;
    }

    centroid.fill(0);
    for (let i = 0; i < n; i += 1) {
      const v = at(i);
      for (let j = 0; j < n; j += 1) centroid[j] = (centroid[j] ?? 0) + (v[j] ?? 0) / n;
    }
    along(trial, reflection);
    const reflected = evaluate(trial);
    if (reflected < bestValue) {
      along(second, reflection * expansion);
      const expanded = evaluate(second);
      if (expanded < reflected) replaceWorst(second, expanded);
      else replaceWorst(trial, reflected);
      continue;
    }
    if (reflected < valueAt(n - 1)) {
      replaceWorst(trial, reflected);
      continue;
    }
    const outside = reflected < valueAt(n);
    along(second, outside ? reflection * contraction : -contraction);
    const contracted = evaluate(second);
    if (contracted <= (outside ? reflected : valueAt(n))) {
      replaceWorst(second, contracted);
      continue;
    }
    // shrink every vertex towards the best one
    for (let i = 1; i <= n; i += 1) {
      const index = order[i] ?? 0;
      const v = vertices[index] ?? trial;
      for (let j = 0; j < n; j += 1)
        v[j] = (best[j] ?? 0) + shrink * ((v[j] ?? 0) - (best[j] ?? 0));
      values[index] = evaluate(v);
    }
  }
  order.sort(byValue);
  const best = at(0);
  return {
    x: Array.from(best, (_, j) => coordinate(best, j)),
    value: valueAt(0),
    evaluations,
    converged,
  };
}
