import { describe, expect, it } from 'vitest';
import { monthIndex } from './calendar-months.ts';
import { indexRevenue, revenueBetween } from './index-revenue.ts';

describe('indexRevenue', () => {
  const index = indexRevenue(
    [
      { accountId: 2, month: '2024-01', revenue: 0.1 },
      { accountId: 2, month: '2024-01', revenue: 0.2 }, // same month: summed
      { accountId: 2, month: '2024-03', revenue: -0.3 }, // a credit note
      { accountId: 1, month: '2023-11', revenue: -50 },
      { accountId: 1, month: '2024-02', revenue: 100 },
      { accountId: 1, month: '2024-07', revenue: 999 }, // after asOf's month: ignored
    ],
    '2024-06-15',
  );
  const [one, two] = index.accounts;
  const window = (from: string, to: string) => ({ from: monthIndex(from), to: monthIndex(to) });

  it('keeps the months up to asOf, accounts in id order, first positive month per account', () => {
    expect([index.firstMonth, index.lastMonth]).toEqual([
      monthIndex('2023-11'),
      monthIndex('2024-03'),
    ]);
    expect(index.accounts.map((a) => a.accountId)).toEqual([1, 2]);
    expect(one?.firstMonth).toBe(monthIndex('2024-02')); // the credit note does not make a customer
  });

  it('sums any window by prefix sums, to the cent, and 0 outside the data', () => {
    if (!one || !two) throw new Error('missing accounts');
    expect(revenueBetween(index, one, window('2023-01', '2024-12'))).toBe(50);
    expect(revenueBetween(index, one, window('2024-02', '2024-02'))).toBe(100);
    expect(revenueBetween(index, two, window('2024-01', '2024-01'))).toBe(0.3); // not 0.30000000000000004
    expect(revenueBetween(index, two, window('2024-01', '2024-03'))).toBe(0); // not 5.55e-17
    expect(revenueBetween(index, two, window('2020-01', '2020-12'))).toBe(0);
    expect(revenueBetween(index, two, window('2025-01', '2025-12'))).toBe(0);
  });

  it('is empty without rows', () => {
    expect(indexRevenue([], '2024-06-15')).toEqual({
      accounts: [],
      firstMonth: null,
      lastMonth: null,
    });
  });
});
