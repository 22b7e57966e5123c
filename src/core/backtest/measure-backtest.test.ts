import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS, type Tier } from '../scoring/assign-tiers.ts';
import { BacktestInputError } from './backtest-input-error.ts';
import { measureBacktest, summarizeSeries, type BacktestOutcomes } from './measure-backtest.ts';

/**
 * Ten hand-made accounts. growth = horizon − before.
 *
 * | i | tier    | before | horizon | growth | churned |
 * | 0 | 1a      |    100 |     300 |  +200  |         |
 * | 1 | 1a      |      0 |     150 |  +150  |         |
 * | 2 | 1b      |     50 |       0 |   −50  | yes     |
 * | 3 | 2-value |    500 |     520 |   +20  |         |
 * | 4 | 2-value |    400 |       0 |  −400  | yes     |
 * | 5 | 2-need  |      0 |      80 |   +80  |         |
 * | 6 | 3       |     10 |     310 |  +300  |         |
 * | 7 | 3       |      0 |       0 |     0  |         |
 * | 8 | 3       |    300 |     250 |   −50  |         |
 * | 9 | 3       |     20 |       0 |   −20  | yes     |
 *
 * Net growth = 750 − 50 − 400 − 50 − 20 = 230; increases only: 200 + 150 + 20 + 80 + 300 = 750.
 */
const FIXTURE: BacktestOutcomes = {
  accountId: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
  tier: ['1a', '1a', '1b', '2-value', '2-value', '2-need', '3', '3', '3', '3'] as Tier[],
  revenueBefore: [100, 0, 50, 500, 400, 0, 10, 0, 300, 20],
  revenueHorizon: [300, 150, 0, 520, 0, 80, 310, 0, 250, 0],
};

describe('measureBacktest on the hand-made fixture', () => {
  const m = measureBacktest(FIXTURE);

  it('captures net growth by tier, and increases only beside it', () => {
    expect(m.accounts).toBe(10);
    expect(m.netGrowth).toBe(230);
    expect(m.positiveGrowth).toBe(750);
    // Tier 1 = {0, 1, 2}: 200 + 150 − 50 = 300 of the book's 230 (the rest shrank); increases 350 / 750
    expect(m.tier1).toEqual({ accounts: 3, growth: 300, share: 300 / 230, gainsShare: 350 / 750 });
    // 1a = {0, 1}: 350; 1b = {2}: −50
    expect(m.tier1a).toEqual({ accounts: 2, growth: 350, share: 350 / 230, gainsShare: 350 / 750 });
    expect(m.tier1b).toEqual({ accounts: 1, growth: -50, share: -50 / 230, gainsShare: 0 });
  });

  it('compares with the value-only stack-rank and with random selection', () => {
    // top 3 by revenue before: i3 (500), i4 (400), i8 (300): 20 − 400 − 50 = −430; increases 20
    expect(m.valueOnly).toEqual({
      accounts: 3,
      growth: -430,
      share: -430 / 230,
      gainsShare: 20 / 750,
    });
    // 300/230 − (−430/230) = 730/230; no lift over a selection that shrank
    expect(m.advantageOverValueOnly).toBeCloseTo(730 / 230, 12);
    expect(m.liftOverValueOnly).toBeNull();
    // random: expected 3 / 10; lift (300/230) / 0.3
    expect(m.random.expected).toBe(0.3);
    expect(m.liftOverRandom).toBeCloseTo(300 / 230 / 0.3, 12);
    expect(m.random.draws).toBe(1000);
    // every 3-subset grows by between −400 − 50 − 50 and 300 + 200 + 150
    expect(m.random.low).toBeGreaterThanOrEqual(-500 / 230);
    expect(m.random.high).toBeLessThanOrEqual(650 / 230);
    expect(m.random.low ?? 1).toBeLessThan(m.random.expected ?? 0);
    expect(m.random.high ?? 0).toBeGreaterThan(m.random.expected ?? 1);
    // seeded: the same draws every time
    expect(measureBacktest(FIXTURE).random).toEqual(m.random);
  });

  it('lift over value-only is the ratio of net shares when both grew', () => {
    // i4 and i8 stay flat: net 230 + 400 + 50 = 680; value-only i3, i4, i8 grows 20
    const grown = measureBacktest({
      ...FIXTURE,
      revenueHorizon: [300, 150, 0, 520, 400, 80, 310, 0, 300, 0],
    });
    expect(grown.netGrowth).toBe(680);
    expect(grown.valueOnly.share).toBe(20 / 680);
    expect(grown.liftOverValueOnly).toBeCloseTo(300 / 20, 12);
  });

  it('scores Tier 1 against the future top decile by growth (1 account of 10: i6, +300, Tier 3)', () => {
    expect(m.topGrowth).toEqual({ accounts: 1, hits: 0, precision: 0, recall: 0 });
    // no Tier 3 account in the top 1 by horizon revenue (i3, 520)
    expect(m.tier3BecameLarge).toEqual({ tier3Accounts: 4, becameLarge: 0 });
  });

  it('with the top 30%: precision and recall 2/3, one Tier 3 account became large', () => {
    const wide = measureBacktest(FIXTURE, { topShare: 0.3 });
    // top 3 by growth: i6 (300), i0 (200), i1 (150); Tier 1 holds i0 and i1 → 2 of 3 both ways
    expect(wide.topGrowth).toEqual({ accounts: 3, hits: 2, precision: 2 / 3, recall: 2 / 3 });
    // top 3 by horizon revenue: i3, i6, i0; top 3 before: i3, i4, i8 → i6 (Tier 3) entered
    expect(wide.tier3BecameLarge).toEqual({ tier3Accounts: 4, becameLarge: 1 });
  });

  it('counts churn per tier among accounts that had revenue before the cutoff', () => {
    expect(m.churnByTier).toEqual({
      '1a': { customers: 1, churned: 0, rate: 0 }, // i0 (i1 had no revenue before)
      '1b': { customers: 1, churned: 1, rate: 1 }, // i2
      '2-value': { customers: 2, churned: 1, rate: 0.5 }, // i3 stays, i4 churns
      '2-need': { customers: 0, churned: 0, rate: null }, // i5 was not a customer yet
      '3': { customers: 3, churned: 1, rate: 1 / 3 }, // i6, i8 stay, i9 churns
    });
  });

  it('answers null shares when nothing grew, and throws on a wrong shape', () => {
    const flat = measureBacktest({ ...FIXTURE, revenueHorizon: FIXTURE.revenueBefore });
    expect(flat.netGrowth).toBe(0);
    expect(flat.positiveGrowth).toBe(0);
    expect(flat.tier1).toEqual({ accounts: 3, growth: 0, share: null, gainsShare: null });
    expect(flat.random.low).toBeNull();
    // a shrinking book: shares of net growth are null, increases still have theirs
    const shrinking = measureBacktest({
      ...FIXTURE,
      revenueHorizon: [...FIXTURE.revenueHorizon.slice(0, 6), 10, 0, 250, 0],
    });
    expect(shrinking.netGrowth).toBe(-70);
    expect(shrinking.tier1.share).toBeNull();
    expect(shrinking.tier1.gainsShare).toBe(350 / 450);
    expect(shrinking.advantageOverValueOnly).toBeNull();
    expect(() => measureBacktest({ ...FIXTURE, tier: [] })).toThrow(BacktestInputError);
    expect(() =>
      measureBacktest({ accountId: [], tier: [], revenueBefore: [], revenueHorizon: [] }),
    ).toThrow('measureBacktest: no accounts to measure');
  });
});

describe('measureBacktest invariants (property)', () => {
  const account = fc.record({
    tier: fc.constantFrom(...TIERS),
    before: fc.integer({ min: 0, max: 1_000_000 }),
    horizon: fc.integer({ min: 0, max: 1_000_000 }),
  });
  it('growth adds up over the tiers, shares follow it, increases only lies in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(account, { minLength: 1, maxLength: 60 }), (rows) => {
        const m = measureBacktest(
          {
            accountId: rows.map((_, i) => i + 1),
            tier: rows.map((r) => r.tier),
            revenueBefore: rows.map((r) => r.before),
            revenueHorizon: rows.map((r) => r.horizon),
          },
          { draws: 20 },
        );
        const net = rows.reduce((s, r) => s + r.horizon - r.before, 0);
        expect(m.netGrowth).toBe(net);
        expect(m.tier1.growth).toBe(m.tier1a.growth + m.tier1b.growth);
        expect(m.valueOnly.accounts).toBe(m.tier1.accounts);
        for (const c of [m.tier1, m.tier1a, m.tier1b, m.valueOnly]) {
          if (net > 0) expect(c.share).toBeCloseTo(c.growth / net, 12);
          else expect(c.share).toBeNull();
          if (m.positiveGrowth > 0) {
            expect(c.gainsShare).toBeGreaterThanOrEqual(0);
            expect(c.gainsShare).toBeLessThanOrEqual(1 + 1e-12);
          } else expect(c.gainsShare).toBeNull();
        }
        if (net > 0) {
          expect(m.advantageOverValueOnly).toBeCloseTo(
            (m.tier1.share ?? 0) - (m.valueOnly.share ?? 0),
            12,
          );
          expect(m.random.low ?? Infinity).toBeLessThanOrEqual(m.random.high ?? -Infinity);
        } else expect(m.advantageOverValueOnly).toBeNull();
      }),
    );
  });
});

describe('summarizeSeries', () => {
  it('mean and sample standard deviation of 0.02, 0.04, 0.06 are 0.04 and 0.02', () => {
    const s = summarizeSeries([0.02, 0.04, 0.06]);
    expect(s.mean).toBeCloseTo(0.04, 12);
    expect(s.sd).toBeCloseTo(0.02, 12);
    expect(s).toMatchObject({ count: 3, min: 0.02, max: 0.06 });
    expect(summarizeSeries([0.1]).sd).toBeNull();
  });
});
