import { formatMoney, humanize } from '../format.ts';
import { EmptyState } from './EmptyState.tsx';
import { daysBetween, todayIso } from './AccountFormat.ts';
import type { AccountDetail } from './AccountTypes.ts';

type Contract = AccountDetail['contracts'][number];

/** A renewal within this many days is flagged: about one quarter, the usual renewal lead time. */
const RENEWAL_SOON_DAYS = 90;

function Renewal({ contract, today }: { contract: Contract; today: string }) {
  if (!contract.renewalDate) return <span className="muted">—</span>;
  const days = daysBetween(today, contract.renewalDate);
  const upcoming = contract.status === 'active' && days >= 0 && days <= RENEWAL_SOON_DAYS;
  return (
    <>
      {contract.renewalDate}
      {upcoming ? (
        <span className="account-flag warn">{days === 0 ? 'today' : `in ${days} days`}</span>
      ) : null}
    </>
  );
}

/** Contracts, active first, with their renewal dates (those due within a quarter flagged). */
export function AccountContracts({ contracts }: { contracts: Contract[] }) {
  if (contracts.length === 0) return <EmptyState title="No contracts" />;
  const today = todayIso();
  const sorted = [...contracts].sort(
    (a, b) =>
      Number(b.status === 'active') - Number(a.status === 'active') ||
      b.endDate.localeCompare(a.endDate),
  );
  const active = contracts.filter((c) => c.status === 'active');
  const annual = active.reduce((sum, c) => sum + c.annualValue, 0);
  return (
    <div className="stack">
      <p className="small muted">
        {active.length === 0
          ? 'No active contract.'
          : `${active.length} active, ${formatMoney(annual)} a year.`}
      </p>
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Term</th>
              <th scope="col" className="num">
                Annual value
              </th>
              <th scope="col">Renewal</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((c) => (
              <tr key={c.id}>
                <td>
                  {c.productFamily ?? '—'}
                  <div className="small muted">
                    {humanize(c.kind)} · {c.status}
                  </div>
                </td>
                <td>
                  <span className="account-nowrap">{c.startDate} –</span>{' '}
                  <span className="account-nowrap">{c.endDate}</span>
                </td>
                <td className="num">{formatMoney(c.annualValue)}</td>
                <td className="account-nowrap">
                  <Renewal contract={c} today={today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
