import { useId } from 'react';
import { formatShare, humanize } from '../format.ts';
import { ModelNumberInput } from './ModelNumberInput.tsx';
import {
  TIER_DEFAULTS,
  type CriterionWeight,
  type Dimension,
  type ModelWeightsView,
  type TierSettings,
  type YamlPath,
} from './model-document.ts';

const DIMENSION_TEXT: Record<Dimension, { title: string; about: string }> = {
  need: { title: 'Need', about: 'How much the customer needs what we sell.' },
  value: { title: 'Value', about: 'How much business there is to win with the customer.' },
  behavior: {
    title: 'Behavior',
    about: 'How the customer buys: Tier 1 accounts above the behavior threshold are 1a.',
  },
};

function CriterionRow({
  criterion,
  total,
  onSet,
}: {
  criterion: CriterionWeight;
  total: number;
  onSet: (path: YamlPath, value: number) => void;
}) {
  const share = total > 0 && criterion.weight !== null ? criterion.weight / total : null;
  return (
    <li className="model-criterion">
      <div className="model-criterion-name">
        <span>{humanize(criterion.id)}</span>
        <span className="muted small">
          {criterion.source === 'question' ? 'rep assessment' : (criterion.source ?? '')}
        </span>
      </div>
      <div
        className="model-share"
        title={share === null ? undefined : `${formatShare(share)} of the dimension`}
      >
        <div className="model-share-bar" style={{ width: `${(share ?? 0) * 100}%` }} />
      </div>
      <span className="model-share-text muted small num">
        {share === null ? '—' : formatShare(share)}
      </span>
      <ModelNumberInput
        label={`${humanize(criterion.id)} weight`}
        value={criterion.weight}
        onChange={(value) => onSet(criterion.path, value)}
      />
    </li>
  );
}

function TierFields({
  tiers,
  onSet,
  onTierMode,
}: {
  tiers: TierSettings;
  onSet: (path: YamlPath, value: number) => void;
  onTierMode: (mode: TierSettings['mode']) => void;
}) {
  const name = useId();
  const share = tiers.tier1Share ?? TIER_DEFAULTS.tier1Share;
  return (
    <fieldset className="model-group">
      <legend>Tiers</legend>
      <div className="model-radios" role="radiogroup" aria-label="How Tier 1 is drawn">
        <label>
          <input
            type="radio"
            name={name}
            checked={tiers.mode === 'share'}
            onChange={() => onTierMode('share')}
          />
          A share of the accounts
        </label>
        <label>
          <input
            type="radio"
            name={name}
            checked={tiers.mode === 'thresholds'}
            onChange={() => onTierMode('thresholds')}
          />
          Fixed value and need scores
        </label>
      </div>
      <div className="model-settings">
        {tiers.mode === 'share' ? (
          <label className="model-setting">
            <span>
              Share of accounts in Tier 1
              <span className="muted small"> · {formatShare(share)} of scored accounts</span>
            </span>
            <ModelNumberInput
              label="Share of accounts in Tier 1 (0 to 1)"
              value={tiers.tier1Share}
              placeholder={String(TIER_DEFAULTS.tier1Share)}
              onChange={(value) => onSet(['tiers', 'tier1Share'], value)}
            />
          </label>
        ) : (
          <>
            <label className="model-setting">
              <span>Tier 1 value score at least</span>
              <ModelNumberInput
                label="Tier 1 value score at least"
                value={tiers.thresholdValue}
                onChange={(value) => onSet(['tiers', 'thresholds', 'value'], value)}
              />
            </label>
            <label className="model-setting">
              <span>Tier 1 need score at least</span>
              <ModelNumberInput
                label="Tier 1 need score at least"
                value={tiers.thresholdNeed}
                onChange={(value) => onSet(['tiers', 'thresholds', 'need'], value)}
              />
            </label>
          </>
        )}
        <label className="model-setting">
          <span>
            Behavior threshold
            <span className="muted small"> · 1a at or above, 1b below</span>
          </span>
          <ModelNumberInput
            label="Behavior threshold"
            value={tiers.behaviorThreshold}
            placeholder={String(TIER_DEFAULTS.behaviorThreshold)}
            onChange={(value) => onSet(['tiers', 'behaviorThreshold'], value)}
          />
        </label>
        <label className="model-setting">
          <span>
            Hysteresis
            <span className="muted small"> · points past a threshold before a tier changes</span>
          </span>
          <ModelNumberInput
            label="Hysteresis in points"
            value={tiers.hysteresis}
            placeholder={String(TIER_DEFAULTS.hysteresis)}
            onChange={(value) => onSet(['tiers', 'hysteresis'], value)}
          />
        </label>
      </div>
    </fieldset>
  );
}

/**
 * Stage presets as a grid, one row per criterion and one column per stage: an empty cell shows
 * (greyed) the criterion's own weight, which applies in that stage; typing a number sets one.
 */
function StagePresets({
  view,
  onSet,
}: {
  view: ModelWeightsView;
  onSet: (path: YamlPath, value: number) => void;
}) {
  const own = new Map(
    view.dimensions.flatMap((d) => d.criteria.map((c) => [c.id, c.weight] as const)),
  );
  const listed = new Set(view.stages.flatMap((s) => s.weights.map((w) => w.id)));
  const ids = [
    ...[...own.keys()].filter((id) => listed.has(id)),
    ...[...listed].filter((id) => !own.has(id)),
  ];
  return (
    <fieldset className="model-group">
      <legend>Stage presets</legend>
      <p className="muted small model-about">
        When a product line in a life-cycle stage is scored, these weights replace the criteria’s
        own (shown greyed where a stage keeps them).
      </p>
      <div className="table-wrap">
        <table className="model-stages">
          <thead>
            <tr>
              <th scope="col">
                <span className="visually-hidden">Criterion</span>
              </th>
              {view.stages.map(({ stage }) => (
                <th key={stage} scope="col">
                  {stage === 'introduction' ? (
                    <abbr title="Introduction">Intro</abbr>
                  ) : (
                    humanize(stage)
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id}>
                <th scope="row">{humanize(id)}</th>
                {view.stages.map(({ stage, weights }) => {
                  const set = weights.find((w) => w.id === id);
                  const base = own.get(id);
                  return (
                    <td key={stage}>
                      <ModelNumberInput
                        label={`${humanize(stage)} stage: ${humanize(id)} weight`}
                        value={set?.weight ?? null}
                        placeholder={base === null || base === undefined ? '' : String(base)}
                        onChange={(value) => onSet(set?.path ?? ['stages', stage, id], value)}
                      />
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </fieldset>
  );
}

/**
 * The model's numbers as a form: criteria weights per dimension (with each one's share of its
 * dimension), the tier settings and the stage presets. Every change is written into the document.
 */
export function ModelWeights({
  view,
  onSet,
  onTierMode,
}: {
  view: ModelWeightsView;
  onSet: (path: YamlPath, value: number) => void;
  onTierMode: (mode: TierSettings['mode']) => void;
}) {
  return (
    <div className="model-weights">
      {view.dimensions.map(({ dimension, criteria }) => {
        const total = criteria.reduce((sum, c) => sum + Math.max(0, c.weight ?? 0), 0);
        return (
          <fieldset key={dimension} className="model-group">
            <legend>{DIMENSION_TEXT[dimension].title}</legend>
            <p className="muted small model-about">{DIMENSION_TEXT[dimension].about}</p>
            {criteria.length === 0 ? (
              <p className="muted small">No criteria: add them in the document.</p>
            ) : (
              <ul className="model-criteria">
                {criteria.map((criterion) => (
                  <CriterionRow
                    key={criterion.path.join('.')}
                    criterion={criterion}
                    total={total}
                    onSet={onSet}
                  />
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}

      <TierFields tiers={view.tiers} onSet={onSet} onTierMode={onTierMode} />

      {view.stages.length > 0 ? <StagePresets view={view} onSet={onSet} /> : null}
    </div>
  );
}
