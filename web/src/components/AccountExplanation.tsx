import { useId } from 'react';
import { formatScore, formatShare, humanize } from '../format.ts';
import { formatRaw } from './AccountFormat.ts';
import {
  DIMENSION_COLORS,
  DIMENSIONS,
  type AccountExplanation as Explanation,
  type Dimension,
} from './AccountTypes.ts';

type Criterion = Explanation['criteria'][number];

function isDimension(value: string): value is Dimension {
  return (DIMENSIONS as readonly string[]).includes(value);
}

function ContributionBar({ criterion }: { criterion: Criterion }) {
  if (criterion.contribution === null) return <span className="muted">—</span>;
  const color = isDimension(criterion.dimension)
    ? DIMENSION_COLORS[criterion.dimension]
    : '#64748b';
  const width = Math.min(100, Math.max(0, criterion.contribution));
  return (
    <span className="account-bar">
      <span className="account-bar-track" aria-hidden="true">
        <span className="account-bar-fill" style={{ width: `${width}%`, background: color }} />
      </span>
      <span className="num">{formatScore(criterion.contribution)}</span>
    </span>
  );
}

function DimensionHeading({
  dimension,
  explanation,
}: {
  dimension: string;
  explanation: Explanation;
}) {
  const { account } = explanation;
  return (
    <tr className="account-dimension-row">
      <th scope="rowgroup" colSpan={5}>
        {humanize(dimension)}
        {isDimension(dimension) ? (
          <span className="muted">
            {' '}
            · score {formatScore(account[dimension])} · confidence{' '}
            {formatShare(account.confidence[dimension])}
          </span>
        ) : null}
      </th>
    </tr>
  );
}

/** Every criterion of the run, grouped by dimension: raw input, 0–100 score, weight, and points contributed. */
export function AccountExplanation({ explanation }: { explanation: Explanation }) {
  const noteId = useId();
  // a custom model may name other dimensions: show them after the three known ones
  const dimensions = [
    ...DIMENSIONS,
    ...new Set(explanation.criteria.map((c) => c.dimension).filter((d) => !isDimension(d))),
  ];
  return (
    <div className="stack account-explanation-wrap">
      <div className="table-wrap">
        <table
          className="table account-explanation"
          data-testid="explanation"
          aria-describedby={noteId}
        >
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col" className="num account-col-raw">
                Raw
              </th>
              <th scope="col" className="num">
                Score
              </th>
              <th scope="col" className="num account-col-weight">
                Weight
              </th>
              <th scope="col">Contribution</th>
            </tr>
          </thead>
          {dimensions.map((dimension) => {
            const rows = explanation.criteria.filter((c) => c.dimension === dimension);
            if (rows.length === 0) return null;
            return (
              <tbody key={dimension}>
                <DimensionHeading dimension={dimension} explanation={explanation} />
                {rows.map((c) => (
                  <tr key={c.criterion} className={c.transformed === null ? 'account-no-data' : ''}>
                    <th scope="row">{humanize(c.criterion)}</th>
                    <td className="num account-col-raw">
                      {c.transformed === null ? '—' : formatRaw(c.raw)}
                    </td>
                    <td className="num">
                      {c.transformed === null ? 'no data' : formatScore(c.transformed)}
                    </td>
                    <td className="num account-col-weight">{formatRaw(c.weight)}</td>
                    <td>
                      <ContributionBar criterion={c} />
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </div>
      <p id={noteId} className="small muted account-note">
        Score: the criterion on a 0–100 scale. Contribution: the points it adds to its dimension
        score (the weights share 100 points among the criteria with data).
      </p>
    </div>
  );
}
