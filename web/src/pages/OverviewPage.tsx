import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import type { z } from 'zod';
import type { AccountList as AccountListSchema } from '../../../src/contract/accounts.ts';
import type { MatrixPoints as MatrixPointsSchema } from '../../../src/contract/overview.ts';
import type { PortfolioReport as PortfolioReportSchema } from '../../../src/contract/reports.ts';
import type { RunList as RunListSchema } from '../../../src/contract/runs.ts';
import type { WorkspaceStatus as WorkspaceStatusSchema } from '../../../src/contract/status.ts';
import { api } from '../api/client.ts';
import {
  CATEGORIES,
  DEFAULT_VIEW,
  TIERS,
  writeView,
  type AccountsView,
} from '../components/accounts-view.ts';
import { AverageDealChart } from '../components/AverageDealChart.tsx';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { HighValueTable } from '../components/HighValueTable.tsx';
import { HotspotMatrix } from '../components/HotspotMatrix.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PortfolioBreakdown, type BreakdownRow } from '../components/PortfolioBreakdown.tsx';
import { CategoryBadge, TierBadge } from '../components/TierBadge.tsx';
import { TopAccountsList } from '../components/TopAccountsList.tsx';
import { useScoreNow } from '../components/use-score-now.ts';
import { formatCompactMoney, formatCount, formatMoney, formatShare } from '../format.ts';
import './OverviewPage.css';

type PortfolioReport = z.infer<typeof PortfolioReportSchema>;
type MatrixPoints = z.infer<typeof MatrixPointsSchema>;
type AccountList = z.infer<typeof AccountListSchema>;
type RunList = z.infer<typeof RunListSchema>;
type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;

const TOP_TIER_ONE = 8;

const CATEGORY_NOTES: Record<string, string> = {
  strategic: 'standardised on our offerings',
  core: 'buys regularly across units',
  beachhead: 'a few small purchases',
  greenfield: 'no purchase in 36 months',
};

/** Rows in the canonical order of their keys; keys the order does not know go last. */
function inOrder<T extends { key: string }>(rows: T[], order: readonly string[]): T[] {
  const rank = (key: string) => {
    const i = order.indexOf(key);
    return i === -1 ? order.length : i;
  };
  return [...rows].sort((a, b) => rank(a.key) - rank(b.key));
}

/** A link to the accounts table showing this slice of the portfolio. */
function accountsLink(change: Partial<AccountsView>): string {
  return `/accounts?${writeView({ ...DEFAULT_VIEW, ...change }).toString()}`;
}

function Stat({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <div className="card overview-stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {note ? <div className="muted small">{note}</div> : null}
    </div>
  );
}

function ScoreResultNotice({ score }: { score: ReturnType<typeof useScoreNow> }) {
  return (
    <div aria-live="polite">
      {score.isSuccess ? (
        <p className="notice ok overview-notice">
          Run {score.data.id} scored {formatCount(score.data.accounts)} accounts as of{' '}
          {score.data.asOf}; {formatCount(score.data.tierChanges)}{' '}
          {score.data.tierChanges === 1 ? 'account' : 'accounts'} changed tier.
        </p>
      ) : null}
      {score.isError ? (
        <div className="overview-notice">
          <ErrorMessage error={score.error} title="Scoring failed" />
        </div>
      ) : null}
    </div>
  );
}

function MatrixCard({ matrix }: { matrix: UseQueryResult<MatrixPoints> }) {
  const navigate = useNavigate();
  return (
    <Card title="Value × need hot spots" className="overview-matrix-card">
      {matrix.isError ? (
        <ErrorMessage error={matrix.error} title="The matrix could not be loaded" />
      ) : matrix.isPending ? (
        <div className="hotspot-placeholder">
          <Loading label="Loading every scored account…" />
        </div>
      ) : (
        <HotspotMatrix points={matrix.data} onSelect={(id) => void navigate(`/accounts/${id}`)} />
      )}
    </Card>
  );
}

function TopTierOneCard({ runId }: { runId: number }) {
  const top = useQuery({
    queryKey: ['accounts', 'top-tier-1', runId],
    queryFn: () =>
      api.get<AccountList>('/accounts', {
        run: runId,
        tier: '1a,1b',
        sort: 'value',
        order: 'desc',
        limit: TOP_TIER_ONE,
      }),
  });
  return (
    <Card
      title="Top Tier 1 accounts"
      className="overview-top-card"
      actions={
        <Link to={accountsLink({ tiers: ['1a', '1b'] })} className="small">
          All Tier 1
        </Link>
      }
    >
      <p className="muted small overview-card-note">Highest value score first.</p>
      {top.isError ? (
        <ErrorMessage error={top.error} />
      ) : top.isPending ? (
        <Loading />
      ) : top.data.accounts.length === 0 ? (
        <EmptyState title="No Tier 1 accounts in this run" />
      ) : (
        <TopAccountsList accounts={top.data.accounts} />
      )}
    </Card>
  );
}

function Overview({
  report,
  matrix,
}: {
  report: PortfolioReport;
  matrix: UseQueryResult<MatrixPoints>;
}) {
  const highValue = useQuery({
    queryKey: ['accounts', 'high-value-count', report.run.id],
    queryFn: () =>
      api.get<AccountList>('/accounts', { run: report.run.id, highValue: 'true', limit: 1 }),
  });
  const byTier = new Map(report.tiers.map((t) => [t.tier, t]));
  const sum = (key: 'accounts' | 'revenue' | 'potential', rows: typeof report.tiers) =>
    rows.reduce((total, row) => total + row[key], 0);
  const tierOneRows = report.tiers.filter((t) => t.tier === '1a' || t.tier === '1b');
  const totalRevenue = sum('revenue', report.tiers);
  const totalPotential = sum('potential', report.tiers);
  const scored = sum('accounts', report.tiers);
  const tierOneAccounts = sum('accounts', tierOneRows);
  const tierOneRevenue = sum('revenue', tierOneRows);
  const tierOnePotential = sum('potential', tierOneRows);
  const ratio = (part: number, whole: number) => (whole > 0 ? formatShare(part / whole) : '—');

  // links narrow the accounts table to the row's tier or category (filtering keeps the types)
  const tierRows: BreakdownRow[] = inOrder(
    report.tiers.map((row) => ({
      ...row,
      key: row.tier,
      label: (
        <Link
          to={accountsLink({ tiers: TIERS.filter((t) => t === row.tier) })}
          className="badge-link"
        >
          <TierBadge tier={row.tier} />
        </Link>
      ),
    })),
    TIERS,
  );
  const categoryRows: BreakdownRow[] = inOrder(
    report.categories.map((row) => ({
      ...row,
      key: row.category,
      label: (
        <span className="category-cell">
          <Link
            to={accountsLink({ categories: CATEGORIES.filter((c) => c === row.category) })}
            className="badge-link"
          >
            <CategoryBadge category={row.category} />
          </Link>
          {CATEGORY_NOTES[row.category] ? (
            <span className="muted small">{CATEGORY_NOTES[row.category]}</span>
          ) : null}
        </span>
      ),
    })),
    CATEGORIES,
  );

  return (
    <div className="stack">
      <div className="overview-stats">
        <Stat
          label="Accounts scored"
          value={formatCount(report.run.accounts)}
          note={`as of ${report.run.asOf}`}
        />
        <Stat
          label="Tier 1 accounts"
          value={formatCount(tierOneAccounts)}
          note={`${ratio(tierOneAccounts, scored)} of scored · ${formatCount(byTier.get('1a')?.accounts ?? 0)} in 1a, ${formatCount(byTier.get('1b')?.accounts ?? 0)} in 1b`}
        />
        <Stat
          label="Tier 1 revenue (12 mo)"
          value={formatCompactMoney(tierOneRevenue)}
          note={`${ratio(tierOneRevenue, totalRevenue)} of all revenue`}
        />
        <Stat
          label="Tier 1 potential"
          value={formatCompactMoney(tierOnePotential)}
          note={`${ratio(tierOnePotential, totalPotential)} of all potential`}
        />
        <Stat
          label="High-value accounts"
          value={highValue.data ? formatCount(highValue.data.total) : '…'}
          note={
            report.run.averageDeal === null
              ? 'no won deals in the baseline year'
              : `average won deal ${formatMoney(report.run.averageDeal)}`
          }
        />
      </div>

      <div className="overview-matrix-row">
        <MatrixCard matrix={matrix} />
        <TopTierOneCard runId={report.run.id} />
      </div>

      <div className="overview-two">
        <Card title="Tiers">
          <PortfolioBreakdown
            caption="Accounts, revenue and potential per tier"
            groupLabel="Tier"
            rows={tierRows}
          />
        </Card>
        <Card title="Relationship categories">
          <PortfolioBreakdown
            caption="Accounts, revenue and potential per relationship category"
            groupLabel="Category"
            rows={categoryRows}
          />
        </Card>
      </div>

      <div className="overview-wide-narrow">
        <Card
          title="High-value accounts"
          actions={
            <Link to={accountsLink({ highValue: true, sort: 'potential' })} className="small">
              All high-value accounts
            </Link>
          }
        >
          <p className="muted small overview-card-note">
            Potential spend far above the average deal; most potential first.
          </p>
          {report.highValue.length === 0 ? (
            <EmptyState title="No high-value accounts in this run" />
          ) : (
            <HighValueTable accounts={report.highValue} />
          )}
        </Card>
        <Card title="Average won deal by quarter">
          <p className="muted small overview-card-note">
            The baseline for “high value”: it grows as deals grow.
          </p>
          {report.averageDealByQuarter.length === 0 ? (
            <EmptyState title="No won deals yet" />
          ) : (
            <AverageDealChart quarters={report.averageDealByQuarter} />
          )}
        </Card>
      </div>
    </div>
  );
}

/** What to do first: import data when there is none, else score it. */
function NoRunYet({ score }: { score: ReturnType<typeof useScoreNow> }) {
  const status = useQuery({
    queryKey: ['status'],
    queryFn: () => api.get<WorkspaceStatus>('/status'),
  });
  const accounts = status.data?.counts['account'] ?? 0;
  if (status.isPending) return <Loading />;
  if (status.isSuccess && accounts === 0) {
    return (
      <div className="card">
        <EmptyState title="No scoring run yet — and no accounts to score">
          <p>
            Import accounts and their deals, invoices and contracts on the{' '}
            <Link to="/imports">Imports</Link> page (or load sample data with{' '}
            <code>hotspot demo</code>), then score them here.
          </p>
        </EmptyState>
      </div>
    );
  }
  return (
    <div className="card">
      <EmptyState title="No scoring run yet">
        <p>
          Import data and run <code>hotspot score</code>, or click Score now to score{' '}
          {status.isSuccess ? `the ${formatCount(accounts)} accounts` : 'the workspace'} with the
          saved model.
        </p>
        <button
          type="button"
          className="button primary"
          onClick={() => score.mutate()}
          disabled={score.isPending}
        >
          {score.isPending ? 'Scoring…' : 'Score now'}
        </button>
      </EmptyState>
    </div>
  );
}

/**
 * The portfolio at a glance for the latest scoring run: headline figures, the value × need
 * hot-spot matrix, tiers and categories, the high-value list and the average-deal baseline.
 */
export function OverviewPage() {
  // asking for the runs first means an empty workspace answers "none yet", not a 404
  const runs = useQuery({ queryKey: ['runs'], queryFn: () => api.get<RunList>('/runs') });
  const runId = runs.data?.runs[0]?.id;
  const report = useQuery({
    queryKey: ['report', runId],
    queryFn: () => api.get<PortfolioReport>('/report', { run: runId }),
    enabled: runId !== undefined,
  });
  // the matrix is the slowest answer, so it is asked for alongside the report, not after it
  const matrix = useQuery({
    queryKey: ['matrix', runId],
    queryFn: () => api.get<MatrixPoints>('/matrix', { run: runId }),
    enabled: runId !== undefined,
    staleTime: 5 * 60_000,
  });
  const score = useScoreNow();
  const run = report.data?.run;
  const noRun = runs.isSuccess && runId === undefined;

  return (
    <>
      <PageHeader
        title="Overview"
        subtitle={
          run
            ? `Run ${run.id} · as of ${run.asOf} · model “${run.modelName}” · scored ${run.createdAt.slice(0, 16)}`
            : undefined
        }
        actions={
          run ? (
            <button
              type="button"
              className="button"
              onClick={() => score.mutate()}
              disabled={score.isPending}
            >
              {score.isPending ? 'Scoring…' : 'Score again'}
            </button>
          ) : null
        }
      />
      <ScoreResultNotice score={score} />
      {noRun ? (
        <NoRunYet score={score} />
      ) : runs.isError ? (
        <ErrorMessage error={runs.error} title="The overview could not be loaded" />
      ) : report.isError ? (
        <ErrorMessage error={report.error} title="The overview could not be loaded" />
      ) : report.isPending ? (
        <Loading label="Loading the portfolio…" />
      ) : (
        <Overview report={report.data} matrix={matrix} />
      )}
    </>
  );
}
