import type { AccountsView } from './accounts-view.ts';
import { isSortable, nextSort, type AccountsTable as Table } from './use-accounts-table.tsx';

const ARIA_SORT = { asc: 'ascending', desc: 'descending' } as const;

/** One page of scored accounts; sortable headers are buttons and say how they sort (aria-sort). */
export function AccountsTable({
  table,
  view,
  busy,
}: {
  table: Table;
  view: AccountsView;
  busy: boolean;
}) {
  return (
    <div className="table-wrap accounts-table-wrap">
      <table className="table accounts-table" aria-busy={busy}>
        <caption className="visually-hidden">
          Scored accounts, sorted by {view.sort}{' '}
          {view.order === 'desc' ? 'descending' : 'ascending'}
        </caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const { column } = header;
                const meta = column.columnDef.meta;
                const sorted = column.getIsSorted();
                const sortable = isSortable(column.id) && column.getCanSort();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={meta?.numeric ? 'num' : undefined}
                    aria-sort={sortable ? (sorted ? ARIA_SORT[sorted] : 'none') : undefined}
                  >
                    {sortable ? (
                      <button
                        type="button"
                        className="sort-button"
                        title={meta ? `Sort by ${meta.label.toLowerCase()}` : undefined}
                        onClick={() => {
                          if (isSortable(column.id)) table.setSorting(nextSort(view, column.id));
                        }}
                      >
                        <table.FlexRender header={header} />
                        {sorted ? (
                          <span className="sort-arrow" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : '▼'}
                          </span>
                        ) : null}
                      </button>
                    ) : (
                      <table.FlexRender header={header} />
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td
                  key={cell.id}
                  className={
                    cell.column.columnDef.meta?.numeric
                      ? 'num'
                      : cell.column.columnDef.meta?.wrap
                        ? 'wrap'
                        : undefined
                  }
                >
                  <table.FlexRender cell={cell} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
