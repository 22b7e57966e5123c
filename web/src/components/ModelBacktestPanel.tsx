import type { z } from 'zod';
import type { ModelBacktest as ModelBacktestSchema } from '../../../src/contract/model.ts';
import { formatCompactMoney, formatMoney, formatPoints, formatShare } from '../format.ts';

type ModelBacktest = z.infer<typeof ModelBacktestSchema>;

function bookSentence(growth: number | null): string {
  if (growth === null) return 'The whole book did not grow in the horizon: shares are left out.';
  const verb = growth >= 0 ? 'grew' : 'shrank';
  return `The whole book ${verb} by ${formatMoney(Math.abs(growth))} in the horizon.`;
}

/** The edited model and the saved one backtested side by side: who finds next year's growth. */
export function ModelBacktestPanel({ result, stale }: { result: ModelBacktest; stale: boolean }) {
  return (
    <section className="card stack" data-testid="model-backtest-result" aria-labelledby="model-bt">
      <h2 id="model-bt">
        Backtest: scored as of {result.cutoff}, growth measured to {result.horizonEnd}
      </h2>
      {stale ? (
        <div className="notice warn">
          The document changed since this backtest: run it again to measure your latest edits.
        </div>
      ) : null}
      {!result.complete ? (
        <div className="notice warn">
          The data ends before {result.horizonEnd}: growth is measured over a shorter horizon.
        </div>
      ) : null}
      <p className="muted small">
        Each selection's revenue growth in the horizon (net of its accounts' declines) as a share of
        the whole book's net growth. The value-only stack-rank takes the same number of accounts by
        revenue; random picks show what chance gives (95% range). Increases only counts every rise
        and ignores every fall.
      </p>
      <p data-testid="model-backtest-book">{bookSentence(result.models[0]?.growth.book ?? null)}</p>
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>Model</th>
              <th className="num">Tier 1 accounts</th>
              <th className="num">Tier 1</th>
              <th className="num">1a / 1b</th>
              <th className="num">Value-only</th>
              <th className="num">Tier 1 vs value-only</th>
              <th className="num">Random (95%)</th>
              <th className="num">Increases only: Tier 1 / value-only</th>
              <th className="num">Precision / recall (top 10%)</th>
            </tr>
          </thead>
          <tbody>
            {result.models.map((m) => (
              <tr key={m.label}>
                <td>
                  {m.label === 'saved' ? 'Saved (in force)' : 'Edited'}
                  <div className="muted small">{m.modelHash}</div>
                </td>
                <td className="num">{m.tier1Accounts}</td>
                <td className="num">
                  {formatShare(m.tier1)}
                  <div className="muted small">{formatCompactMoney(m.growth.tier1)}</div>
                </td>
                <td className="num">
                  {formatShare(m.tier1a)} / {formatShare(m.tier1b)}
                </td>
                <td className="num">
                  {formatShare(m.valueOnly)}
                  <div className="muted small">{formatCompactMoney(m.growth.valueOnly)}</div>
                </td>
                <td className="num">{formatPoints(m.advantageOverValueOnly)}</td>
                <td className="num">
                  {formatShare(m.random.expected)}
                  <div className="muted small">
                    {formatShare(m.random.low)} to {formatShare(m.random.high)}
                  </div>
                </td>
                <td className="num">
                  {formatShare(m.gains.tier1)} / {formatShare(m.gains.valueOnly)}
                </td>
                <td className="num">
                  {formatShare(m.precision)} / {formatShare(m.recall)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
