import { Link } from 'react-router';
import { formatCompactMoney, formatScore } from '../format.ts';
import { TierBadge } from './TierBadge.tsx';
import type { ScoredAccount } from './use-accounts-table.tsx';

/** A short ranked list of accounts as links, with tier and scores: the matrix's keyboard companion. */
export function TopAccountsList({ accounts }: { accounts: readonly ScoredAccount[] }) {
  return (
    <ol className="top-accounts">
      {accounts.map((account) => (
        <li key={account.accountId}>
          <div className="top-accounts-name">
            <Link to={`/accounts/${account.accountId}`}>{account.name}</Link>
            <TierBadge tier={account.tier} overridden={account.overridden} />
          </div>
          <div className="muted small">
            Value {formatScore(account.value)} · Need {formatScore(account.need)} · Behavior{' '}
            {formatScore(account.behavior)} · Potential {formatCompactMoney(account.potentialSpend)}
          </div>
        </li>
      ))}
    </ol>
  );
}
