/** A criterion as a run used it; the run stores the list once, accounts store only numbers. */
export type RunCriterion = {
  id: string;
  dimension: string;
  source: 'feature' | 'question';
  weight: number;
};

/** One line of an account's explanation. */
export type ExplanationLine = RunCriterion & {
  raw: number | null;
  transformed: number | null;
  contribution: number | null;
};

const write = (x: number, scale: number): string =>
  Number.isNaN(x) ? '' : String(Math.round(x * scale) / scale);
const read = (text: string | undefined): number | null =>
  text === undefined || text === '' ? null : Number(text);

/**
 * Packs an account's explanation as comma-separated numbers, three per criterion in the run's
 * criterion order: raw value (4 decimals), transformed value and contribution (2 decimals);
 * empty for no data. Compact enough for a million accounts per run.
 */
export function encodeExplanation(
  values: readonly { raw: number; transformed: number; contribution: number }[],
): string {
  const parts: string[] = [];
  for (const v of values)
    parts.push(write(v.raw, 1e4), write(v.transformed, 100), write(v.contribution, 100));
  return parts.join(',');
}

/** Unpacks an explanation stored by `encodeExplanation` against the run's criteria. */
export function decodeExplanation(
  text: string,
  criteria: readonly RunCriterion[],
): ExplanationLine[] {
  const parts = text.split(',');
  return criteria.map((criterion, i) => ({
    ...criterion,
    raw: read(parts[3 * i]),
    transformed: read(parts[3 * i + 1]),
    contribution: read(parts[3 * i + 2]),
  }));
}
