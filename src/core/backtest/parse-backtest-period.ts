import { addMonths, assertIsoDate } from '../lifecycle/calendar-months.ts';
import { BacktestInputError } from './backtest-input-error.ts';

/** A cutoff as given: a calendar date, or a whole number of months before the newest record. */
export type CutoffSpec = { kind: 'date'; date: string } | { kind: 'relative'; months: number };

/**
 * Reads a cutoff: `YYYY-MM-DD`, or `-Nm` (N months before the newest dated record) / `-Ny`
 * (N years). Throws BacktestInputError on anything else.
 */
export function parseCutoff(text: string): CutoffSpec {
  const value = text.trim();
  const relative = /^-(\d+)([my])$/.exec(value);
  if (relative) {
    const n = Number(relative[1]);
    const months = relative[2] === 'y' ? n * 12 : n;
    if (months < 1)
      throw new BacktestInputError('parseCutoff', `"${text}": expected at least 1 month`);
    return { kind: 'relative', months };
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value))
    throw new BacktestInputError(
      'parseCutoff',
      `"${text}": expected YYYY-MM-DD or -Nm (e.g. -12m)`,
    );
  assertIsoDate('parseCutoff', value, 'cutoff');
  return { kind: 'date', date: value };
}

/** Reads a horizon such as `12m`, `6m` or `1y` as whole months (1..120); throws BacktestInputError. */
export function parseMonths(text: string): number {
  const match = /^(\d+)([my]?)$/.exec(text.trim());
  const months = match ? Number(match[1]) * (match[2] === 'y' ? 12 : 1) : NaN;
  if (!Number.isInteger(months) || months < 1 || months > 120)
    throw new BacktestInputError(
      'parseMonths',
      `"${text}": expected a horizon such as 12m or 1y (1 to 120 months)`,
    );
  return months;
}

/** The cutoff date of a spec: the date itself, or `months` before `newest` (clamped to month end, as SQL does). */
export function resolveCutoff(spec: CutoffSpec, newest: string): string {
  return spec.kind === 'date' ? spec.date : addMonths(newest, -spec.months);
}
