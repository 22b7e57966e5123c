import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  dayNumber,
  isoDate,
  summarizeTransactions,
  type Transaction,
} from './calibration-summary.ts';

describe('summarizeTransactions', () => {
  const transactions: Transaction[] = [
    { customerId: 'a', date: '2024-01-01', amount: 10 },
    { customerId: 'a', date: '2024-01-01', amount: 5 }, // same day: merged into one purchase of 15
    { customerId: 'a', date: '2024-01-15', amount: 20 },
    { customerId: 'a', date: '2024-01-29', amount: 40 },
    { customerId: 'a', date: '2024-02-12', amount: 99 }, // after `until`: holdout
    { customerId: 'b', date: '2024-01-08', amount: 7 },
    { customerId: 'c', date: '2024-02-05', amount: 1 }, // first purchase after `until`
  ];

  it('merges same-day purchases and computes x, t_x, T and zbar in weeks', () => {
    const summary = summarizeTransactions(transactions, { until: '2024-01-29', unit: 'week' });
    expect(summary.transactions).toBe(7);
    expect(summary.purchaseDays).toBe(6);
    expect(summary.customersAfterUntil).toBe(1);
    expect(summary.until).toBe('2024-01-29');
    const a = summary.customers.find((c) => c.customerId === 'a');
    expect(a).toEqual({
      customerId: 'a',
      x: 2,
      tx: 4,
      T: 4,
      zbar: 30,
      firstPurchase: '2024-01-01',
      holdoutPurchases: 1,
    });
    const b = summary.customers.find((c) => c.customerId === 'b');
    expect(b).toEqual({
      customerId: 'b',
      x: 0,
      tx: 0,
      T: 3,
      zbar: 0,
      firstPurchase: '2024-01-08',
      holdoutPurchases: 0,
    });
    expect(summary.holdoutLength).toBe(2);
  });

  it('uses days or months (a twelfth of 365.25 days) on request, and the last day as the default end', () => {
    const days = summarizeTransactions(transactions, { until: '2024-01-29', unit: 'day' });
    expect(days.customers.find((c) => c.customerId === 'a')?.T).toBe(28);
    const months = summarizeTransactions(transactions, { unit: 'month' });
    expect(months.until).toBe('2024-02-12');
    expect(months.customers.find((c) => c.customerId === 'a')?.T).toBeCloseTo(
      42 / (365.25 / 12),
      12,
    );
    expect(months.customers).toHaveLength(3);
  });

  it('rejects bad input, naming the function and the transaction', () => {
    expect(() => summarizeTransactions([])).toThrow(/summarizeTransactions: no transactions/);
    expect(() =>
      summarizeTransactions([{ customerId: 'a', date: '2024-02-30', amount: 1 }]),
    ).toThrow(/transaction 0: date "2024-02-30"/);
    expect(() =>
      summarizeTransactions([{ customerId: 'a', date: '2024-02-01', amount: Number.NaN }]),
    ).toThrow(/amount NaN/);
    expect(() => summarizeTransactions(transactions, { until: '29/01/2024' })).toThrow(/until/);
  });

  it('x counts distinct purchase days after the first, and 0 ≤ t_x ≤ T (property)', () => {
    const day = fc.integer({ min: 0, max: 400 });
    const tx = fc.record({
      customerId: fc.constantFrom('a', 'b', 'c'),
      day,
      amount: fc.double({ min: 0, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.array(tx, { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 0, max: 400 }),
        (rows, until) => {
          const base = dayNumber('2023-01-01') ?? 0;
          const list = rows.map((r) => ({
            customerId: r.customerId,
            date: isoDate(base + r.day),
            amount: r.amount,
          }));
          const summary = summarizeTransactions(list, {
            until: isoDate(base + until),
            unit: 'day',
          });
          for (const c of summary.customers) {
            const days = new Set(
              rows.filter((r) => r.customerId === c.customerId).map((r) => r.day),
            );
            const first = Math.min(...days);
            const inCalibration = [...days].filter((d) => d <= until);
            expect(c.x).toBe(inCalibration.length - 1);
            expect(c.holdoutPurchases).toBe(days.size - inCalibration.length);
            expect(c.tx).toBe(Math.max(...inCalibration) - first);
            expect(c.T).toBe(until - first);
            expect(c.tx).toBeLessThanOrEqual(c.T);
          }
        },
      ),
    );
  });
});

describe('dayNumber / isoDate', () => {
  it('round-trips calendar dates and rejects impossible ones', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(isoDate(dayNumber('1997-09-30') ?? 0)).toBe('1997-09-30');
    expect(dayNumber('1997-02-29')).toBeNull();
    expect(dayNumber('1997-9-30')).toBeNull();
  });
});
