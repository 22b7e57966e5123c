import type { ModelPreview } from '../../../src/contract/model.ts';
import { formatCount } from '../format.ts';
import { TierBadge } from './TierBadge.tsx';
import { tiersInOrder } from './model-tiers.ts';

function signed(value: number): string {
  return value > 0 ? `+${formatCount(value)}` : value < 0 ? `−${formatCount(-value)}` : '0';
}

/**
 * How the edited model would tier the accounts of the latest run: how many change tier, the
 * accounts per tier before and after, and each move between two tiers.
 */
export function ModelPreviewPanel({ preview, stale }: { preview: ModelPreview; stale: boolean }) {
  const tiers = tiersInOrder(preview.before, preview.after);
  const moves = [...preview.moves].sort((a, b) => b.accounts - a.accounts);
  return (
    <section
      className="card stack"
      data-testid="model-preview-result"
      aria-labelledby="model-preview-title"
    >
      <h2 id="model-preview-title">Tier changes with this model</h2>
      {stale ? (
        <div className="notice warn">
          The document changed since this preview: preview again to see the effect of your latest
          edits.
        </div>
      ) : null}
      <p className="model-preview-headline">
        <strong>{formatCount(preview.changed)}</strong> of {formatCount(preview.accounts)} accounts
        would change tier{' '}
        <span className="muted">
          (computed tiers, compared with run #{preview.baseRunId} as of {preview.asOf})
        </span>
      </p>
      <div className="model-preview-tables">
        <div className="table-wrap">
          <table className="table">
            <caption className="model-caption">Accounts per tier</caption>
            <thead>
              <tr>
                <th scope="col">Tier</th>
                <th scope="col" className="num">
                  Now
                </th>
                <th scope="col" className="num">
                  After
                </th>
                <th scope="col" className="num">
                  Change
                </th>
              </tr>
            </thead>
            <tbody>
              {tiers.map((tier) => {
                const before = preview.before[tier] ?? 0;
                const after = preview.after[tier] ?? 0;
                return (
                  <tr key={tier}>
                    <th scope="row">
                      <TierBadge tier={tier} />
                    </th>
                    <td className="num">{formatCount(before)}</td>
                    <td className="num">{formatCount(after)}</td>
                    <td
                      className={`num ${after > before ? 'model-up' : after < before ? 'model-down' : 'muted'}`}
                    >
                      {signed(after - before)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="model-caption">Moves between tiers</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col" className="num">
                  Accounts
                </th>
              </tr>
            </thead>
            <tbody>
              {moves.length === 0 ? (
                <tr>
                  <td colSpan={3} className="muted">
                    No account would change tier.
                  </td>
                </tr>
              ) : (
                moves.map((move) => (
                  <tr key={`${move.from}-${move.to}`}>
                    <td>
                      <TierBadge tier={move.from} />
                    </td>
                    <td>
                      <span aria-hidden="true" className="muted">
                        →{' '}
                      </span>
                      <TierBadge tier={move.to} />
                    </td>
                    <td className="num">{formatCount(move.accounts)}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
