import { formatMoney, humanize } from '../format.ts';
import { EmptyState } from './EmptyState.tsx';
import type { AccountDetail } from './AccountTypes.ts';

type Deal = AccountDetail['deals'][number];

/** Deals, open ones first, then the most recently closed; with the open pipeline's total. */
export function AccountDeals({ deals }: { deals: Deal[] }) {
  if (deals.length === 0) return <EmptyState title="No deals" />;
  const sorted = [...deals].sort(
    (a, b) =>
      Number(b.stage === 'open') - Number(a.stage === 'open') ||
      (b.closeDate ?? b.createdOn).localeCompare(a.closeDate ?? a.createdOn),
  );
  const open = deals.filter((d) => d.stage === 'open');
  const pipeline = open.reduce((sum, d) => sum + d.amount, 0);
  return (
    <div className="stack">
      <p className="small muted">
        {open.length === 0
          ? 'No open deals.'
          : `${open.length} open ${open.length === 1 ? 'deal' : 'deals'}, ${formatMoney(pipeline)} in pipeline.`}
      </p>
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Deal</th>
              <th scope="col">Stage</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Close date</th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((d) => (
              <tr key={d.id}>
                <td>
                  {d.name ?? d.externalId}
                  {d.productFamily && !d.name?.includes(d.productFamily) ? (
                    <div className="small muted">{d.productFamily}</div>
                  ) : null}
                </td>
                <td>
                  <span className={`account-stage account-stage-${d.stage}`}>
                    {humanize(d.stage)}
                  </span>
                </td>
                <td>{humanize(d.type)}</td>
                <td className="num">{formatMoney(d.amount)}</td>
                <td className="account-nowrap" title={`created ${d.createdOn}`}>
                  {d.closeDate ?? '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
