import { z } from 'zod';
import { BooleanText, CATEGORY_VALUES, commaList, IdText, Tier, TIER_VALUES } from './common.ts';
import { RunSummary } from './runs.ts';

export const ACCOUNT_SORT_VALUES = [
  'value',
  'need',
  'behavior',
  'tier',
  'potential',
  'revenue',
  'share',
  'name',
] as const;

export const AccountListQuery = z.object({
  run: IdText.optional().meta({ description: 'a scoring run id (default: the latest run)' }),
  tier: commaList(TIER_VALUES)
    .optional()
    .meta({ description: 'comma-separated tiers, e.g. 1a,1b' }),
  category: commaList(CATEGORY_VALUES)
    .optional()
    .meta({ description: 'comma-separated categories, e.g. core,beachhead' }),
  highValue: BooleanText.optional(),
  owner: z.string().min(1).optional().meta({ description: "the owning rep's name or id" }),
  industry: z.string().min(1).optional(),
  q: z.string().min(1).optional().meta({ description: 'search: part of the name or external id' }),
  sort: z.enum(ACCOUNT_SORT_VALUES).default('value'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The list's filter and sort without paging: what an export of the current view takes. */
export const AccountExportQuery = AccountListQuery.omit({ limit: true, offset: true });
export type AccountExportQuery = z.infer<typeof AccountExportQuery>;

/** A scored account as lists show it; `tier` is the override when there is one. */
export const ScoredAccount = z
  .object({
    accountId: z.number().int(),
    externalId: z.string(),
    source: z.string(),
    name: z.string(),
    industry: z.string().nullable(),
    owner: z.string().nullable(),
    need: z.number().nullable(),
    value: z.number().nullable(),
    behavior: z.number().nullable(),
    tier: z.string(),
    computedTier: z.string(),
    overridden: z.boolean(),
    highValue: z.boolean(),
    potentialSpend: z.number().nullable(),
    shareOfWallet: z.number().nullable(),
    revenueTtm: z.number(),
    category: z.string(),
  })
  .meta({ id: 'ScoredAccount' });

export const AccountList = z.object({
  run: RunSummary,
  total: z.number().int().meta({ description: 'accounts matching the filter, over all pages' }),
  accounts: z.array(ScoredAccount),
});

export const AccountParams = z.object({ id: IdText.meta({ description: 'internal account id' }) });

export const Override = z
  .object({
    accountId: z.number().int(),
    tier: z.string(),
    reason: z.string(),
    createdBy: z.string(),
    createdAt: z.string(),
    revision: z.number().int().nullable().meta({
      description:
        'send it back as `basedOn` when changing the override: a change made meanwhile is refused (409)',
    }),
  })
  .meta({ id: 'Override' });

export const OverrideRequest = z
  .object({
    tier: Tier,
    reason: z.string().trim().min(1, 'an override needs a reason'),
    by: z.string().trim().min(1, 'name who decides'),
    basedOn: z.number().int().nullable().optional().meta({
      description:
        'the `revision` of the override this change is based on (null: there was none); if it changed meanwhile the answer is 409 CONFLICT and nothing is stored',
    }),
  })
  .strict();

export const Explanation = z
  .object({
    run: RunSummary,
    account: ScoredAccount.extend({
      confidence: z.object({ need: z.number(), value: z.number(), behavior: z.number() }),
      categoryReason: z.string(),
    }),
    override: Override.nullable(),
    criteria: z.array(
      z.object({
        criterion: z.string(),
        dimension: z.string(),
        raw: z.number().nullable(),
        transformed: z.number().nullable(),
        weight: z.number(),
        contribution: z.number().nullable(),
      }),
    ),
    tierChange: z
      .object({
        from: z.string(),
        to: z.string(),
        moved: z.array(
          z.object({
            criterion: z.string(),
            dimension: z.string(),
            before: z.number().nullable(),
            after: z.number().nullable(),
          }),
        ),
      })
      .nullable(),
  })
  .meta({ id: 'Explanation' });

const ref = z.object({ id: z.number().int(), externalId: z.string(), name: z.string() });
const paged = <T extends z.ZodType>(item: T) =>
  z.object({ total: z.number().int(), items: z.array(item) });

export const AccountDetail = z
  .object({
    account: z.object({
      id: z.number().int(),
      externalId: z.string(),
      source: z.string(),
      name: z.string(),
      domain: z.string().nullable(),
      industry: z.string().nullable(),
      country: z.string().nullable(),
      region: z.string().nullable(),
      employees: z.number().nullable(),
      annualRevenue: z.number().nullable(),
      createdOn: z.string().nullable(),
      owner: ref.extend({ email: z.string().nullable() }).nullable(),
      parent: ref.nullable(),
    }),
    explanation: Explanation.nullable().meta({
      description:
        'scores of the run (the latest by default) explained; null when no run scored the account',
    }),
    override: Override.nullable(),
    history: z.array(
      z.object({
        runId: z.number().int(),
        asOf: z.string(),
        createdAt: z.string(),
        stage: z.string().nullable(),
        productLine: z.string().nullable(),
        need: z.number().nullable(),
        value: z.number().nullable(),
        behavior: z.number().nullable(),
        tier: z.string(),
        highValue: z.boolean(),
        category: z.string(),
      }),
    ),
    contacts: z.array(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        name: z.string(),
        title: z.string().nullable(),
        seniority: z.string().nullable(),
        role: z.string().nullable(),
        businessUnit: z.string().nullable(),
        email: z.string().nullable(),
      }),
    ),
    deals: z.array(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        name: z.string().nullable(),
        amount: z.number(),
        stage: z.string(),
        type: z.string(),
        productFamily: z.string().nullable(),
        createdOn: z.string(),
        closeDate: z.string().nullable(),
      }),
    ),
    contracts: z.array(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        productFamily: z.string().nullable(),
        startDate: z.string(),
        endDate: z.string(),
        annualValue: z.number(),
        kind: z.string(),
        status: z.string(),
        renewalDate: z.string().nullable(),
      }),
    ),
    invoices: paged(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        issuedOn: z.string(),
        dueOn: z.string(),
        paidOn: z.string().nullable(),
        amount: z.number(),
        productFamily: z.string().nullable(),
      }),
    ).meta({ description: 'the latest 50 invoices and the total count' }),
    tickets: paged(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        openedOn: z.string(),
        closedOn: z.string().nullable(),
        severity: z.string(),
      }),
    ).meta({ description: 'the latest 50 tickets and the total count' }),
    competitorSightings: z.array(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        competitor: z.string(),
        productArea: z.string().nullable(),
        pitch: z.string().nullable(),
        seenOn: z.string(),
        reportedBy: z.string().nullable(),
      }),
    ),
    assessmentAnswers: z.array(
      z.object({
        id: z.number().int(),
        externalId: z.string(),
        questionId: z.string(),
        answer: z.number(),
        answeredBy: z.string().nullable(),
        answeredOn: z.string(),
      }),
    ),
  })
  .meta({ id: 'AccountDetail' });

export const Question = z
  .object({
    id: z.string(),
    text: z.string(),
    kind: z.enum(['likert', 'money']).meta({ description: 'likert: 1–5; money: per year' }),
  })
  .meta({ id: 'Question' });

export const QuestionList = z.object({ questions: z.array(Question) });

/** New answers to the assessment questions; the next scoring run uses them. */
export const AnswersRequest = z
  .object({
    answers: z
      .array(z.object({ questionId: z.string(), answer: z.number().finite() }))
      .min(1, 'give at least one answer'),
    by: z.string().trim().min(1, 'name who answers'),
    basedOn: z.record(z.string(), z.number().int().nullable()).optional().meta({
      description:
        'per question, the id of the latest answer this change is based on (null: none); if another answer came meanwhile the answer is 409 CONFLICT and nothing is stored',
    }),
  })
  .strict();

export const AnswerList = z.object({ answers: AccountDetail.shape.assessmentAnswers });
