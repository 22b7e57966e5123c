import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UsageError } from '../core/errors.ts';
import { expectedSpendByAccount } from './fit-transactions.ts';
import type { LifecycleStage } from '../core/entities.ts';
import { DEFAULT_MODEL_YAML } from '../core/scoring/default-model.ts';
import { parseModel } from '../core/scoring/parse-model.ts';
import { isTier, type PreviousStanding } from '../core/scoring/assign-tiers.ts';
import { estimatePotential } from '../core/scoring/estimate-potential.ts';
import {
  pivotAnswers,
  scoreAccounts,
  type ScoredAccounts,
} from '../core/scoring/score-accounts.ts';
import { contributionOf } from '../core/scoring/score-dimensions.ts';
import {
  decodeExplanation,
  encodeExplanation,
  type ExplanationLine,
  type RunCriterion,
} from '../core/scoring/explanation-codec.ts';
import type { ScoringModel } from '../core/scoring/scoring-model.ts';
import {
  readAccountFeatures,
  readAssessmentAnswers,
  readAverageDeal,
} from '../db/account-features.ts';
import { newestRecordDate } from '../db/lifecycle-queries.ts';
import { latestModelVersion } from '../db/model-versions.ts';
import { markWorkspaceChanged } from './account-index.ts';
import {
  appendScores,
  findRun,
  insertRun,
  readExplanations,
  readRunTiers,
  type RunPurpose,
  type StoredRun,
} from '../db/score-runs.ts';
import type { SqlValue, Store } from '../db/store.ts';
import { recordAudit } from './audit.ts';

export type LoadedModel = { model: ScoringModel; document: string; hash: string; source: string };

/** The model in a file (YAML or JSON), or the default one; invalid files throw InvalidModelError. */
export function loadModel(path?: string): LoadedModel {
  const document = path === undefined ? DEFAULT_MODEL_YAML : readModelFile(path);
  return loadModelDocument(document, path === undefined ? 'default model' : basename(path));
}

/**
 * A model handed over as text (YAML or JSON) rather than as a file: parsed and validated (throws
 * InvalidModelError), hashed as `loadModel` hashes a file.
 */
export function loadModelDocument(document: string, source: string): LoadedModel {
  return { model: parseModel(document, source), document, hash: hashOf(document), source };
}

/**
 * Scores again exactly as a past run did: its stored model document, as-of date, stage and
 * product line (a new run; the data may have changed since, the rules have not). Audited as
 * `actor` (default: this process's OS user).
 */
export async function replayRun(
  store: Store,
  runId: number,
  options: { actor?: string } = {},
): Promise<RunSummary> {
  const run = await findRun(store, { id: runId });
  if (!run) throw new UsageError(`--replay ${runId}: no such run`);
  return scoreWorkspace(store, {
    actor: options.actor,
    asOf: run.asOf,
    model: loadModelDocument(run.modelDocument, `run ${runId}`),
    ...(run.stage ? { stage: run.stage as LifecycleStage } : {}),
    ...(run.productLine ? { productLine: run.productLine } : {}),
  });
}

function readModelFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (cause) {
    throw new UsageError(`cannot read model file ${path}: ${(cause as Error).message}`);
  }
}

function hashOf(document: string): string {
  return createHash('sha256').update(document).digest('hex').slice(0, 16);
}

export type ScoreOptions = {
  /** Score with data dated on or before this day (default: the newest dated record). */
  asOf?: string;
  model?: LoadedModel;
  stage?: LifecycleStage;
  /** A product family's name: spend, deals and contracts of that line only. */
  productLine?: string;
  /** 'backtest' runs are kept apart: never the latest run, never a hysteresis base. */
  purpose?: RunPurpose;
  /** Recorded with each phase's duration, for benchmarks. */
  onPhase?: (phase: 'features' | 'wallet' | 'scoring' | 'store', seconds: number) => void;
  /** Who scores, for the audit log (default: this process's OS user); backtest runs are not audited. */
  actor?: string;
};

export type RunSummary = StoredRun & {
  tierCounts: Record<string, number>;
  tierChanges: number;
};

/** The model in force: the newest saved version, else the built-in default (version null). */
export async function currentModel(
  store: Store,
): Promise<
  LoadedModel & { version: number | null; savedAt: string | null; savedBy: string | null }
> {
  const saved = await latestModelVersion(store);
  if (!saved) return { ...loadModel(), version: null, savedAt: null, savedBy: null };
  return {
    ...loadModelDocument(saved.document, `model version ${saved.version}`),
    version: saved.version,
    savedAt: saved.savedAt,
    savedBy: saved.savedBy,
  };
}

/** A scoring computed and not yet stored. */
export type ComputedScores = {
  loaded: LoadedModel;
  asOf: string;
  stage: LifecycleStage | null;
  productLine: string | null;
  averageDeal: number | null;
  scored: ScoredAccounts;
  previousRun: StoredRun | null;
  previousTiers: Map<number, string>;
  /** Accounts scored by the previous run whose tier is now different. */
  changed: number[];
};

/**
 * Scores the workspace as of a date (default: the newest dated record) with a model (default:
 * the model in force), tiers stable against the previous run of the same scope; stores nothing.
 */
export async function computeScores(
  store: Store,
  options: ScoreOptions = {},
): Promise<ComputedScores> {
  const loaded = options.model ?? (await currentModel(store));
  const asOf = options.asOf ?? (await newestRecordDate(store));
  if (asOf === null)
    throw new UsageError(
      'nothing to score: the workspace has no dated records (import data or run `hotspot demo`)',
    );
  const productLine = options.productLine ?? null;
  const productLineId = productLine === null ? null : await findProductLine(store, productLine);
  const stage = options.stage ?? null;
  const clock = phaseClock(options.onPhase);

  const facts = await readAccountFeatures(store, { asOf, productLine: productLineId });
  const answers = await readAssessmentAnswers(store, asOf);
  const averageDeal = await readAverageDeal(store, asOf);
  clock('features');
  const repEstimates =
    pivotAnswers(answers, facts.accountId)[loaded.model.wallet.question] ??
    new Float64Array(facts.accountId.length).fill(NaN);
  const potential = estimatePotential({
    facts,
    repEstimates,
    model: loaded.model,
    ...(loaded.model.wallet.transactionWeight > 0
      ? {
          transactionEstimates: await transactionEstimates(store, {
            asOf,
            accountIds: facts.accountId,
          }),
        }
      : {}),
  });
  clock('wallet');
  // a backtest scores the past: today's tiers must not steer it
  // the previous run is the latest of the same scope not later than this one: a run as of an
  // earlier day must not inherit tiers that knew the future
  const previousRun =
    options.purpose === 'backtest'
      ? null
      : await findRun(store, { scope: { stage, productLine, asOfAtMost: asOf } });
  const previousTiers = previousRun
    ? await readRunTiers(store, previousRun.id)
    : new Map<number, string>();
  const previous = new Map<number, PreviousStanding>();
  for (const [id, tier] of previousTiers) if (isTier(tier)) previous.set(id, { tier });
  const scored = scoreAccounts({
    facts,
    answers,
    potential,
    model: loaded.model,
    stage,
    asOf,
    averageDeal,
    previous,
  });
  const changed = scored.accountId.filter(
    (id, i) => previousTiers.has(id) && previousTiers.get(id) !== scored.tier[i],
  );
  clock('scoring');
  return {
    loaded,
    asOf,
    stage,
    productLine,
    averageDeal,
    scored,
    previousRun,
    previousTiers,
    changed,
  };
}

/**
 * Scores the workspace as of a date and stores the run with the exact model document it used:
 * every account's scores, confidence, tier (stable against the previous run of the same scope),
 * high-value flag, potential, category and explanation.
 */
export async function scoreWorkspace(
  store: Store,
  options: ScoreOptions = {},
): Promise<RunSummary> {
  const computed = await computeScores(store, options);
  const { loaded, asOf, stage, productLine, averageDeal, scored } = computed;
  const { previousRun, previousTiers, changed } = computed;
  const clock = phaseClock(options.onPhase);
  const previousExplanations = previousRun
    ? await readExplanations(store, { runId: previousRun.id, accountIds: changed })
    : new Map<number, string>();

  const runCriteria: RunCriterion[] = scored.criteria.map((c) => ({
    id: c.id,
    dimension: c.dimension,
    source: c.source,
    weight: c.weight,
  }));
  const run = {
    asOf,
    purpose: options.purpose ?? 'score',
    stage,
    productLine,
    modelName: loaded.model.name,
    modelHash: loaded.hash,
    modelDocument: loaded.document,
    criteria: JSON.stringify(runCriteria),
    thresholds: scored.thresholds,
    averageDeal,
    accounts: scored.accountId.length,
  };
  const tierCounts: Record<string, number> = {};
  for (const tier of scored.tier) tierCounts[tier] = (tierCounts[tier] ?? 0) + 1;
  const runId = await store.transaction(async () => {
    const id = await insertRun(store, run);
    // a backtest run changes nothing anyone sees: it is never the latest run
    if (run.purpose === 'score')
      await recordAudit(store, {
        actor: options.actor,
        action: 'run.score',
        entity: 'run',
        entityId: id,
        before: previousRun && { runId: previousRun.id, modelHash: previousRun.modelHash },
        after: {
          runId: id,
          asOf,
          modelName: loaded.model.name,
          modelHash: loaded.hash,
          accounts: scored.accountId.length,
          tierChanges: changed.length,
          tierCounts,
        },
      });
    await appendScores(
      store,
      scoreRows({
        runId: id,
        scored,
        previousTiers,
        previous: previousRun
          ? {
              explanations: previousExplanations,
              criteria: JSON.parse(previousRun.criteria) as RunCriterion[],
            }
          : null,
      }),
    );
    return id;
  });
  clock('store');
  markWorkspaceChanged(store);
  const stored = await findRun(store, { id: runId });
  if (!stored) throw new Error('scoreWorkspace: the run just stored is missing');
  return { ...stored, tierCounts, tierChanges: changed.length };
}

async function findProductLine(store: Store, name: string): Promise<number> {
  const rows = await store.all<{ id: number; name: string }>(
    'SELECT id, name FROM product_family ORDER BY name',
  );
  const match = rows.find((r) => r.name.toLowerCase() === name.toLowerCase());
  if (!match) {
    throw new UsageError(
      `--product-line "${name}": no such product family (known: ${rows.map((r) => r.name).join(', ') || 'none'})`,
    );
  }
  return Number(match.id);
}

function phaseClock(
  onPhase: ScoreOptions['onPhase'],
): (phase: 'features' | 'wallet' | 'scoring' | 'store') => void {
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    onPhase?.(phase, (now - last) / 1000);
    last = now;
  };
}

const round = (x: number, digits = 4): number | null =>
  Number.isNaN(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** One account_score row per account, generated lazily so a million rows never sit in memory twice. */
function* scoreRows(input: {
  runId: number;
  scored: ScoredAccounts;
  previousTiers: ReadonlyMap<number, string>;
  previous: { explanations: ReadonlyMap<number, string>; criteria: RunCriterion[] } | null;
}): Generator<SqlValue[]> {
  const { runId, scored, previousTiers, previous } = input;
  const { dimensions, criteria } = scored;
  const runCriteria: RunCriterion[] = criteria.map((c) => ({
    id: c.id,
    dimension: c.dimension,
    source: c.source,
    weight: c.weight,
  }));
  for (let i = 0; i < scored.accountId.length; i++) {
    const accountId = scored.accountId[i] as number;
    const explanation = encodeExplanation(
      criteria.map((c) => ({
        raw: c.raw[i] as number,
        transformed: c.transformed[i] as number,
        contribution:
          contributionOf(c, { account: i, presentWeight: dimensions[c.dimension].presentWeight }) ??
          NaN,
      })),
    );
    const before = previousTiers.get(accountId);
    const tier = scored.tier[i] as string;
    const beforeExplanation = previous?.explanations.get(accountId);
    const change =
      before !== undefined && before !== tier
        ? JSON.stringify({
            from: before,
            to: tier,
            moved:
              previous && beforeExplanation !== undefined
                ? movedCriteria(
                    decodeExplanation(explanation, runCriteria),
                    decodeExplanation(beforeExplanation, previous.criteria),
                  )
                : [],
          })
        : null;
    yield [
      runId,
      accountId,
      round(dimensions.need.score[i] as number, 2),
      round(dimensions.value.score[i] as number, 2),
      round(dimensions.behavior.score[i] as number, 2),
      round(dimensions.need.confidence[i] as number),
      round(dimensions.value.confidence[i] as number),
      round(dimensions.behavior.confidence[i] as number),
      tier,
      scored.highValue[i] as boolean,
      round(scored.potential.potentialSpend[i] as number, 2),
      round(scored.potential.shareOfWallet[i] as number),
      scored.revenueTtm[i] ?? 0,
      scored.categories[i]?.category ?? 'beachhead',
      scored.categories[i]?.reason ?? '',
      change,
      explanation,
    ];
  }
}

/** The criteria whose contribution moved most between two runs: why an account changed tier. */
export function movedCriteria(
  now: readonly ExplanationLine[],
  before: readonly ExplanationLine[],
): { criterion: string; dimension: string; before: number | null; after: number | null }[] {
  const earlier = new Map(before.map((e) => [e.id, e]));
  return now
    .map((e) => ({
      criterion: e.id,
      dimension: e.dimension,
      before: earlier.get(e.id)?.contribution ?? null,
      after: e.contribution,
    }))
    .filter((m) => m.before !== m.after)
    .sort(
      (a, b) =>
        Math.abs((b.after ?? 0) - (b.before ?? 0)) - Math.abs((a.after ?? 0) - (a.before ?? 0)),
    )
    .slice(0, 3);
}

/** BG/NBD x Gamma-Gamma expected spend in the 12 months after `asOf`, per account position. */
async function transactionEstimates(
  store: Store,
  options: { asOf: string; accountIds: readonly number[] },
): Promise<Float64Array> {
  const expected = await expectedSpendByAccount(store, { asOf: options.asOf, horizonMonths: 12 });
  return Float64Array.from(options.accountIds, (id) => expected.get(id) ?? NaN);
}
