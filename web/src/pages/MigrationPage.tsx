import { useQuery } from '@tanstack/react-query';
import { SankeyChart, type SankeySeriesOption } from 'echarts/charts';
import { TooltipComponent, type TooltipComponentOption } from 'echarts/components';
import { init, use as registerChartParts, type ComposeOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { z } from 'zod';
import type { TierMigration as TierMigrationSchema } from '../../../src/contract/runs.ts';
import { ApiError, api } from '../api/client.ts';
import { Card } from '../components/Card.tsx';
import { EmptyState } from '../components/EmptyState.tsx';
import { ErrorMessage } from '../components/ErrorMessage.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { TierBadge } from '../components/TierBadge.tsx';
import { formatCount, formatScore, TIER_COLORS, tierLabel } from '../format.ts';

registerChartParts([SankeyChart, TooltipComponent, CanvasRenderer]);

type TierMigration = z.infer<typeof TierMigrationSchema>;
type Option = ComposeOption<SankeySeriesOption | TooltipComponentOption>;

/** The flows between tiers as a Sankey diagram: run `from` on the left, `to` on the right. */
function MigrationFlow({ migration }: { migration: TierMigration }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return undefined;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const tiers = [...new Set(migration.flows.flatMap((f) => [f.from, f.to]))];
    const before = (t: string) => `${tierLabel(t)} · run ${migration.from.id}`;
    const after = (t: string) => `${tierLabel(t)} · run ${migration.to.id}`;
    const option: Option = {
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 120,
          nodeGap: 10,
          emphasis: { focus: 'adjacency' },
          data: tiers.flatMap((t) => [
            { name: before(t), itemStyle: { color: TIER_COLORS[t] ?? '#64748b' } },
            { name: after(t), itemStyle: { color: TIER_COLORS[t] ?? '#64748b' } },
          ]),
          links: migration.flows.map((f) => ({
            source: before(f.from),
            target: after(f.to),
            value: f.accounts,
          })),
          lineStyle: { color: 'gradient', opacity: 0.35 },
          label: { fontSize: 12 },
        },
      ],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [migration]);
  return (
    <div
      ref={ref}
      data-testid="migration-flow"
      style={{ height: 420, width: '100%' }}
      role="img"
      aria-label={`Flow of accounts between tiers from run ${migration.from.id} to run ${migration.to.id}: ${migration.totalMoved} changed tier.`}
    />
  );
}

/** Tier migration between two scoring runs: the flows, and which accounts moved and why. */
export function MigrationPage() {
  const [params] = useSearchParams();
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const query = useQuery({
    queryKey: ['migration', from, to],
    queryFn: () => api.get<TierMigration>('/migration', { from, to, limit: 200 }),
  });
  const m = query.data;
  return (
    <>
      <PageHeader
        title="Tier migration"
        subtitle={
          m
            ? `Run ${m.from.id} (as of ${m.from.asOf}) → run ${m.to.id} (as of ${m.to.asOf}): ${formatCount(m.totalMoved)} accounts changed tier`
            : 'How accounts moved between the tiers of two scoring runs'
        }
      />
      {query.isPending ? <Loading /> : null}
      {query.error instanceof ApiError && query.error.status === 404 ? (
        <EmptyState title="Nothing to compare yet">
          <p>{query.error.message}</p>
        </EmptyState>
      ) : query.error ? (
        <ErrorMessage error={query.error} title="The migration could not be loaded" />
      ) : null}
      {m ? (
        <div className="stack">
          <Card title="Flows between tiers">
            <MigrationFlow migration={m} />
          </Card>
          <Card
            title={`Accounts that moved (${formatCount(m.totalMoved)}, biggest moves up first)`}
          >
            {m.moved.length === 0 ? (
              <EmptyState title="No account changed tier between these runs." />
            ) : (
              <div className="table-wrap">
                <table className="table" data-testid="migration-moved">
                  <thead>
                    <tr>
                      <th>Account</th>
                      <th>From</th>
                      <th>To</th>
                      <th className="num">Value</th>
                      <th className="num">Need</th>
                      <th className="num">Behavior</th>
                      <th>Why (criteria whose contribution moved most)</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.moved.map((a) => (
                      <tr key={a.accountId}>
                        <td>
                          <Link to={`/accounts/${a.accountId}`}>{a.name}</Link>
                          <div className="muted small">{a.externalId}</div>
                        </td>
                        <td>
                          <TierBadge tier={a.from} />
                        </td>
                        <td>
                          <TierBadge tier={a.to} />
                        </td>
                        <td className="num">{formatScore(a.value)}</td>
                        <td className="num">{formatScore(a.need)}</td>
                        <td className="num">{formatScore(a.behavior)}</td>
                        <td className="small">
                          {a.why.length === 0
                            ? 'the tier thresholds moved'
                            : a.why
                                .map(
                                  (w) =>
                                    `${w.criterion.replace(/_/g, ' ')} ${formatScore(w.before)} → ${formatScore(w.after)}`,
                                )
                                .join('; ')}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </Card>
        </div>
      ) : null}
    </>
  );
}
