import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../models/seeded-random.ts';
import { meanPinballLoss, empiricalQuantile } from './empirical-quantile.ts';
import {
  fitWalletModel,
  fitWalletQuantiles,
  type Firmographics,
  type WalletCustomer,
  type WalletModel,
} from './estimate-wallet.ts';
import {
  SIMULATED_INDUSTRIES,
  SIMULATED_REGIONS,
  simulateWalletCustomers,
  type SimulatedWalletCustomer,
} from './simulate-wallet-customers.ts';

const TRAIN = simulateWalletCustomers({ customers: 20_000, random: createSeededRandom(101) });
const HELD_OUT = simulateWalletCustomers({ customers: 10_000, random: createSeededRandom(202) });
const NONE: Firmographics = { industry: null, region: null, employees: null, annualRevenue: null };

function coverage(model: WalletModel, customers: readonly WalletCustomer[]): number {
  let covered = 0;
  for (const c of customers) if (c.annualSpend <= model.predict(c.firmographics)) covered += 1;
  return covered / customers.length;
}

/** Held-out mean check loss on log(1 + spend) of the model and of the training q-quantile. */
function heldOutLoss(
  model: WalletModel,
  data: { train: readonly WalletCustomer[]; test: readonly WalletCustomer[] },
): { model: number; baseline: number } {
  const q = model.quantile;
  const actual = data.test.map((c) => Math.log1p(c.annualSpend));
  const constant = empiricalQuantile(
    data.train.map((c) => Math.log1p(c.annualSpend)),
    q,
  );
  return {
    model: meanPinballLoss(
      actual,
      data.test.map((c) => Math.log1p(model.predict(c.firmographics))),
      q,
    ),
    baseline: meanPinballLoss(
      actual,
      actual.map(() => constant),
      q,
    ),
  };
}

/** Spearman's rank correlation (average ranks for ties). */
function spearman(a: readonly number[], b: readonly number[]): number {
  const rank = (v: readonly number[]): number[] => {
    const order = v.map((x, i) => [x, i] as const).sort((p, q) => p[0] - q[0]);
    const ranks = new Array<number>(v.length).fill(0);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]?.[0] === order[i]?.[0]) j += 1;
      for (let k = i; k <= j; k += 1) ranks[order[k]?.[1] ?? 0] = (i + j) / 2;
      i = j + 1;
    }
    return ranks;
  };
  const ra = rank(a);
  const rb = rank(b);
  const mean = (ra.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  ra.forEach((x, i) => {
    const y = rb[i] ?? 0;
    num += (x - mean) * (y - mean);
    da += (x - mean) ** 2;
    db += (y - mean) ** 2;
  });
  return num / Math.sqrt(da * db);
}

const anyFirmographics: fc.Arbitrary<Firmographics> = fc.record({
  industry: fc.option(fc.oneof(fc.constantFrom(...SIMULATED_INDUSTRIES), fc.string()), {
    nil: null,
  }),
  region: fc.option(fc.oneof(fc.constantFrom(...SIMULATED_REGIONS), fc.string()), { nil: null }),
  employees: fc.option(fc.double(), { nil: null }),
  annualRevenue: fc.option(fc.double(), { nil: null }),
});

describe('fitWalletModel on generated customers with a planted wallet', () => {
  const models = new Map([0.5, 0.8, 0.9].map((q) => [q, fitWalletModel(TRAIN, { quantile: q })]));

  it.each([0.5, 0.8, 0.9])(
    'is calibrated at q = %s: held-out share with spend ≤ estimate within 0.03 of q',
    (q) => {
      const model = models.get(q);
      if (!model) throw new Error('model missing');
      expect(model.method).toBe('quantile-regression');
      expect(Math.abs(coverage(model, HELD_OUT) - q)).toBeLessThan(0.03);
      expect(Math.abs(model.diagnostics.calibration - q)).toBeLessThan(0.03);
      expect(model.diagnostics.customers).toBe(TRAIN.length);
    },
  );

  it('beats the constant-quantile baseline clearly on held-out pinball loss when firmographics carry signal', () => {
    for (const model of models.values()) {
      const loss = heldOutLoss(model, { train: TRAIN, test: HELD_OUT });
      expect(loss.model).toBeLessThan(0.7 * loss.baseline);
      expect(model.diagnostics.pinballLoss).toBeLessThan(
        0.7 * model.diagnostics.baselinePinballLoss,
      );
    }
  });

  it('does not overfit when firmographics carry no signal: held-out loss stays within 2 % of the baseline', () => {
    const random = createSeededRandom(303);
    const train = simulateWalletCustomers({ customers: 5_000, random, signal: false });
    const test = simulateWalletCustomers({ customers: 5_000, random, signal: false });
    const model = fitWalletModel(train);
    const loss = heldOutLoss(model, { train, test });
    expect(loss.model).toBeLessThan(1.02 * loss.baseline);
    expect(Math.abs(coverage(model, test) - 0.8)).toBeLessThan(0.03);
  });

  it('recovers the planted wallet ranking (Spearman > 0.8 on held-out accounts)', () => {
    const model = models.get(0.8);
    if (!model) throw new Error('model missing');
    const rho = spearman(
      HELD_OUT.map((c) => model.predict(c.firmographics)),
      HELD_OUT.map((c) => c.wallet),
    );
    expect(rho).toBeGreaterThan(0.8);
  });

  it('recovers the planted elasticities (0.35 for employees, 0.45 for revenue) within 0.05', () => {
    const description = models.get(0.8)?.describe();
    if (description?.method !== 'quantile-regression') throw new Error('expected a regression');
    const [employees, revenue] = description.numeric;
    expect(Math.abs((employees?.coefficient ?? 0) - 0.35)).toBeLessThan(0.05);
    expect(Math.abs((revenue?.coefficient ?? 0) - 0.45)).toBeLessThan(0.05);
    // planted industry effects rise by 1.2 from the first to the last industry
    const industry = description.categories.find((c) => c.feature === 'industry');
    const effect = (label: string): number =>
      industry?.levels.find((l) => l.label === label)?.effect ?? Number.NaN;
    expect(effect('Agriculture') - effect('Manufacturing')).toBeGreaterThan(0.9);
    expect(description.source).toMatch(/Koenker & Bassett 1978/);
    expect(description.source).toMatch(/Perlich/);
  });

  it('gives finite estimates ≥ 0 for any firmographics, including nulls, junk numbers and unseen categories', () => {
    const regression = models.get(0.8);
    const groups = fitWalletModel(TRAIN.slice(0, 20), { minPeers: 3 });
    expect(groups.method).toBe('peer-groups');
    for (const model of [regression, groups]) {
      if (!model) throw new Error('model missing');
      fc.assert(
        fc.property(anyFirmographics, (f) => {
          const estimate = model.predict(f);
          return Number.isFinite(estimate) && estimate >= 0;
        }),
        { seed: 42, numRuns: 500 },
      );
    }
  });

  it('gives an unseen industry and region the customer-weighted average effect (the baseline)', () => {
    const model = models.get(0.8);
    const description = model?.describe();
    if (!model || description?.method !== 'quantile-regression')
      throw new Error('expected a regression');
    const [employees, revenue] = description.numeric;
    const average: Firmographics = {
      industry: 'Quantum Mining',
      region: 'Antarctica',
      employees: employees?.imputedValue ?? null,
      annualRevenue: revenue?.imputedValue ?? null,
    };
    expect(model.predict(average) / description.baselineEstimate).toBeCloseTo(1, 9);
    // names are matched after trimming and case folding
    const retail = { ...average, industry: 'Retail' };
    expect(model.predict({ ...retail, industry: '  retail ' })).toBe(model.predict(retail));
    // larger firms get larger wallets; beyond the customers' range the line is not extrapolated
    expect(model.predict({ ...retail, employees: 5_000 })).toBeGreaterThan(model.predict(retail));
    expect(model.predict({ ...retail, employees: 1e30 })).toBe(
      model.predict({ ...retail, employees: employees?.range[1] ?? 0 }),
    );
    expect(model.predict(NONE)).toBeGreaterThan(0);
  });

  it('is deterministic: the same customers and options give the same estimates', () => {
    const again = fitWalletModel(TRAIN, { quantile: 0.8 });
    const first = models.get(0.8);
    for (const c of HELD_OUT.slice(0, 200)) {
      expect(again.predict(c.firmographics)).toBe(first?.predict(c.firmographics));
    }
  });
});

describe('fitWalletQuantiles', () => {
  it('never lets a higher quantile fall below a lower one, for held-out and arbitrary accounts', () => {
    const set = fitWalletQuantiles(TRAIN);
    expect(set.quantiles).toEqual([0.5, 0.8, 0.9]);
    for (const c of HELD_OUT) {
      const [q50 = 0, q80 = 0, q90 = 0] = set.predict(c.firmographics);
      expect(q90).toBeGreaterThanOrEqual(q80);
      expect(q80).toBeGreaterThanOrEqual(q50);
    }
    fc.assert(
      fc.property(anyFirmographics, (f) => {
        const [a = 0, b = 0, c = 0] = set.predict(f);
        return a <= b && b <= c;
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('enforces monotonicity by sorting each account’s estimates when separately fitted lines cross', () => {
    // 40 customers and quantiles 0.05 apart: the separate fits do cross for some accounts
    const customers = simulateWalletCustomers({ customers: 40, random: createSeededRandom(3) });
    const set = fitWalletQuantiles(customers, { quantiles: [0.6, 0.5, 0.55], minPeers: 3 });
    expect(set.quantiles).toEqual([0.5, 0.55, 0.6]);
    expect(set.crossingShare).toBeGreaterThan(0);
    let crossedAccounts = 0;
    for (const c of customers) {
      const raw = set.models.map((m) => m.predict(c.firmographics));
      const sorted = [...raw].sort((a, b) => a - b);
      if (raw.some((v, i) => v !== sorted[i])) crossedAccounts += 1;
      expect(set.predict(c.firmographics)).toEqual(sorted);
    }
    expect(crossedAccounts).toBeGreaterThan(0);
  });

  it('throws naming the function when a quantile is outside (0, 1) or none is given', () => {
    expect(() => fitWalletQuantiles(TRAIN, { quantiles: [0.5, 1] })).toThrow(
      /fitWalletQuantiles: quantile must be in \(0, 1\)/,
    );
    expect(() => fitWalletQuantiles(TRAIN, { quantiles: [] })).toThrow(/fitWalletQuantiles/);
  });
});

describe('fitWalletModel on degenerate inputs', () => {
  const customer = (
    firmographics: Partial<Firmographics>,
    annualSpend: number,
  ): SimulatedWalletCustomer => ({
    firmographics: { ...NONE, ...firmographics },
    annualSpend,
    wallet: annualSpend,
  });

  it('throws a clear error naming the function on an empty list or when no spend is positive', () => {
    expect(() => fitWalletModel([])).toThrow(Error);
    expect(() => fitWalletModel([])).toThrow(/fitWalletModel: needs at least one customer/);
    expect(() => fitWalletModel([customer({}, 0), customer({}, Number.NaN)])).toThrow(
      /fitWalletModel/,
    );
    expect(() => fitWalletModel(TRAIN, { quantile: 1.2 })).toThrow(/fitWalletModel: quantile/);
    expect(() => fitWalletModel(TRAIN, { minPeers: 0 })).toThrow(/fitWalletModel: minPeers/);
  });

  it('skips customers whose spend is not positive and counts them', () => {
    const model = fitWalletModel([...TRAIN.slice(0, 500), customer({}, 0), customer({}, -5)]);
    expect(model.diagnostics.customers).toBe(500);
    expect(model.diagnostics.skippedCustomers).toBe(2);
  });

  it('falls back to peer-group quantiles by industry, then the global quantile, below 30 customers', () => {
    const spends = [10, 20, 30, 40, 50, 60];
    const customers = [
      ...spends.map((s) => customer({ industry: 'Retail' }, s * 1000)),
      ...spends.map((s) => customer({ industry: 'Energy' }, s * 100)),
      customer({ industry: 'Media' }, 1e6),
    ];
    const model = fitWalletModel(customers, { minPeers: 5 });
    const description = model.describe();
    expect(model.method).toBe('peer-groups');
    if (description.method !== 'peer-groups') throw new Error('expected peer groups');
    expect(description.reason).toMatch(/only 13 customers/);
    // R: quantile(c(10, 20, 30, 40, 50, 60) * 1000, 0.8) = 50000
    expect(model.predict({ ...NONE, industry: 'Retail' })).toBeCloseTo(50_000, 6);
    expect(model.predict({ ...NONE, industry: 'energy' })).toBeCloseTo(5_000, 6);
    // Media has one customer (< minPeers) and Mining none: both get the global quantile
    const global = empiricalQuantile(
      customers.map((c) => c.annualSpend),
      0.8,
    );
    expect(model.predict({ ...NONE, industry: 'Media' })).toBeCloseTo(global, 6);
    expect(model.predict({ ...NONE, industry: 'Mining' })).toBeCloseTo(global, 6);
    expect(description.industries.map((g) => g.label)).toEqual(['Energy', 'Retail']);
  });

  it('falls back to the global quantile when every firmographic is missing', () => {
    const random = createSeededRandom(17);
    const customers = Array.from({ length: 100 }, () => customer({}, 1000 + 9000 * random()));
    const model = fitWalletModel(customers);
    const description = model.describe();
    if (description.method !== 'peer-groups') throw new Error('expected peer groups');
    expect(description.reason).toMatch(/no firmographic varies/);
    expect(model.predict(NONE)).toBeCloseTo(
      empiricalQuantile(
        customers.map((c) => c.annualSpend),
        0.8,
      ),
      6,
    );
    expect(Math.abs(model.diagnostics.calibration - 0.8)).toBeLessThan(0.02);
  });

  it('drops the industry terms when every customer has the same industry and still fits the rest', () => {
    const retail = simulateWalletCustomers({
      customers: 2_000,
      random: createSeededRandom(23),
    }).map((c) => ({ ...c, firmographics: { ...c.firmographics, industry: 'Retail' } }));
    const model = fitWalletModel(retail);
    const description = model.describe();
    if (description.method !== 'quantile-regression') throw new Error('expected a regression');
    expect(description.categories.find((c) => c.feature === 'industry')?.dropped).toBe(
      'every customer has industry Retail',
    );
    expect(Math.abs(model.diagnostics.calibration - 0.8)).toBeLessThan(0.03);
    expect(model.predict({ ...NONE, industry: 'Energy', employees: 100 })).toBe(
      model.predict({ ...NONE, industry: 'Retail', employees: 100 }),
    );
  });

  it('estimates the common spend when all spends are equal', () => {
    const same = simulateWalletCustomers({ customers: 300, random: createSeededRandom(29) }).map(
      (c) => ({ ...c, annualSpend: 5_000 }),
    );
    for (const q of [0.5, 0.9]) {
      const model = fitWalletModel(same, { quantile: q });
      for (const c of same.slice(0, 50)) {
        expect(Math.abs(model.predict(c.firmographics) / 5_000 - 1)).toBeLessThan(1e-3);
      }
      expect(Math.abs(model.predict(NONE) / 5_000 - 1)).toBeLessThan(1e-3);
    }
  });

  it('pools industries with fewer than minPeers customers into "(other)"', () => {
    const customers = [
      ...TRAIN.slice(0, 3000),
      ...TRAIN.slice(3000, 3003).map((c) => ({
        ...c,
        firmographics: { ...c.firmographics, industry: 'Space Tourism' },
      })),
    ];
    const description = fitWalletModel(customers).describe();
    if (description.method !== 'quantile-regression') throw new Error('expected a regression');
    const industry = description.categories.find((c) => c.feature === 'industry');
    expect(industry?.pooled).toContain('Space Tourism');
    expect(industry?.levels.map((l) => l.label)).toContain('(other)');
  });
});
