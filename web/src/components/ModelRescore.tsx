import { Link } from 'react-router';
import { formatCount } from '../format.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { TierBadge } from './TierBadge.tsx';
import { tiersInOrder } from './model-tiers.ts';
import { useScoreNow, type ScoreResult } from './use-score-now.ts';

const TIER_LIST = { listStyle: 'none', margin: 0, padding: 0, gap: 'var(--space-4)' } as const;

/** A run's tier counts and how many accounts changed tier. */
function ScoreSummary({ result }: { result: ScoreResult }) {
  const tiers = tiersInOrder(result.tierCounts);
  return (
    <div className="stack" role="status">
      <div className="notice ok">
        Scored {formatCount(result.accounts)} accounts as of {result.asOf} (run #{result.id}
        {result.stage ? `, ${result.stage} stage` : ''}):{' '}
        <strong>
          {formatCount(result.tierChanges)}{' '}
          {result.tierChanges === 1 ? 'account changed tier' : 'accounts changed tier'}
        </strong>
        . <Link to="/">See the overview</Link>
      </div>
      <ul className="row" style={TIER_LIST} aria-label="Accounts per tier">
        {tiers.map((tier) => (
          <li key={tier} className="row">
            <TierBadge tier={tier} />
            <span className="num">{formatCount(result.tierCounts[tier] ?? 0)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Scores every account again with the saved model (POST /runs {}), then shows the new tier counts;
 * everything else on screen is refreshed, since scores, tiers and reports change.
 */
export function ModelRescore({ label, intro }: { label: string; intro?: string }) {
  const score = useScoreNow();
  if (score.isSuccess) return <ScoreSummary result={score.data} />;
  return (
    <div className="stack">
      <div className="row">
        <button
          type="button"
          className="button primary"
          disabled={score.isPending}
          onClick={() => score.mutate()}
        >
          {score.isPending ? 'Scoring…' : label}
        </button>
        {intro ? <span className="muted small">{intro}</span> : null}
      </div>
      {score.isError ? <ErrorMessage error={score.error} title="Scoring failed" /> : null}
    </div>
  );
}
