import { formatCount } from '../format.ts';
import { PAGE_SIZE } from './accounts-view.ts';
import type { AccountsTable } from './use-accounts-table.tsx';

/** Which rows of how many are shown, and buttons to move between pages. */
export function AccountsPager({
  table,
  total,
  where,
}: {
  table: AccountsTable;
  total: number;
  /** Top and bottom pagers are separate landmarks; only the top one announces changes. */
  where: 'top' | 'bottom';
}) {
  const pageCount = Math.max(1, table.getPageCount());
  const pageIndex = table.state.pagination.pageIndex;
  const first = total === 0 ? 0 : pageIndex * PAGE_SIZE + 1;
  const last = Math.min(total, (pageIndex + 1) * PAGE_SIZE);
  return (
    <nav className="pager" aria-label={where === 'top' ? 'Pages' : 'Pages (bottom)'}>
      <p className="muted small" aria-live={where === 'top' ? 'polite' : undefined}>
        {formatCount(first)}–{formatCount(last)} of {formatCount(total)}{' '}
        {total === 1 ? 'account' : 'accounts'} · page {formatCount(pageIndex + 1)} of{' '}
        {formatCount(pageCount)}
      </p>
      <div className="row">
        <button
          type="button"
          className="button"
          onClick={() => table.firstPage()}
          disabled={!table.getCanPreviousPage()}
          aria-label="First page"
        >
          «
        </button>
        <button
          type="button"
          className="button"
          onClick={() => table.previousPage()}
          disabled={!table.getCanPreviousPage()}
        >
          Previous
        </button>
        <button
          type="button"
          className="button"
          onClick={() => table.nextPage()}
          disabled={!table.getCanNextPage()}
        >
          Next
        </button>
        <button
          type="button"
          className="button"
          onClick={() => table.lastPage()}
          disabled={!table.getCanLastPage()}
          aria-label="Last page"
        >
          »
        </button>
      </div>
    </nav>
  );
}
