import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { BacktestList as BacktestListSchema } from '../../../src/contract/model.ts';
import { api } from '../api/client.ts';
import { formatPoints, formatShare } from '../format.ts';
import { Card } from './Card.tsx';
import { EmptyState } from './EmptyState.tsx';
import { ErrorMessage } from './ErrorMessage.tsx';
import { formatDateTime } from './import-labels.ts';
import { Loading } from './Loading.tsx';

type BacktestList = z.infer<typeof BacktestListSchema>;

/** Backtests run so far (here or with `hotspot backtest`), newest first: how each model did. */
export function BacktestHistory() {
  const query = useQuery({
    queryKey: ['backtests'],
    queryFn: () => api.get<BacktestList>('/backtests', { limit: 20 }),
  });
  return (
    <Card title="Backtests so far">
      {query.isPending ? (
        <Loading label="Loading the backtests…" />
      ) : query.isError ? (
        <ErrorMessage error={query.error} title="The backtests" />
      ) : query.data.backtests.length === 0 ? (
        <EmptyState title="No backtests yet">
          <p>
            Backtest the model above, or run <code>hotspot backtest --cutoff -12m</code>.
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table" data-testid="backtest-history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Model</th>
                <th scope="col">Cutoff</th>
                <th scope="col" className="num">
                  Tier 1
                </th>
                <th scope="col" className="num">
                  Value-only
                </th>
                <th scope="col" className="num">
                  Tier 1 vs value-only
                </th>
                <th scope="col" className="num">
                  Increases only: Tier 1 / value-only
                </th>
              </tr>
            </thead>
            <tbody>
              {query.data.backtests.map((b) => (
                <tr key={b.id}>
                  <td className="nowrap">{formatDateTime(b.createdAt)}</td>
                  <td>
                    {b.modelName}
                    <div className="muted small">
                      <code>{b.modelHash.slice(0, 8)}</code> · {b.tier1Accounts} in Tier 1
                    </div>
                  </td>
                  <td className="nowrap">
                    {b.cutoff}
                    <div className="muted small">next {b.horizonMonths} months</div>
                  </td>
                  <td className="num">{formatShare(b.tier1)}</td>
                  <td className="num">{formatShare(b.valueOnly)}</td>
                  <td className="num">{formatPoints(b.advantageOverValueOnly)}</td>
                  <td className="num">
                    {formatShare(b.gains.tier1)} / {formatShare(b.gains.valueOnly)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
