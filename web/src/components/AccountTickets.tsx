import { formatCount, humanize } from '../format.ts';
import { EmptyState } from './EmptyState.tsx';
import { daysBetween } from './AccountFormat.ts';
import type { AccountDetail } from './AccountTypes.ts';

type Tickets = AccountDetail['tickets'];

/** The latest support tickets with their severity and how long each took to close. */
export function AccountTickets({ tickets }: { tickets: Tickets }) {
  if (tickets.total === 0) return <EmptyState title="No support tickets" />;
  const open = tickets.items.filter((t) => !t.closedOn).length;
  return (
    <div className="stack">
      <p className="small muted">
        {tickets.items.length < tickets.total
          ? `The latest ${formatCount(tickets.items.length)} of ${formatCount(tickets.total)} tickets. `
          : `${formatCount(tickets.total)} ${tickets.total === 1 ? 'ticket' : 'tickets'}. `}
        {open === 0 ? 'None open.' : `${open} open.`}
      </p>
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Opened</th>
              <th scope="col">Severity</th>
              <th scope="col">Closed</th>
              <th scope="col" className="num">
                Days to close
              </th>
            </tr>
          </thead>
          <tbody>
            {tickets.items.map((t) => (
              <tr key={t.id}>
                <td className="account-nowrap">{t.openedOn}</td>
                <td>
                  <span className={`account-severity account-severity-${t.severity}`}>
                    {humanize(t.severity)}
                  </span>
                </td>
                <td className="account-nowrap">
                  {t.closedOn ?? <span className="account-flag">Open</span>}
                </td>
                <td className="num">
                  {t.closedOn ? formatCount(daysBetween(t.openedOn, t.closedOn)) : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
