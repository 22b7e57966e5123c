import { describe, expect, it } from 'vitest';
import { parseCutoff, parseMonths, resolveCutoff } from './parse-backtest-period.ts';

describe('cutoffs and horizons', () => {
  it('reads dates and relative cutoffs, counting back with SQL month arithmetic', () => {
    expect(parseCutoff('2025-10-31')).toEqual({ kind: 'date', date: '2025-10-31' });
    expect(parseCutoff('-12m')).toEqual({ kind: 'relative', months: 12 });
    expect(parseCutoff('-2y')).toEqual({ kind: 'relative', months: 24 });
    expect(resolveCutoff({ kind: 'relative', months: 12 }, '2026-10-31')).toBe('2025-10-31');
    // 2024-02-29 − 12 months clamps to 2023-02-28, as `date - INTERVAL '12 months'` does
    expect(resolveCutoff({ kind: 'relative', months: 12 }, '2024-02-29')).toBe('2023-02-28');
    expect(resolveCutoff({ kind: 'date', date: '2025-01-01' }, '2026-10-31')).toBe('2025-01-01');
  });

  it('reads horizons in months or years and rejects the rest', () => {
    expect(parseMonths('12m')).toBe(12);
    expect(parseMonths('6')).toBe(6);
    expect(parseMonths('1y')).toBe(12);
    expect(() => parseMonths('0m')).toThrow('parseMonths');
    expect(() => parseMonths('12 weeks')).toThrow('expected a horizon');
    expect(() => parseCutoff('last year')).toThrow('expected YYYY-MM-DD or -Nm');
    expect(() => parseCutoff('2025-02-30')).toThrow('not a calendar date');
    expect(() => parseCutoff('-0m')).toThrow('at least 1 month');
  });
});
