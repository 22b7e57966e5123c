import type { z } from 'zod';
import type {
  AccountDetail as AccountDetailSchema,
  AnswerList as AnswerListSchema,
  Override as OverrideSchema,
  QuestionList as QuestionListSchema,
} from '../../../src/contract/accounts.ts';

/* The account page's API shapes, inferred from the contract (types only: zod stays out of the bundle). */

export type AccountDetail = z.infer<typeof AccountDetailSchema>;
export type AccountExplanation = NonNullable<AccountDetail['explanation']>;
export type AccountOverride = z.infer<typeof OverrideSchema>;
export type AccountQuestionList = z.infer<typeof QuestionListSchema>;
export type AccountQuestion = AccountQuestionList['questions'][number];
export type AccountAnswerList = z.infer<typeof AnswerListSchema>;

/** The three score dimensions, in the order the page shows them. */
export const DIMENSIONS = ['need', 'value', 'behavior'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** One colour per dimension, shared by the score tiles, the bars and the history chart. */
export const DIMENSION_COLORS: Record<Dimension, string> = {
  need: '#7c3aed',
  value: '#2563eb',
  behavior: '#0f766e',
};
