/** The assessment questions reps answer per account (1–5 Likert, or money for total_opportunity). */
export const ASSESSMENT_QUESTIONS = {
  portfolio_aligned: 'Their portfolio is aligned with our growth plans (1–5)',
  high_touch: 'They require high-touch service (1–5)',
  buyers_empowered: 'Their buyers are empowered to make forward-looking decisions (1–5)',
  leadership_progressive: 'Their leadership spots trends and bets on new products (1–5)',
  total_opportunity: 'Total opportunity: what they could spend with us per year (money)',
} as const;

export type QuestionId = keyof typeof ASSESSMENT_QUESTIONS;

export const QUESTION_IDS = Object.keys(ASSESSMENT_QUESTIONS) as QuestionId[];
