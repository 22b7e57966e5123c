import type { RunSummary } from '../contract/runs.ts';
import type { StoredRun } from '../db/score-runs.ts';

/** A run as the API shows it in lists and reports: without its model document and criteria. */
export function presentRun(run: StoredRun): RunSummary {
  return {
    id: run.id,
    createdAt: run.createdAt,
    asOf: run.asOf,
    stage: run.stage,
    productLine: run.productLine,
    modelName: run.modelName,
    modelHash: run.modelHash,
    thresholds: run.thresholds,
    averageDeal: run.averageDeal,
    accounts: run.accounts,
  };
}

/** A copy of `value` without `keys`. */
export function omit<T extends object, K extends keyof T>(
  value: T,
  keys: readonly K[],
): Omit<T, K> {
  return Object.fromEntries(
    Object.entries(value).filter(([key]) => !(keys as readonly PropertyKey[]).includes(key)),
  ) as Omit<T, K>;
}
