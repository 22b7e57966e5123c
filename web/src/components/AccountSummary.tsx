import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatCompactMoney, formatCount } from '../format.ts';
import { CategoryBadge, TierBadge } from './TierBadge.tsx';
import type { AccountDetail } from './AccountTypes.ts';

function Fact({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? 'account-fact wide' : 'account-fact'}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** Who the account is: tier and category with the reason, firmographics, owner and parent. */
export function AccountSummary({ detail }: { detail: AccountDetail }) {
  const { account, explanation } = detail;
  const scored = explanation?.account;
  const place = [account.region, account.country].filter(Boolean).join(' · ');
  return (
    <section className="card account-summary" aria-label="Account summary">
      {scored ? (
        <div className="row account-badges">
          <TierBadge tier={scored.tier} overridden={scored.overridden} />
          {scored.overridden ? (
            <span className="small muted">computed: {scored.computedTier}</span>
          ) : null}
          <CategoryBadge category={scored.category} />
          {scored.highValue ? (
            <span
              className="badge account-high-value"
              title="high value: potential spend in the top band"
            >
              ★ High value
            </span>
          ) : null}
          <span className="small muted account-category-reason">
            {scored.category}: {scored.categoryReason}
          </span>
        </div>
      ) : (
        <p className="small muted account-badges">
          Not scored in this run, so no tier or category yet.
        </p>
      )}
      <dl className="account-facts">
        <Fact label="Industry">{account.industry ?? '—'}</Fact>
        <Fact label="Region / country">{place || '—'}</Fact>
        <Fact label="Employees">
          {account.employees === null ? '—' : formatCount(account.employees)}
        </Fact>
        <Fact label="Annual revenue">{formatCompactMoney(account.annualRevenue)}</Fact>
        <Fact label="Owner" wide>
          {account.owner ? (
            <>
              {account.owner.name}
              {account.owner.email ? (
                <>
                  <br />
                  <a className="small" href={`mailto:${account.owner.email}`}>
                    {account.owner.email}
                  </a>
                </>
              ) : null}
            </>
          ) : (
            <span className="muted">No owner</span>
          )}
        </Fact>
        <Fact label="Parent account">
          {account.parent ? (
            <Link to={`/accounts/${account.parent.id}`}>{account.parent.name}</Link>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Domain">{account.domain ?? '—'}</Fact>
        <Fact label="In CRM since">{account.createdOn ?? '—'}</Fact>
      </dl>
    </section>
  );
}
