import { countTierMoves } from '../core/scoring/tier-moves.ts';
import type { AccountScope } from '../core/access.ts';
import { HotspotError } from '../core/errors.ts';
import { decodeExplanation, type RunCriterion } from '../core/scoring/explanation-codec.ts';
import { TIERS } from '../core/scoring/assign-tiers.ts';
import {
  findRun,
  readExplanations,
  readTierPairs,
  type StoredRun,
  type TierPair,
} from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { resolveRun } from './portfolio.ts';
import { movedCriteria } from './score-workspace.ts';

export type MovedAccount = Omit<TierPair, 'fromTier' | 'toTier'> & {
  from: string;
  to: string;
  why: { criterion: string; dimension: string; before: number | null; after: number | null }[];
};

export type TierMigration = {
  from: StoredRun;
  to: StoredRun;
  flows: { from: string; to: string; accounts: number }[];
  totalMoved: number;
  moved: MovedAccount[];
};

/** 1a first, 3 last: a move up has a positive gain. */
const RANK = new Map<string, number>(TIERS.map((t, i) => [t, i]));
const gain = (p: TierPair): number =>
  (RANK.get(p.fromTier) ?? TIERS.length) - (RANK.get(p.toTier) ?? TIERS.length);

/**
 * How the accounts (in a scope, default all) moved between the computed tiers of two scoring
 * runs: counts per (from, to) and the accounts that moved, biggest moves up first, each with
 * the criteria whose contribution changed most. `to` defaults to the latest run, `from` to the
 * run before it of the same stage and product line. Throws NOT_FOUND without two such runs.
 */
export async function tierMigration(
  store: Store,
  options: { fromRunId?: number; toRunId?: number; limit: number; scope?: AccountScope },
): Promise<TierMigration> {
  const to = await resolveRun(store, options.toRunId);
  const from =
    options.fromRunId !== undefined
      ? await resolveRun(store, options.fromRunId)
      : await findRun(store, {
          scope: { stage: to.stage, productLine: to.productLine, before: to.id },
        });
  if (!from)
    throw new HotspotError(
      'NOT_FOUND',
      `no scoring run before run ${to.id} to compare with: score again after new data arrives`,
    );
  const pairs = await readTierPairs(store, { from: from.id, to: to.id, scope: options.scope });
  const flows = countTierMoves(pairs.map((p) => ({ from: p.fromTier, to: p.toTier }))).sort(
    (a, b) =>
      (RANK.get(a.from) ?? 9) - (RANK.get(b.from) ?? 9) ||
      (RANK.get(a.to) ?? 9) - (RANK.get(b.to) ?? 9),
  );
  const changed = pairs
    .filter((p) => p.fromTier !== p.toTier)
    .sort((a, b) => gain(b) - gain(a) || a.accountId - b.accountId);
  const listed = changed.slice(0, options.limit);
  const ids = listed.map((p) => p.accountId);
  const now = await readExplanations(store, { runId: to.id, accountIds: ids });
  const before = await readExplanations(store, { runId: from.id, accountIds: ids });
  const criteriaNow = JSON.parse(to.criteria) as RunCriterion[];
  const criteriaBefore = JSON.parse(from.criteria) as RunCriterion[];
  const moved = listed.map(({ fromTier, toTier, ...account }) => {
    const a = now.get(account.accountId);
    const b = before.get(account.accountId);
    return {
      ...account,
      from: fromTier,
      to: toTier,
      why:
        a !== undefined && b !== undefined
          ? movedCriteria(decodeExplanation(a, criteriaNow), decodeExplanation(b, criteriaBefore))
          : [],
    };
  });
  return { from, to, flows, totalMoved: changed.length, moved };
}
