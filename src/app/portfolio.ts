import type { AccountScope } from '../core/access.ts';
import { HotspotError, UsageError } from '../core/errors.ts';
import {
  averageDealByQuarter,
  findAccounts,
  searchScoredAccounts,
  readScoreDetail,
  summarizeRun,
  type AccountFilter,
  type ScoredAccountRow,
  type ScoreDetail,
} from '../db/scored-accounts.ts';
import { findRun, readOverride, type OverrideRecord, type StoredRun } from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { decodeExplanation, type RunCriterion } from '../core/scoring/explanation-codec.ts';

/** The run a question is about: `id`, or the latest run; throws when there is none. */
export async function resolveRun(store: Store, id?: number): Promise<StoredRun> {
  const run = await findRun(store, id === undefined ? {} : { id });
  if (!run) {
    throw new HotspotError(
      'NOT_FOUND',
      id === undefined ? 'no scoring run yet: run `hotspot score` first' : `no scoring run ${id}`,
    );
  }
  return run;
}

/** One account by internal id, external id or exact name; ambiguous or unknown references throw. */
export async function resolveAccount(
  store: Store,
  reference: string,
): Promise<{ id: number; externalId: string; name: string }> {
  const matches = await findAccounts(store, reference);
  if (matches.length === 0) throw new HotspotError('NOT_FOUND', `no account "${reference}"`);
  if (matches.length > 1) {
    throw new UsageError(
      `"${reference}" matches ${matches.length} accounts: ${matches.map((m) => `${m.name} (${m.source} ${m.externalId}, id ${m.id})`).join('; ')}; use the id`,
    );
  }
  return matches[0] as { id: number; externalId: string; name: string };
}

export async function listAccounts(
  store: Store,
  options: { runId?: number; filter: AccountFilter },
): Promise<{ run: StoredRun; accounts: ScoredAccountRow[] }> {
  const run = await resolveRun(store, options.runId);
  return {
    run,
    accounts: (await searchScoredAccounts(store, { runId: run.id, search: options.filter }))
      .accounts,
  };
}

export type Explanation = {
  run: StoredRun;
  account: ScoreDetail;
  override: OverrideRecord | null;
  criteria: {
    criterion: string;
    dimension: string;
    raw: number | null;
    transformed: number | null;
    weight: number;
    contribution: number | null;
  }[];
  tierChange: {
    from: string;
    to: string;
    moved: { criterion: string; dimension: string; before: number | null; after: number | null }[];
  } | null;
};

/** Why an account scored as it did: every criterion's raw value, transformed value, weight and contribution. */
export async function explainAccount(
  store: Store,
  options: { account: string; runId?: number },
): Promise<Explanation> {
  const run = await resolveRun(store, options.runId);
  const account = await resolveAccount(store, options.account);
  const explanation = await explainScore(store, {
    run,
    accountId: account.id,
    override: await readOverride(store, account.id),
  });
  if (!explanation) {
    throw new HotspotError(
      'NOT_FOUND',
      `account "${options.account}" is not in run ${run.id} (created after its as-of date?)`,
    );
  }
  return explanation;
}

/** An account's explained scores in a run (by internal id), or null when the run did not score it. */
export async function explainScore(
  store: Store,
  options: { run: StoredRun; accountId: number; override: OverrideRecord | null },
): Promise<Explanation | null> {
  const { run } = options;
  const detail = await readScoreDetail(store, { runId: run.id, accountId: options.accountId });
  if (!detail) return null;
  const lines = decodeExplanation(detail.explanation, JSON.parse(run.criteria) as RunCriterion[]);
  return {
    run,
    account: detail,
    override: options.override,
    criteria: lines.map((l) => ({
      criterion: l.id,
      dimension: l.dimension,
      raw: l.raw,
      transformed: l.transformed,
      weight: l.weight,
      contribution: l.contribution,
    })),
    tierChange:
      detail.tierChange === null
        ? null
        : (JSON.parse(detail.tierChange) as Explanation['tierChange']),
  };
}

export type PortfolioReport = {
  run: StoredRun;
  tiers: Awaited<ReturnType<typeof summarizeRun>>['tiers'];
  categories: Awaited<ReturnType<typeof summarizeRun>>['categories'];
  highValue: ScoredAccountRow[];
  averageDealByQuarter: Awaited<ReturnType<typeof averageDealByQuarter>>;
};

/**
 * Tier and category counts with revenue and potential and the high-value list, over the accounts
 * in a scope (default: every account), and the deal-size baseline (the whole company's: it is
 * what high value is measured against).
 */
export async function portfolioReport(
  store: Store,
  options: { runId?: number; scope?: AccountScope } = {},
): Promise<PortfolioReport> {
  const run = await resolveRun(store, options.runId);
  const summary = await summarizeRun(store, { runId: run.id, scope: options.scope });
  return {
    run,
    ...summary,
    highValue: (
      await searchScoredAccounts(store, {
        runId: run.id,
        search: { highValue: true, sort: 'potential', limit: 25 },
        scope: options.scope,
      })
    ).accounts,
    averageDealByQuarter: await averageDealByQuarter(store, run.asOf),
  };
}
