import { countTierMoves } from '../core/scoring/tier-moves.ts';
import { HotspotError } from '../core/errors.ts';
import { findRun } from '../db/score-runs.ts';
import {
  insertModelVersion,
  listModelVersions,
  type ModelVersionRecord,
} from '../db/model-versions.ts';
import type { Store } from '../db/store.ts';
import { recordAudit } from './audit.ts';
import { computeScores, currentModel, loadModelDocument } from './score-workspace.ts';
import type { LifecycleStage } from '../core/entities.ts';
import { backtestFigures, runBacktest, type BacktestFigures } from './backtest.ts';

/**
 * Validates a model document (throws InvalidModelError listing each problem) and saves it as
 * the newest version: the model the next scoring run uses. Audited (the version, name and hash
 * in force before and after) as `actor` (default: this process's OS user). Returns the model
 * now in force.
 */
export async function saveModelVersion(
  store: Store,
  input: { document: string; by: string; actor?: string },
): Promise<Awaited<ReturnType<typeof currentModel>>> {
  const loaded = loadModelDocument(input.document, 'document');
  return store.transaction(async () => {
    const before = await currentModel(store);
    const version = await insertModelVersion(store, {
      name: loaded.model.name,
      hash: loaded.hash,
      document: loaded.document,
      savedBy: input.by,
    });
    await recordAudit(store, {
      actor: input.actor,
      action: 'model.save',
      entity: 'model',
      entityId: version,
      before: { version: before.version, name: before.model.name, hash: before.hash },
      after: { version, name: loaded.model.name, hash: loaded.hash, by: input.by },
    });
    return currentModel(store);
  });
}

/** Saved model versions, newest first. */
export async function modelVersions(store: Store): Promise<ModelVersionRecord[]> {
  return listModelVersions(store, 100);
}

export type ModelPreview = {
  baseRunId: number;
  asOf: string;
  accounts: number;
  /** Accounts whose computed tier would change. */
  changed: number;
  before: Record<string, number>;
  after: Record<string, number>;
  moves: { from: string; to: string; accounts: number }[];
};

/**
 * How a model document would tier the accounts of the latest scoring run, scored as that run
 * was (same as-of day, stage and product line, stable against it), without storing anything.
 * Throws InvalidModelError for a bad document, NOT_FOUND when nothing was scored yet.
 */
export async function previewModel(store: Store, document: string): Promise<ModelPreview> {
  const model = loadModelDocument(document, 'document');
  const base = await findRun(store, {});
  if (!base)
    throw new HotspotError(
      'NOT_FOUND',
      'no scoring run to compare with: score the workspace first',
    );
  const computed = await computeScores(store, {
    model,
    asOf: base.asOf,
    ...(base.stage ? { stage: base.stage as LifecycleStage } : {}),
    ...(base.productLine ? { productLine: base.productLine } : {}),
  });
  // the base run is the latest of its scope: the previous run computeScores is stable against
  const baseTiers = computed.previousTiers;
  const before: Record<string, number> = {};
  for (const tier of baseTiers.values()) before[tier] = (before[tier] ?? 0) + 1;
  const after: Record<string, number> = {};
  const moved: { from: string; to: string }[] = [];
  computed.scored.accountId.forEach((id, i) => {
    const tier = computed.scored.tier[i] as string;
    after[tier] = (after[tier] ?? 0) + 1;
    const was = baseTiers.get(id) ?? 'new';
    if (was !== tier) moved.push({ from: was, to: tier });
  });
  return {
    baseRunId: base.id,
    asOf: base.asOf,
    accounts: computed.scored.accountId.length,
    changed: moved.length,
    before,
    after,
    moves: countTierMoves(moved).sort((a, b) => b.accounts - a.accounts),
  };
}

export type ModelBacktestSide = BacktestFigures & { label: 'saved' | 'edited' };

/**
 * Backtests an edited model document beside the model in force at one cutoff (default 12
 * months before the newest record), as `hotspot backtest --model` would: Tier 1's share of
 * next-year net growth against a value-only stack-rank and random picks. Results are stored with
 * the other backtests. Throws InvalidModelError for a bad document, UsageError for a cutoff
 * that leaves nothing to measure.
 */
export async function backtestModelDraft(
  store: Store,
  input: { document: string; cutoff: string },
): Promise<{ cutoff: string; horizonEnd: string; complete: boolean; models: ModelBacktestSide[] }> {
  const edited = loadModelDocument(input.document, 'edited model');
  const saved = await currentModel(store);
  const report = await runBacktest(store, {
    cutoffs: [input.cutoff],
    models: [saved, edited],
    draws: 200,
  });
  const [first] = report.results;
  if (!first) throw new Error('backtestModelDraft: the backtest gave no result');
  return {
    cutoff: first.cutoff,
    horizonEnd: first.horizonEnd,
    complete: first.complete,
    models: report.results.map((r, i) => ({
      label: i === 0 ? 'saved' : 'edited',
      ...backtestFigures(r),
    })),
  };
}
