import { formatCount, formatMoney } from '../format.ts';
import { EmptyState } from './EmptyState.tsx';
import { todayIso } from './AccountFormat.ts';
import type { AccountDetail } from './AccountTypes.ts';

type Invoices = AccountDetail['invoices'];
type Invoice = Invoices['items'][number];

function statusOf(invoice: Invoice, today: string): 'paid' | 'overdue' | 'open' {
  if (invoice.paidOn) return 'paid';
  return invoice.dueOn < today ? 'overdue' : 'open';
}

/** The latest invoices; unpaid ones past their due date are overdue and stand out. */
export function AccountInvoices({ invoices }: { invoices: Invoices }) {
  if (invoices.total === 0) return <EmptyState title="No invoices" />;
  const today = todayIso();
  const overdue = invoices.items.filter((i) => statusOf(i, today) === 'overdue');
  const overdueAmount = overdue.reduce((sum, i) => sum + i.amount, 0);
  return (
    <div className="stack">
      <p className="small muted">
        {invoices.items.length < invoices.total
          ? `The latest ${formatCount(invoices.items.length)} of ${formatCount(invoices.total)} invoices. `
          : `${formatCount(invoices.total)} ${invoices.total === 1 ? 'invoice' : 'invoices'}. `}
        {overdue.length > 0 ? (
          <strong className="account-overdue-text">
            {overdue.length} overdue, {formatMoney(overdueAmount)}.
          </strong>
        ) : (
          'None overdue.'
        )}
      </p>
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Issued</th>
              <th scope="col">Due</th>
              <th scope="col">Paid</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Product</th>
            </tr>
          </thead>
          <tbody>
            {invoices.items.map((i) => {
              const status = statusOf(i, today);
              return (
                <tr key={i.id} className={status === 'overdue' ? 'account-row-overdue' : undefined}>
                  <td className="account-nowrap">{i.issuedOn}</td>
                  <td className="account-nowrap">{i.dueOn}</td>
                  <td className="account-nowrap">
                    {status === 'paid' ? i.paidOn : null}
                    {status === 'overdue' ? (
                      <span className="account-flag danger">Overdue</span>
                    ) : null}
                    {status === 'open' ? <span className="account-flag">Not due yet</span> : null}
                  </td>
                  <td className="num">{formatMoney(i.amount)}</td>
                  <td>{i.productFamily ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
