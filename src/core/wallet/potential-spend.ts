import { ModelInputError } from '../models/model-errors.ts';

/** Money per year: the peer wallet estimate, the rep's "total opportunity" answer (null when unanswered), and current spend. */
export type PotentialSpendInput = {
  peerEstimate: number;
  repEstimate: number | null;
  currentSpend: number;
};

export type PotentialSpendOptions = {
  /** Weight of the rep's answer in the blend when there is one, in [0, 1] (default 0.5). */
  repWeight?: number;
};

export type PotentialSpendSource = 'peers' | 'rep' | 'current';

export type PotentialSpend = {
  /** Money per year, never below current spend. */
  potential: number;
  /** currentSpend / potential in [0, 1]; null when potential is 0. */
  shareOfWallet: number | null;
  /**
   * What the potential is made of: the blended estimates ('peers', 'rep'), or only 'current'
   * when current spend exceeds the blend and becomes the potential.
   */
  sources: PotentialSpendSource[];
};

/**
 * Potential spend (money per year, DESIGN §4): (1 − w) · peer estimate + w · rep estimate when
 * the rep answered (w = repWeight), else the peer estimate; raised to current spend when below it,
 * since an account already spends at least that. Non-decreasing in each estimate. Throws (naming
 * this function) when an amount is negative or not finite, or repWeight is outside [0, 1].
 */
export function potentialSpend(
  input: PotentialSpendInput,
  options: PotentialSpendOptions = {},
): PotentialSpend {
  const fn = 'potentialSpend';
  const { peerEstimate, repEstimate, currentSpend } = input;
  const repWeight = options.repWeight ?? 0.5;
  assertAmount(fn, 'peerEstimate', peerEstimate);
  assertAmount(fn, 'currentSpend', currentSpend);
  if (repEstimate !== null) assertAmount(fn, 'repEstimate', repEstimate);
  if (!(repWeight >= 0 && repWeight <= 1)) {
    throw new ModelInputError(fn, `repWeight must be in [0, 1] (got ${repWeight})`);
  }
  const w = repEstimate === null ? 0 : repWeight;
  const blended = (1 - w) * peerEstimate + w * (repEstimate ?? 0);
  if (currentSpend > blended) {
    return {
      potential: currentSpend,
      shareOfWallet: currentSpend > 0 ? 1 : null,
      sources: ['current'],
    };
  }
  const sources: PotentialSpendSource[] = [];
  if (w < 1) sources.push('peers');
  if (w > 0) sources.push('rep');
  return {
    potential: blended,
    shareOfWallet: blended > 0 ? Math.min(1, currentSpend / blended) : null,
    sources,
  };
}

function assertAmount(fn: string, name: string, value: number): void {
  if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
    throw new ModelInputError(fn, `${name} must be a finite amount ≥ 0 (got ${String(value)})`);
  }
}
