import type { ReactNode } from 'react';
import { formatCompactMoney, formatCount, formatMoney, formatShare } from '../format.ts';

export type BreakdownRow = {
  key: string;
  label: ReactNode;
  accounts: number;
  revenue: number;
  potential: number;
};

/** Accounts, revenue and potential per group (tier or category), with each group's share and a total. */
export function PortfolioBreakdown({
  caption,
  groupLabel,
  rows,
}: {
  caption: string;
  groupLabel: string;
  rows: readonly BreakdownRow[];
}) {
  const total = rows.reduce(
    (sum, row) => ({
      accounts: sum.accounts + row.accounts,
      revenue: sum.revenue + row.revenue,
      potential: sum.potential + row.potential,
    }),
    { accounts: 0, revenue: 0, potential: 0 },
  );
  const share = (part: number, whole: number) => (whole > 0 ? formatShare(part / whole) : '—');
  return (
    <div className="table-wrap">
      <table className="table breakdown-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{groupLabel}</th>
            <th scope="col" className="num">
              Accounts
            </th>
            <th scope="col" className="num">
              Revenue (12 mo)
            </th>
            <th scope="col" className="num">
              Potential
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="num">
                {formatCount(row.accounts)}
                <div className="muted small">{share(row.accounts, total.accounts)}</div>
              </td>
              <td className="num" title={formatMoney(row.revenue)}>
                {formatCompactMoney(row.revenue)}
                <div className="muted small">{share(row.revenue, total.revenue)}</div>
              </td>
              <td className="num" title={formatMoney(row.potential)}>
                {formatCompactMoney(row.potential)}
                <div className="muted small">{share(row.potential, total.potential)}</div>
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="num">{formatCount(total.accounts)}</td>
            <td className="num" title={formatMoney(total.revenue)}>
              {formatCompactMoney(total.revenue)}
            </td>
            <td className="num" title={formatMoney(total.potential)}>
              {formatCompactMoney(total.potential)}
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
