import { useState } from 'react';
import { Link } from 'react-router';
import { formatCompactMoney, formatMoney, formatShare } from '../format.ts';
import { TierBadge } from './TierBadge.tsx';
import type { ScoredAccount } from './use-accounts-table.tsx';

const FIRST_ROWS = 10;

/**
 * The high-value accounts with the most potential: name and tier, revenue, potential, share of
 * wallet. The first ten show; the rest are one click away.
 */
export function HighValueTable({ accounts }: { accounts: readonly ScoredAccount[] }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? accounts : accounts.slice(0, FIRST_ROWS);
  return (
    <>
      <div className="table-wrap">
        <table className="table high-value-table">
          <caption className="visually-hidden">High-value accounts by potential spend</caption>
          <thead>
            <tr>
              <th scope="col">Account and tier</th>
              <th scope="col" className="num">
                Revenue (12 mo)
              </th>
              <th scope="col" className="num">
                Potential
              </th>
              <th scope="col" className="num">
                Share of wallet
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((account) => (
              <tr key={account.accountId}>
                <td>
                  <span className="high-value-name">
                    <Link to={`/accounts/${account.accountId}`}>{account.name}</Link>
                    <TierBadge tier={account.tier} overridden={account.overridden} />
                  </span>
                </td>
                <td className="num" title={formatMoney(account.revenueTtm)}>
                  {formatCompactMoney(account.revenueTtm)}
                </td>
                <td className="num" title={formatMoney(account.potentialSpend)}>
                  {formatCompactMoney(account.potentialSpend)}
                </td>
                <td className="num">{formatShare(account.shareOfWallet)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {accounts.length > FIRST_ROWS ? (
        <button
          type="button"
          className="button high-value-more"
          aria-expanded={expanded}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? `Show the first ${FIRST_ROWS}` : `Show all ${accounts.length}`}
        </button>
      ) : null}
    </>
  );
}
