import { Link } from 'react-router';
import { formatScore, humanize } from '../format.ts';
import { CategoryBadge, TierBadge } from './TierBadge.tsx';
import { AccountScoreChart } from './AccountScoreChart.tsx';
import type { AccountDetail } from './AccountTypes.ts';

/** The account's scores in every run that scored it: a chart over time and the table, newest first. */
export function AccountHistory({
  accountId,
  history,
  shownRunId,
}: {
  accountId: number;
  history: AccountDetail['history'];
  shownRunId: number | null;
}) {
  const newestFirst = [...history].reverse();
  // most runs score the whole portfolio; the column only earns its space when a stage was used
  const withStage = history.some((h) => h.stage !== null);
  return (
    <div className="stack">
      {history.length > 1 ? (
        <AccountScoreChart history={history} />
      ) : (
        <p className="small muted">One run so far: the chart appears after the next scoring run.</p>
      )}
      <div className="table-wrap account-table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">As of</th>
              {withStage ? <th scope="col">Stage</th> : null}
              <th scope="col" className="num">
                Need
              </th>
              <th scope="col" className="num">
                Value
              </th>
              <th scope="col" className="num">
                Behavior
              </th>
              <th scope="col">Tier</th>
              <th scope="col">Category</th>
            </tr>
          </thead>
          <tbody>
            {newestFirst.map((h) => {
              const shown = h.runId === shownRunId;
              return (
                <tr key={h.runId} className={shown ? 'account-row-current' : undefined}>
                  <td className="account-nowrap">
                    {shown ? (
                      <span aria-current="true" title="the run this page shows">
                        <strong>#{h.runId}</strong> <span className="small muted">shown</span>
                      </span>
                    ) : (
                      <Link to={`/accounts/${accountId}?run=${h.runId}`}>#{h.runId}</Link>
                    )}
                  </td>
                  <td className="account-nowrap">{h.asOf}</td>
                  {withStage ? (
                    <td>{h.stage ? humanize(h.stage) : <span className="muted">all</span>}</td>
                  ) : null}
                  <td className="num">{formatScore(h.need)}</td>
                  <td className="num">{formatScore(h.value)}</td>
                  <td className="num">{formatScore(h.behavior)}</td>
                  <td className="account-nowrap">
                    <TierBadge tier={h.tier} />
                    {h.highValue ? (
                      <span className="account-star" title="high value">
                        {' '}
                        ★
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <CategoryBadge category={h.category} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
