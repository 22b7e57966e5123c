import { describe, expect, it } from 'vitest';
import type { AccountFacts } from './account-facts.ts';
import { assignCategories, daysInLastMonths } from './assign-categories.ts';
import { DEFAULT_MODEL_YAML } from './default-model.ts';
import { parseModel } from './parse-model.ts';

const model = parseModel(DEFAULT_MODEL_YAML, 'default');
const asOf = '2026-10-31';

type Fixture = Partial<{ [K in keyof AccountFacts]: AccountFacts[K][number] }> & { share?: number };

/** Hand-made accounts; the population also holds thirty small customers that set the "large spend" bar. */
function categorise(fixtures: Fixture[]): string[] {
  const small: Fixture[] = Array.from({ length: 30 }, () => ({
    revenueTtm: 1_000,
    revenuePrev12m: 1_000,
    revenueY3: 1_000,
    daysSinceLastPurchase: 10,
  }));
  const all = [...fixtures, ...small];
  const column = <K extends keyof AccountFacts>(
    key: K,
    fallback: AccountFacts[K][number],
  ): AccountFacts[K] => all.map((f) => f[key] ?? fallback) as AccountFacts[K];
  const facts = {
    accountId: all.map((_, i) => i + 1),
    revenueTtm: column('revenueTtm', 0),
    revenuePrev12m: column('revenuePrev12m', 0),
    revenueY3: column('revenueY3', 0),
    daysSinceLastPurchase: column('daysSinceLastPurchase', null),
    productFamilies: column('productFamilies', 1),
    businessUnits: column('businessUnits', 1),
    regions: column('regions', 1),
    cLevelEngaged: column('cLevelEngaged', 0),
  } as AccountFacts;
  const shareOfWallet = Float64Array.from(all, (f) => f.share ?? NaN);
  return assignCategories({ facts, shareOfWallet, model, asOf })
    .slice(0, fixtures.length)
    .map((c) => `${c.category}: ${c.reason}`);
}

const strategic: Fixture = {
  revenueTtm: 500_000,
  revenuePrev12m: 400_000,
  revenueY3: 300_000,
  daysSinceLastPurchase: 5,
  share: 0.6,
  cLevelEngaged: 1,
  productFamilies: 4,
};

describe('relationship categories', () => {
  it('count 36 months back in calendar months', () => {
    expect(daysInLastMonths(asOf, 36)).toBe(1096);
  });

  it('greenfield: never bought, or the last purchase exactly 36 months ago; one day later is not', () => {
    expect(
      categorise([
        {},
        { daysSinceLastPurchase: 1096, revenueY3: 0 },
        { daysSinceLastPurchase: 1095, revenueY3: 10 },
      ]),
    ).toEqual([
      'greenfield: never bought',
      'greenfield: no purchase in the last 36 months (last one 1096 days ago)',
      'beachhead: bought in the last 36 months; breadth 0, purchases in 1 of the last 3 years',
    ]);
  });

  it('strategic needs a share of wallet of at least 50% (exactly 50% counts), large spend every year and a C-level sponsor', () => {
    expect(
      categorise([
        strategic,
        { ...strategic, share: 0.5 },
        { ...strategic, share: 0.4999 },
        { ...strategic, cLevelEngaged: 0 },
        { ...strategic, revenueY3: 500 },
      ]),
    ).toEqual([
      'strategic: share of wallet 60%, at least $1,000 in each of the last 3 years, C-level sponsor active',
      'strategic: share of wallet 50%, at least $1,000 in each of the last 3 years, C-level sponsor active',
      'core: breadth 4, purchases in 3 of the last 3 years',
      'core: breadth 4, purchases in 3 of the last 3 years',
      'core: breadth 4, purchases in 3 of the last 3 years',
    ]);
  });

  it('core needs breadth of 2 and purchases in 2 of the last 3 years; the rest is beachhead', () => {
    expect(
      categorise([
        { revenueTtm: 100, revenuePrev12m: 100, daysSinceLastPurchase: 20, businessUnits: 2 },
        { revenueTtm: 100, revenuePrev12m: 0, revenueY3: 0, daysSinceLastPurchase: 20, regions: 3 },
        { revenueTtm: 100, revenuePrev12m: 100, daysSinceLastPurchase: 20 },
      ]),
    ).toEqual([
      'core: breadth 2, purchases in 2 of the last 3 years',
      'beachhead: bought in the last 36 months; breadth 3, purchases in 1 of the last 3 years',
      'beachhead: bought in the last 36 months; breadth 1, purchases in 2 of the last 3 years',
    ]);
  });
});
