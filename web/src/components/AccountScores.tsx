import { formatCompactMoney, formatScore, formatShare, humanize, tierLabel } from '../format.ts';
import {
  DIMENSION_COLORS,
  DIMENSIONS,
  type AccountExplanation,
  type Dimension,
} from './AccountTypes.ts';

function ScoreTile({
  dimension,
  score,
  confidence,
  threshold,
}: {
  dimension: Dimension;
  score: number | null;
  confidence: number;
  threshold: number;
}) {
  const high = score !== null && score >= threshold;
  return (
    <div className="account-score">
      <div className="stat-label">{humanize(dimension)}</div>
      <div className="stat-value">{formatScore(score)}</div>
      <div
        className="account-meter"
        role="meter"
        aria-label={`${dimension} score`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={score ?? 0}
        aria-valuetext={score === null ? 'no data' : `${formatScore(score)} of 100`}
      >
        <span
          style={{ width: `${score ?? 0}%`, background: DIMENSION_COLORS[dimension] }}
          className="account-meter-fill"
        />
        <span
          className="account-meter-threshold"
          style={{ left: `${threshold}%` }}
          title={`threshold ${formatScore(threshold)}`}
        />
      </div>
      <div className="small muted">
        {score === null ? 'No data' : high ? 'High' : 'Low'}: threshold {formatScore(threshold)}
      </div>
      <div className="small muted" title="share of the criteria weight that had data">
        Confidence {formatShare(confidence)}
      </div>
    </div>
  );
}

/** The three scores with their confidence, the money figures, and why the tier changed since the last run. */
export function AccountScores({ explanation }: { explanation: AccountExplanation }) {
  const { account, run, tierChange } = explanation;
  return (
    <div className="stack account-scores">
      <div className="account-score-grid">
        {DIMENSIONS.map((dimension) => (
          <ScoreTile
            key={dimension}
            dimension={dimension}
            score={account[dimension]}
            confidence={account.confidence[dimension]}
            threshold={run.thresholds[dimension]}
          />
        ))}
        <div className="account-money">
          <div>
            <div className="stat-label">Potential spend</div>
            <div className="account-money-value">{formatCompactMoney(account.potentialSpend)}</div>
          </div>
          <div>
            <div className="stat-label">Share of wallet</div>
            <div className="account-money-value">{formatShare(account.shareOfWallet)}</div>
          </div>
          <div>
            <div className="stat-label">Revenue, last 12 months</div>
            <div className="account-money-value">{formatCompactMoney(account.revenueTtm)}</div>
          </div>
        </div>
      </div>
      {tierChange ? (
        <div className="notice warn" data-testid="tier-change">
          <strong>
            Tier changed since the previous run: {tierLabel(tierChange.from)} →{' '}
            {tierLabel(tierChange.to)}.
          </strong>{' '}
          {tierChange.moved.length > 0 ? (
            <>
              The criteria that moved most (points of their dimension score):
              <ul>
                {tierChange.moved.map((m) => (
                  <li key={`${m.dimension}-${m.criterion}`}>
                    {humanize(m.criterion)} ({m.dimension}): {formatScore(m.before)} →{' '}
                    {formatScore(m.after)}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            'No single criterion moved much; the run thresholds may have.'
          )}
        </div>
      ) : null}
    </div>
  );
}
