import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_YAML } from './default-model.ts';
import { InvalidModelError, parseModel } from './parse-model.ts';

function problemsOf(text: string): string[] {
  try {
    parseModel(text, 'model.yaml');
  } catch (error) {
    if (error instanceof InvalidModelError)
      return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  return [];
}

const minimal = (need: string): string => `name: t
dimensions:
  need: { criteria: [${need}] }
  value: { criteria: [{ id: revenue_ttm, feature: revenue_ttm, weight: 1 }] }
  behavior: { criteria: [{ id: payment_regularity, feature: payment_regularity, weight: 1 }] }
`;

describe('parseModel', () => {
  it('reads the default model with its defaults filled in', () => {
    const model = parseModel(DEFAULT_MODEL_YAML, 'default');
    expect(model.tiers).toEqual({ tier1Share: 0.1, behaviorThreshold: 50, hysteresis: 3 });
    expect(model.highValue.multiple).toBe(10);
    expect(model.dimensions.need.criteria.map((c) => c.id)).toEqual([
      'whitespace',
      'growth_alignment',
      'upsell_hints',
      'senior_contacts_engaged',
      'portfolio_aligned',
      'high_touch',
    ]);
    expect(model.dimensions.behavior.criteria[1]).toEqual({
      id: 'sales_cycle_days',
      feature: 'sales_cycle_days',
      direction: 'lower',
      transform: { kind: 'percentile' },
      weight: 1,
    });
  });

  it('names the path of each problem', () => {
    expect(
      problemsOf(
        minimal(
          '{ id: w, feature: wallet_size, weight: 1 }, { id: q, question: mood, weight: "2" }',
        ),
      ),
    ).toEqual([
      'dimensions.need.criteria.0.feature: Invalid option: expected one of "revenue_ttm"|"revenue_prev_12m"|"growth_rate"|"years_with_purchases_3y"|"avg_won_deal"|"max_won_deal"|"won_deals"|"sales_cycle_days"|"potential_spend"|"share_of_wallet"|"share_of_wallet_gap"|"product_families"|"breadth"|"whitespace"|"growth_alignment"|"margin_mix"|"service_intensity"|"high_severity_share"|"payment_regularity"|"days_to_pay_stddev"|"senior_contacts_engaged"|"days_since_last_purchase"|"active_contracts"|"competitor_sightings_12m"|"upsell_hints_12m"',
      'dimensions.need.criteria.1.question: Invalid option: expected one of "portfolio_aligned"|"high_touch"|"buyers_empowered"|"leadership_progressive"|"total_opportunity"',
      'dimensions.need.criteria.1.weight: Invalid input: expected number, received string',
    ]);
  });

  it('rejects unknown keys, weights that sum to 0 and unknown criteria in stage presets', () => {
    expect(
      problemsOf(`${minimal('{ id: w, feature: whitespace, weight: 0 }')}colour: red\n`),
    ).toEqual([
      'dimensions.need.criteria: the weights of a dimension sum to 0',
      '(document): unknown key "colour"',
    ]);
    expect(
      problemsOf(
        `${minimal('{ id: w, feature: whitespace, weight: 1 }')}stages: { growth: { nope: 2 } }\n`,
      ),
    ).toEqual(['stages.growth.nope: no criterion has id "nope"']);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(problemsOf('name: [unclosed\n')).toHaveLength(1);
  });
});
