import type { BgNbdData, BgNbdParams } from './bgnbd.ts';
import type { GammaGammaParams } from './gamma-gamma.ts';
import { ModelInputError } from './model-errors.ts';
import { sampleBeta, sampleGamma, type Random } from './seeded-random.ts';

/** Options of {@link simulateBgNbdCustomers}; each field documents its default. */
export type SimulateOptions = {
  customers: number;
  /** Injected uniform generator (seed it for reproducible data). */
  random: Random;
  /**
   * Observation lengths T are whole days / 7 drawn uniformly from [minT, maxT] weeks
   * (default 27..39 weeks, like the CDNOW cohort), and t_x is rounded to whole days, so
   * histories repeat and merge well.
   */
  minT?: number;
  maxT?: number;
  /** Also draw transaction values from this Gamma-Gamma model (default: no values). */
  spend?: GammaGammaParams;
};

/** Simulated calibration data: BG/NBD columns plus mean repeat value when `spend` was given. */
export type SimulatedCustomers = BgNbdData & {
  x: Float64Array;
  tx: Float64Array;
  T: Float64Array;
  zbar: Float64Array;
};

/**
 * Draws customers from the BG/NBD generative process (Fader, Hardie & Lee 2005, Marketing
 * Science 24(2), section 3): λ ~ Gamma(r, α), p ~ Beta(a, b); exponential inter-purchase
 * times; after each repeat purchase the customer drops out with probability p. With
 * `spend`, each repeat purchase is worth Gamma(p, ν) with ν ~ Gamma(q, γ) (Gamma-Gamma).
 * Times in weeks; t_x rounded to the day.
 */
export function simulateBgNbdCustomers(
  params: BgNbdParams,
  options: SimulateOptions,
): SimulatedCustomers {
  const { customers, random } = options;
  if (!Number.isInteger(customers) || customers < 1)
    throw new ModelInputError(
      'simulateBgNbdCustomers',
      `customers must be a positive integer, got ${customers}`,
    );
  const minDays = Math.round((options.minT ?? 27) * 7);
  const maxDays = Math.round((options.maxT ?? 39) * 7);
  const x = new Float64Array(customers);
  const tx = new Float64Array(customers);
  const T = new Float64Array(customers);
  const zbar = new Float64Array(customers);
  const spend = options.spend;
  for (let i = 0; i < customers; i += 1) {
    const days = minDays + Math.floor(random() * (maxDays - minDays + 1));
    const horizon = days / 7;
    const lambda = sampleGamma(random, params.r, params.alpha);
    const dropout = sampleBeta(random, params.a, params.b);
    const nu = spend ? sampleGamma(random, spend.q, spend.gamma) : 0;
    let time = 0;
    let last = 0;
    let count = 0;
    let value = 0;
    for (;;) {
      time += -Math.log(1 - random()) / lambda;
      if (!(time <= horizon)) break;
      // every purchase counts (no same-day merging), so the data follow the model exactly
      count += 1;
      last = time;
      if (spend) value += sampleGamma(random, spend.p, nu);
      if (random() < dropout) break;
    }
    x[i] = count;
    tx[i] = Math.min(days, Math.round(last * 7)) / 7;
    T[i] = horizon;
    zbar[i] = count > 0 ? value / count : 0;
  }
  return { x, tx, T, zbar };
}
