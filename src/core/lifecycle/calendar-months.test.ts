import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  lastCompleteMonth,
  median,
  monthIndex,
  monthLabel,
  quarterLabel,
  ratio,
} from './calendar-months.ts';

describe('addMonths', () => {
  it('clamps to the last day of the target month, as SQL date ± INTERVAL does', () => {
    // expected values: DuckDB `CAST('2024-02-29' AS DATE) - INTERVAL '12 months'` and PostgreSQL agree
    expect(addMonths('2024-02-29', -12)).toBe('2023-02-28');
    expect(addMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-06-30', 12)).toBe('2025-06-30');
    expect(addMonths('2024-11-15', 3)).toBe('2025-02-15');
  });

  it('rejects a malformed date, naming the function', () => {
    expect(() => addMonths('2024-02-30', 1)).toThrow(/addMonths/);
  });
});

describe('day arithmetic', () => {
  it('adds days and counts the days between two dates', () => {
    expect(addDays('2024-01-31', 90)).toBe('2024-04-30');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(daysBetween('2024-01-31', '2024-04-30')).toBe(90);
    expect(daysBetween('2024-04-30', '2024-01-31')).toBe(-90);
  });
});

describe('months', () => {
  it('round-trips month indexes and labels', () => {
    expect(monthIndex('2024-01')).toBe(2024 * 12);
    expect(monthIndex('2024-12-31')).toBe(2024 * 12 + 11);
    expect(monthLabel(2024 * 12 + 11)).toBe('2024-12');
    expect(quarterLabel(2024 * 12 + 7)).toBe('2024-Q3');
    expect(() => monthIndex('2024-13')).toThrow(/monthIndex/);
  });

  it('takes asOf’s own month as complete only on its last day', () => {
    expect(monthLabel(lastCompleteMonth('2026-10-31'))).toBe('2026-10');
    expect(monthLabel(lastCompleteMonth('2026-10-30'))).toBe('2026-09');
    expect(monthLabel(lastCompleteMonth('2024-02-29'))).toBe('2024-02');
    expect(monthLabel(lastCompleteMonth('2024-01-01'))).toBe('2023-12');
  });
});

describe('median and ratio', () => {
  it('computes the median of odd and even lists, null when empty', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([90, 0])).toBe(45);
    expect(median([])).toBeNull();
  });

  it('returns null without a positive denominator', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(1, 0)).toBeNull();
  });
});
