import type { AccountScope } from '../core/access.ts';
import { ASSESSMENT_QUESTIONS, QUESTION_IDS } from '../core/assessment.ts';
import { HotspotError, UsageError } from '../core/errors.ts';
import { isAccountInScope } from '../db/account-scope.ts';
import { nextImportId, recordImport } from '../db/import-log.ts';
import { newestRecordDate } from '../db/lifecycle-queries.ts';
import { isTier, TIERS, type Tier } from '../core/scoring/assign-tiers.ts';
import {
  insertAccountAnswers,
  readAccount,
  readAccountAnswers,
  readCompetitorSightings,
  readContacts,
  readContracts,
  readDeals,
  readInvoices,
  readScoreHistory,
  readTickets,
  type AccountRecord,
  type AssessmentAnswerRecord,
  type CompetitorSightingRecord,
  type ContactRecord,
  type ContractRecord,
  type DealRecord,
  type InvoiceRecord,
  type ScoreHistoryEntry,
  type TicketRecord,
} from '../db/account-detail.ts';
import {
  clearOverride,
  findRun,
  listRuns,
  readOverride,
  setOverride,
  type OverrideRecord,
  type StoredRun,
} from '../db/score-runs.ts';
import type { Store } from '../db/store.ts';
import { recordAudit } from './audit.ts';
import { explainScore, resolveAccount, resolveRun, type Explanation } from './portfolio.ts';
import { markWorkspaceChanged } from './account-index.ts';

/** How many of an account's invoices and tickets its page shows (newest first). */
export const RECENT_RECORDS = 50;

/** The latest scoring runs, newest first. */
export async function listScoreRuns(store: Store, limit = 100): Promise<StoredRun[]> {
  return listRuns(store, limit);
}

export type AccountDetail = {
  account: AccountRecord;
  /** The account's scores in the run (the latest by default) with their explanation; null when no run scored it. */
  explanation: Explanation | null;
  override: OverrideRecord | null;
  history: ScoreHistoryEntry[];
  contacts: ContactRecord[];
  deals: DealRecord[];
  contracts: ContractRecord[];
  invoices: { total: number; items: InvoiceRecord[] };
  tickets: { total: number; items: TicketRecord[] };
  competitorSightings: CompetitorSightingRecord[];
  assessmentAnswers: AssessmentAnswerRecord[];
};

/**
 * Everything the account page shows, by internal id: firmographics, the explained scores of a run
 * (the latest by default), the override, the score history and the account's records. Throws
 * NOT_FOUND for an unknown account or run, and for an account outside `scope` (default: every
 * account) — the same answer as an unknown id, so that ids cannot be probed.
 */
export async function readAccountDetail(
  store: Store,
  options: { accountId: number; runId?: number; scope?: AccountScope },
): Promise<AccountDetail> {
  const account = await requireAccount(store, options);
  const run =
    options.runId === undefined ? await findRun(store, {}) : await resolveRun(store, options.runId);
  const override = await readOverride(store, account.id);
  return {
    account,
    explanation: run ? await explainScore(store, { run, accountId: account.id, override }) : null,
    override,
    history: await readScoreHistory(store, account.id),
    contacts: await readContacts(store, account.id),
    deals: await readDeals(store, account.id),
    contracts: await readContracts(store, account.id),
    invoices: await readInvoices(store, { accountId: account.id, limit: RECENT_RECORDS }),
    tickets: await readTickets(store, { accountId: account.id, limit: RECENT_RECORDS }),
    competitorSightings: await readCompetitorSightings(store, account.id),
    assessmentAnswers: await readAccountAnswers(store, account.id),
  };
}

/** An account by internal id, in scope; NOT_FOUND (the same answer) when it is unknown or out of scope. */
async function requireAccount(
  store: Store,
  options: { accountId: number; scope?: AccountScope },
): Promise<AccountRecord> {
  const { accountId, scope } = options;
  const account = await readAccount(store, accountId);
  const inScope =
    account !== null &&
    (scope === undefined || (await isAccountInScope(store, { scope, accountId })));
  if (!account || !inScope) throw new HotspotError('NOT_FOUND', `no account with id ${accountId}`);
  return account;
}

/** An override as the audit log keeps it. */
function auditedOverride(override: OverrideRecord | null) {
  return override && { tier: override.tier, reason: override.reason, by: override.createdBy };
}

/**
 * Sets a named person's tier override on an account (by internal id, in `scope`); it survives
 * re-scoring. Audited (before and after) as `actor` (default: this process's OS user).
 */
export async function setAccountOverride(
  store: Store,
  options: {
    accountId: number;
    tier: Tier;
    reason: string;
    by: string;
    scope?: AccountScope;
    actor?: string;
    /**
     * The revision of the override the change was based on (null: there was none): when it
     * changed meanwhile, CONFLICT and nothing is stored. Absent: no check.
     */
    basedOn?: number | null;
  },
): Promise<OverrideRecord> {
  const account = await requireAccount(store, options);
  const reason = options.reason.trim();
  if (!reason)
    throw new HotspotError('INVALID_INPUT', 'an override needs a reason', {
      details: { field: 'reason' },
    });
  const stored = await store.transaction(async () => {
    await store.lock(`override:${account.id}`);
    const before = await readOverride(store, account.id);
    if (options.basedOn !== undefined && (before?.revision ?? null) !== options.basedOn)
      throw new HotspotError(
        'CONFLICT',
        before
          ? `${account.name}'s override was changed by ${before.createdBy} (${before.tier}, ${before.createdAt}) since you loaded it; reload and decide again`
          : `${account.name}'s override was cleared since you loaded it; reload and decide again`,
        { details: { basedOn: options.basedOn, current: before?.revision ?? null } },
      );
    await setOverride(store, {
      accountId: account.id,
      tier: options.tier,
      reason,
      createdBy: options.by,
    });
    await recordAudit(store, {
      actor: options.actor,
      action: 'override.set',
      entity: 'account',
      entityId: account.id,
      before: auditedOverride(before),
      after: { tier: options.tier, reason, by: options.by },
    });
    // read after the audit entry: it is the override's revision
    const stored = await readOverride(store, account.id);
    if (!stored) throw new Error('setAccountOverride: the override just stored is missing');
    return stored;
  });
  markWorkspaceChanged(store);
  return stored;
}

/**
 * Removes an account's override (by internal id, in `scope`); NOT_FOUND when it has none.
 * Audited as `actor` (default: this process's OS user).
 */
export async function clearAccountOverride(
  store: Store,
  options: { accountId: number; scope?: AccountScope; actor?: string },
): Promise<void> {
  const account = await requireAccount(store, options);
  await store.transaction(async () => {
    const before = await readOverride(store, account.id);
    if (!before || !(await clearOverride(store, account.id)))
      throw new HotspotError('NOT_FOUND', `${account.name} has no override to clear`);
    await recordAudit(store, {
      actor: options.actor,
      action: 'override.clear',
      entity: 'account',
      entityId: account.id,
      before: auditedOverride(before),
      after: null,
    });
  });
  markWorkspaceChanged(store);
}

/**
 * Sets (or with `tier: null` clears) a named person's tier override on an account given by
 * reference (internal id, external id or exact name), as `hotspot override` takes it: usage
 * problems are UsageErrors naming the flag; the change itself is `setAccountOverride` or
 * `clearAccountOverride`.
 */
export async function overrideTier(
  store: Store,
  options: { account: string; tier: string | null; reason?: string; by: string; actor?: string },
): Promise<{ account: { id: number; name: string }; override: OverrideRecord | null }> {
  const account = await resolveAccount(store, options.account);
  const { tier } = options;
  if (tier === null) {
    await clearAccountOverride(store, { accountId: account.id, actor: options.actor });
    return { account, override: null };
  }
  if (!isTier(tier)) throw new UsageError(`--tier ${tier}: expected one of ${TIERS.join(', ')}`);
  const reason = options.reason?.trim();
  if (!reason) throw new UsageError('an override needs --reason "..."');
  const override = await setAccountOverride(store, {
    accountId: account.id,
    tier,
    reason,
    by: options.by,
    actor: options.actor,
  });
  return { account, override };
}

export type Question = { id: string; text: string; kind: 'likert' | 'money' };

/** The assessment questions reps answer per account. */
export function assessmentQuestions(): Question[] {
  return QUESTION_IDS.map((id) => ({
    id,
    text: ASSESSMENT_QUESTIONS[id],
    kind: id === 'total_opportunity' ? 'money' : 'likert',
  }));
}

/**
 * Records new answers to the assessment questions for an account (by internal id), dated the
 * workspace's newest record day so that the next scoring run (as of that day) uses them; logged
 * as one import and audited (each question's latest answer before, the new one after) as
 * `actor` (default: this process's OS user). Throws NOT_FOUND for an unknown account or one
 * outside `scope`, INVALID_INPUT naming the answer for an unknown question or a value out of
 * range (1–5 whole numbers; money ≥ 0).
 */
export async function saveAccountAnswers(
  store: Store,
  options: {
    accountId: number;
    answers: readonly { questionId: string; answer: number }[];
    by: string;
    /**
     * Per question, the id of the latest answer the change was based on (null: none): when
     * another answer came since, CONFLICT and nothing is stored. Absent: no check.
     */
    basedOn?: Readonly<Record<string, number | null>>;
    scope?: AccountScope;
    actor?: string;
  },
): Promise<AssessmentAnswerRecord[]> {
  const account = await requireAccount(store, options);
  const questions = new Map(assessmentQuestions().map((q) => [q.id, q]));
  options.answers.forEach(({ questionId, answer }, i) => {
    const question = questions.get(questionId);
    const field = `answers.${i}`;
    if (!question)
      throw new HotspotError(
        'INVALID_INPUT',
        `${field}.questionId: unknown question "${questionId}" (known: ${QUESTION_IDS.join(', ')})`,
        { details: { field: `${field}.questionId` } },
      );
    const valid =
      question.kind === 'money'
        ? Number.isFinite(answer) && answer >= 0
        : Number.isInteger(answer) && answer >= 1 && answer <= 5;
    if (!valid)
      throw new HotspotError(
        'INVALID_INPUT',
        `${field}.answer: ${questionId} takes ${question.kind === 'money' ? 'an amount of 0 or more' : 'a whole number from 1 to 5'}, not ${answer}`,
        { details: { field: `${field}.answer` } },
      );
  });
  const answeredOn = await newestRecordDate(store);
  if (answeredOn === null)
    throw new Error('saveAccountAnswers: an account exists but no dated record');
  await store.transaction(async () => {
    // one writer per account at a time, in this process or any other serving the database
    await store.lock(`answers:${account.id}`);
    const latest = new Map<string, AssessmentAnswerRecord>();
    for (const a of await readAccountAnswers(store, account.id))
      if (!latest.has(a.questionId)) latest.set(a.questionId, a);
    for (const [questionId, seen] of Object.entries(options.basedOn ?? {})) {
      const now = latest.get(questionId);
      if ((now?.id ?? null) !== seen)
        throw new HotspotError(
          'CONFLICT',
          `${questionId} was answered again${now ? ` by ${now.answeredBy ?? 'someone'} (${now.answer})` : ''} since you loaded the account; reload it and answer again`,
          { details: { questionId, basedOn: seen, current: now?.id ?? null } },
        );
    }
    const importId = await nextImportId(store);
    await insertAccountAnswers(store, {
      importId,
      accountId: account.id,
      answers: options.answers,
      by: options.by,
      answeredOn,
    });
    await recordImport(store, importId, {
      entity: 'assessment_answer',
      source: 'hotspot',
      fileName: `account page: ${account.name}`,
      format: 'form',
      preset: 'native',
      startedAt: new Date(),
      outcome: 'imported',
      totalRows: options.answers.length,
      inserted: options.answers.length,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      matches: { byId: options.answers.length, byDomain: 0, byName: 0, unmatched: 0, ambiguous: 0 },
    });
    const before: Record<string, { answer: number; by: string | null } | null> = {};
    const after: Record<string, { answer: number; by: string }> = {};
    for (const { questionId, answer } of options.answers) {
      const was = latest.get(questionId);
      before[questionId] = was ? { answer: was.answer, by: was.answeredBy } : null;
      after[questionId] = { answer, by: options.by };
    }
    await recordAudit(store, {
      actor: options.actor,
      action: 'answers.save',
      entity: 'account',
      entityId: account.id,
      before,
      after,
    });
  });
  return readAccountAnswers(store, account.id);
}
