import {
  fitWalletModel,
  potentialSpend,
  type Firmographics,
  type WalletModel,
} from '../wallet/estimate-wallet.ts';
import type { AccountFacts } from './account-facts.ts';
import type { Potential } from './derive-features.ts';
import type { ScoringModel } from './scoring-model.ts';

/**
 * Potential spend per account (DESIGN section 4): the peer wallet estimate (a high quantile of
 * what similar current customers spend) blended with the reps' total-opportunity answer, never
 * below what the account spends today; share of wallet follows from it.
 */
export function estimatePotential(options: {
  facts: AccountFacts;
  /** The reps' total-opportunity answer per account position (NaN when unanswered). */
  repEstimates: Float64Array;
  /** Expected 12-month spend from the transaction models per account position (NaN = none). */
  transactionEstimates?: Float64Array;
  model: ScoringModel;
}): Potential & { wallet: WalletModel | null } {
  const { facts, repEstimates, model } = options;
  const n = facts.accountId.length;
  const firmographics = (i: number): Firmographics => ({
    industry: facts.industry[i] ?? null,
    region: facts.region[i] ?? null,
    employees: facts.employees[i] ?? null,
    annualRevenue: facts.annualRevenue[i] ?? null,
  });
  const customers: { firmographics: Firmographics; annualSpend: number }[] = [];
  for (let i = 0; i < n; i++) {
    const spend = facts.revenueTtm[i] ?? 0;
    if (spend > 0) customers.push({ firmographics: firmographics(i), annualSpend: spend });
  }
  const wallet =
    customers.length > 0 ? fitWalletModel(customers, { quantile: model.wallet.quantile }) : null;
  const potentialSpendColumn = new Float64Array(n);
  const shareOfWallet = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const rep = repEstimates[i] as number;
    const peer = wallet ? wallet.predict(firmographics(i)) : 0;
    const transactions = options.transactionEstimates?.[i] ?? NaN;
    const weight = model.wallet.transactionWeight;
    const result = potentialSpend(
      {
        // the transaction models' forecast joins the peer estimate, by its configured weight
        peerEstimate: Number.isNaN(transactions)
          ? peer
          : (1 - weight) * peer + weight * transactions,
        repEstimate: Number.isNaN(rep) ? null : rep,
        currentSpend: facts.revenueTtm[i] ?? 0,
      },
      { repWeight: model.wallet.repWeight },
    );
    potentialSpendColumn[i] = result.potential;
    shareOfWallet[i] = result.shareOfWallet ?? NaN;
  }
  return { potentialSpend: potentialSpendColumn, shareOfWallet, wallet };
}
