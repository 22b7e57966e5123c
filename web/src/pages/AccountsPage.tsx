import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { startTransition, useCallback, useMemo, useOptimistic } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { AccountList as AccountListSchema } from '../../../src/contract/accounts.ts';
import type { AccountFacets as AccountFacetsSchema } from '../../../src/contract/overview.ts';
import type { RunList as RunListSchema } from '../../../src/contract/runs.ts';
import { ApiError, api, apiUrl } from '../api/client.ts';
import { AccountsColumnPicker } from '../components/AccountsColumnPicker.tsx';
import { AccountsFilters } from '../components/AccountsFilters.tsx';
import { AccountsPager } from '../components/AccountsPager.tsx';
import { AccountsTable } from '../components/AccountsTable.tsx';
import {
  PAGE_SIZE,
  filterQuery,
  isFiltered,
  readView,
  writeView,
  type AccountsView,
} from '../components/accounts-view.ts';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { useAccountsTable, type ScoredAccount } from '../components/use-accounts-table.tsx';
import { formatCount } from '../format.ts';
import './AccountsPage.css';

type AccountList = z.infer<typeof AccountListSchema>;
type AccountFacets = z.infer<typeof AccountFacetsSchema>;
type RunList = z.infer<typeof RunListSchema>;

const NO_ROWS: readonly ScoredAccount[] = [];

/** A 404 without a route problem means the workspace has no scoring run yet. */
function isNoRun(error: unknown): boolean {
  return (
    error instanceof ApiError && error.code === 'NOT_FOUND' && /^no scoring run/.test(error.message)
  );
}

/**
 * Every scored account of the latest run, filtered, searched, sorted and paged on the server.
 * The whole view (filters, sort, page, columns) is in the URL, so a link reproduces it and
 * back / forward step through it.
 */
export function AccountsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const urlView = useMemo(() => readView(searchParams), [searchParams]);
  // the router applies URL changes in a transition; until it does, the controls show the change
  const [view, showView] = useOptimistic(urlView);

  const update = useCallback(
    (change: Partial<AccountsView>, options?: { replace?: boolean }) => {
      const next = { ...view, ...change };
      startTransition(() => {
        showView(next);
        setSearchParams(writeView(next), { replace: options?.replace ?? false });
      });
    },
    [view, showView, setSearchParams],
  );

  // asking for the runs first means an empty workspace answers "none yet", not a 404
  const runs = useQuery({ queryKey: ['runs'], queryFn: () => api.get<RunList>('/runs') });
  const hasRun = (runs.data?.runs.length ?? 0) > 0;
  const query = filterQuery(view);
  const list = useQuery({
    enabled: hasRun,
    queryKey: ['accounts', query, view.page],
    queryFn: () =>
      api.get<AccountList>('/accounts', {
        ...query,
        limit: PAGE_SIZE,
        offset: (view.page - 1) * PAGE_SIZE,
      }),
    placeholderData: keepPreviousData,
  });
  const facets = useQuery({
    queryKey: ['facets'],
    queryFn: () => api.get<AccountFacets>('/facets'),
    staleTime: 5 * 60_000,
  });

  const total = list.data?.total ?? 0;
  const table = useAccountsTable({
    view,
    rows: list.data?.accounts ?? NO_ROWS,
    total,
    onChange: update,
  });

  const run = list.data?.run;
  const subtitle = run
    ? `${formatCount(run.accounts)} accounts scored by run ${run.id} as of ${run.asOf} (model “${run.modelName}”)`
    : 'Every scored account, with its tier, category and scores';

  if ((runs.isSuccess && !hasRun) || (list.isError && isNoRun(list.error))) {
    return (
      <>
        <PageHeader title="Accounts" />
        <div className="card">
          <EmptyState title="No scoring run yet">
            <p>
              Import data and run <code>hotspot score</code>, or score from the{' '}
              <Link to="/">overview</Link>. Scored accounts are listed here.
            </p>
          </EmptyState>
        </div>
      </>
    );
  }

  const rows = list.data?.accounts ?? NO_ROWS;
  return (
    <>
      <PageHeader
        title="Accounts"
        subtitle={subtitle}
        actions={
          <a
            className="button"
            href={apiUrl('/accounts/export.csv', query)}
            download
            aria-label={`Export ${isFiltered(view) ? 'matching' : 'all'} accounts as CSV`}
          >
            Export CSV
          </a>
        }
      />
      <div className="card accounts-card">
        <AccountsFilters view={view} facets={facets.data} onChange={update} />
        {facets.isError ? (
          <p className="muted small">
            Owner and industry lists could not be loaded ({facets.error.message}); the filters still
            work from a link.
          </p>
        ) : null}
        <div className="accounts-toolbar">
          {list.data ? <AccountsPager table={table} total={total} where="top" /> : <span />}
          <AccountsColumnPicker table={table} />
        </div>
        {runs.isError ? (
          <ErrorMessage error={runs.error} title="The accounts could not be loaded" />
        ) : list.isError ? (
          <ErrorMessage error={list.error} title="The accounts could not be loaded" />
        ) : list.isPending ? (
          <Loading label="Loading accounts…" />
        ) : rows.length === 0 ? (
          <EmptyState
            title={
              total > 0
                ? `Page ${formatCount(view.page)} is past the last page`
                : isFiltered(view)
                  ? 'No accounts match these filters'
                  : 'No scored accounts'
            }
          >
            {total > 0 ? (
              <p>
                <button type="button" className="button" onClick={() => update({ page: 1 })}>
                  Go to the first page
                </button>
              </p>
            ) : isFiltered(view) ? (
              <p>Loosen or clear the filters to see more accounts.</p>
            ) : (
              <p>The latest run scored no accounts: import accounts and score again.</p>
            )}
          </EmptyState>
        ) : (
          <>
            <AccountsTable table={table} view={view} busy={list.isFetching} />
            <div className="accounts-footer">
              <AccountsPager table={table} total={total} where="bottom" />
            </div>
          </>
        )}
      </div>
    </>
  );
}
