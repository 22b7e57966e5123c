import {
  columnVisibilityFeature,
  createColumnHelper,
  rowPaginationFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnVisibilityState,
  type PaginationState,
  type ReactTable,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ScoredAccount as ScoredAccountSchema } from '../../../src/contract/accounts.ts';
import {
  TIER_COLORS,
  formatCompactMoney,
  formatMoney,
  formatScore,
  formatShare,
  shortTierLabel,
  tierLabel,
} from '../format.ts';
import {
  ACCOUNT_COLUMNS,
  FIXED_COLUMNS,
  PAGE_SIZE,
  defaultOrder,
  type AccountColumn,
  type AccountSort,
  type AccountsView,
} from './accounts-view.ts';
import { CategoryBadge } from './TierBadge.tsx';

export type ScoredAccount = z.infer<typeof ScoredAccountSchema>;

type ColumnMeta = {
  /** What the column picker and screen readers call the column. */
  label: string;
  numeric?: boolean;
  /** Text that may wrap onto a second line rather than widen the table. */
  wrap?: boolean;
};

/*
 * Sorting and paging happen on the server (manualSorting / manualPagination): the table only
 * holds the state, which mirrors the URL.
 */
const features = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnVisibilityFeature,
  columnMeta: {} as ColumnMeta,
});

export type AccountsTable = ReactTable<typeof features, ScoredAccount>;

const helper = createColumnHelper<typeof features, ScoredAccount>();

const SORTABLE: ReadonlySet<string> = new Set<AccountSort>([
  'name',
  'tier',
  'value',
  'need',
  'behavior',
  'revenue',
  'potential',
  'share',
]);

export function isSortable(column: string): column is AccountSort {
  return SORTABLE.has(column);
}

const columns = helper.columns([
  helper.accessor('name', {
    header: 'Account',
    meta: { label: 'Account', wrap: true },
    enableHiding: false,
    cell: ({ row }) => {
      const account = row.original;
      return (
        <div className="account-name">
          <Link to={`/accounts/${account.accountId}`}>{account.name}</Link>
          {account.highValue ? (
            <span className="high-value-mark" title="High-value potential">
              <span aria-hidden="true">★</span>
              <span className="visually-hidden">high value</span>
            </span>
          ) : null}
          <div className="muted small">{account.externalId}</div>
        </div>
      );
    },
  }),
  helper.accessor('tier', {
    header: 'Tier',
    meta: { label: 'Tier' },
    cell: ({ row }) => {
      const account = row.original;
      // the column is headed "Tier", so the badge drops the word to keep the table narrow
      return (
        <span
          className="badge"
          style={{ background: TIER_COLORS[account.tier] ?? '#64748b' }}
          title={
            account.overridden
              ? `${tierLabel(account.tier)}, set by hand; the model says ${tierLabel(account.computedTier)}`
              : tierLabel(account.tier)
          }
        >
          {shortTierLabel(account.tier)}
          {account.overridden ? (
            <>
              {' '}
              <span aria-hidden="true">✎</span>
              <span className="visually-hidden">(override)</span>
            </>
          ) : null}
        </span>
      );
    },
  }),
  helper.accessor('category', {
    header: 'Category',
    meta: { label: 'Category' },
    enableSorting: false,
    cell: ({ getValue }) => <CategoryBadge category={getValue()} />,
  }),
  helper.accessor('value', {
    header: 'Value',
    meta: { label: 'Value score', numeric: true },
    cell: ({ getValue }) => formatScore(getValue()),
  }),
  helper.accessor('need', {
    header: 'Need',
    meta: { label: 'Need score', numeric: true },
    cell: ({ getValue }) => formatScore(getValue()),
  }),
  helper.accessor('behavior', {
    header: 'Behavior',
    meta: { label: 'Behavior score', numeric: true },
    cell: ({ getValue }) => formatScore(getValue()),
  }),
  helper.accessor('revenueTtm', {
    id: 'revenue',
    header: 'Revenue',
    meta: { label: 'Revenue, last 12 months', numeric: true },
    cell: ({ getValue }) => (
      <span title={formatMoney(getValue())}>{formatCompactMoney(getValue())}</span>
    ),
  }),
  helper.accessor('potentialSpend', {
    id: 'potential',
    header: 'Potential',
    meta: { label: 'Potential spend', numeric: true },
    cell: ({ getValue }) => (
      <span title={formatMoney(getValue())}>{formatCompactMoney(getValue())}</span>
    ),
  }),
  helper.accessor('shareOfWallet', {
    id: 'share',
    header: 'Share',
    meta: { label: 'Share of wallet', numeric: true },
    cell: ({ getValue }) => formatShare(getValue()),
  }),
  helper.accessor('owner', {
    header: 'Owner',
    meta: { label: 'Owner', wrap: true },
    enableSorting: false,
    cell: ({ getValue }) => getValue() ?? '—',
  }),
  helper.accessor('industry', {
    header: 'Industry',
    meta: { label: 'Industry', wrap: true },
    enableSorting: false,
    cell: ({ getValue }) => getValue() ?? '—',
  }),
]);

function resolve<T>(updater: Updater<T>, current: T): T {
  return typeof updater === 'function' ? (updater as (old: T) => T)(current) : updater;
}

/**
 * The accounts table's column model over one server page; its sorting, paging and column
 * visibility are the URL's (`view`), and every change goes back through `onChange`.
 */
export function useAccountsTable(options: {
  view: AccountsView;
  rows: readonly ScoredAccount[];
  total: number;
  onChange: (change: Partial<AccountsView>) => void;
}): AccountsTable {
  const { view, rows, total, onChange } = options;
  const sorting: SortingState = [{ id: view.sort, desc: view.order === 'desc' }];
  const pagination: PaginationState = { pageIndex: view.page - 1, pageSize: PAGE_SIZE };
  const columnVisibility: ColumnVisibilityState = Object.fromEntries(
    ACCOUNT_COLUMNS.map((c) => [c, view.columns.includes(c)]),
  );
  return useTable({
    features,
    columns,
    data: rows,
    getRowId: (row) => String(row.accountId),
    manualSorting: true,
    manualPagination: true,
    rowCount: total,
    enableSortingRemoval: false,
    enableMultiSort: false,
    state: { sorting, pagination, columnVisibility },
    onSortingChange: (updater) => {
      const [next] = resolve(updater, sorting);
      if (!next || !isSortable(next.id)) return;
      onChange({ sort: next.id, order: next.desc ? 'desc' : 'asc', page: 1 });
    },
    onPaginationChange: (updater) => {
      onChange({ page: resolve(updater, pagination).pageIndex + 1 });
    },
    onColumnVisibilityChange: (updater) => {
      const next = resolve(updater, columnVisibility);
      onChange({
        columns: ACCOUNT_COLUMNS.filter(
          (c: AccountColumn) => FIXED_COLUMNS.includes(c) || next[c] !== false,
        ),
      });
    },
  });
}

/** Clicking the sorted column flips its order; another column starts at its natural order. */
export function nextSort(view: AccountsView, column: AccountSort): SortingState {
  const order =
    view.sort === column ? (view.order === 'desc' ? 'asc' : 'desc') : defaultOrder(column);
  return [{ id: column, desc: order === 'desc' }];
}
