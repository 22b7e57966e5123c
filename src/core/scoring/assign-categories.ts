import type { AccountFacts } from './account-facts.ts';
import { breadthOf, yearsWithPurchases } from './derive-features.ts';
import type { ScoringModel } from './scoring-model.ts';
import { quantileSorted } from './transforms.ts';

export const CATEGORIES = ['strategic', 'core', 'beachhead', 'greenfield'] as const;
export type Category = (typeof CATEGORIES)[number];

export type CategoryResult = { category: Category; reason: string };

/** Days from the date `months` months before `asOf` (ISO) to `asOf`. */
export function daysInLastMonths(asOf: string, months: number): number {
  const end = Date.parse(`${asOf}T00:00:00Z`);
  const date = new Date(end);
  date.setUTCMonth(date.getUTCMonth() - months);
  return Math.round((end - date.getTime()) / 86_400_000);
}

/**
 * Relationship categories (DESIGN section 3), from history with the vendor and independent of
 * tiers: greenfield (no purchase in the last N months, or never), strategic (share of wallet at
 * least S, large spend in each of the last 3 years, and a C-level contact active in the last
 * 12 months), core (breadth ≥ B and purchases in ≥ Y of the last 3 years), beachhead (the rest).
 */
export function assignCategories(options: {
  facts: AccountFacts;
  shareOfWallet: Float64Array;
  model: ScoringModel;
  asOf: string;
}): CategoryResult[] {
  const { facts, shareOfWallet, model, asOf } = options;
  const rules = model.categories;
  const greenfieldDays = daysInLastMonths(asOf, rules.greenfieldMonths);
  const spends = facts.revenueTtm.filter((r) => r > 0).sort((a, b) => a - b);
  const large =
    spends.length > 0 ? quantileSorted(spends, rules.strategicSpendPercentile) : Infinity;
  const money = (x: number): string => `$${Math.round(x).toLocaleString('en-US')}`;
  return facts.accountId.map((_, i): CategoryResult => {
    const days = facts.daysSinceLastPurchase[i];
    if (days === null || days === undefined || days >= greenfieldDays) {
      return {
        category: 'greenfield',
        reason:
          days === null || days === undefined
            ? 'never bought'
            : `no purchase in the last ${rules.greenfieldMonths} months (last one ${days} days ago)`,
      };
    }
    const share = shareOfWallet[i] as number;
    const years = [facts.revenueTtm[i] ?? 0, facts.revenuePrev12m[i] ?? 0, facts.revenueY3[i] ?? 0];
    const cLevel = (facts.cLevelEngaged[i] ?? 0) > 0;
    if (
      !Number.isNaN(share) &&
      share >= rules.strategicShareOfWallet &&
      years.every((y) => y >= large) &&
      cLevel
    ) {
      return {
        category: 'strategic',
        reason: `share of wallet ${(share * 100).toFixed(0)}%, at least ${money(large)} in each of the last 3 years, C-level sponsor active`,
      };
    }
    const breadth = breadthOf(facts, i);
    const active = yearsWithPurchases(facts, i);
    if (breadth >= rules.coreMinBreadth && active >= rules.coreMinYears) {
      return {
        category: 'core',
        reason: `breadth ${breadth}, purchases in ${active} of the last 3 years`,
      };
    }
    return {
      category: 'beachhead',
      reason: `bought in the last ${rules.greenfieldMonths} months; breadth ${breadth}, purchases in ${active} of the last 3 years`,
    };
  });
}
