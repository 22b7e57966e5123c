import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_YAML } from './default-model.ts';
import { parseModel } from './parse-model.ts';
import { contributionOf, scoreDimensions } from './score-dimensions.ts';
import { FEATURES, type Feature } from './scoring-model.ts';
import { percentileRanks, transformValues } from './transforms.ts';

const model = parseModel(DEFAULT_MODEL_YAML, 'default');

/** A population of accounts with every feature and answer drawn at random, some missing. */
const population = fc.integer({ min: 2, max: 40 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    features: fc.array(
      fc.array(fc.option(fc.double({ min: 0, max: 1e6, noNaN: true }), { freq: 4 }), {
        minLength: n,
        maxLength: n,
      }),
      {
        minLength: FEATURES.length,
        maxLength: FEATURES.length,
      },
    ),
    answers: fc.array(
      fc.array(fc.option(fc.integer({ min: 1, max: 5 }), { freq: 2 }), {
        minLength: n,
        maxLength: n,
      }),
      { minLength: 4, maxLength: 4 },
    ),
  }),
);

function build(input: { n: number; features: (number | null)[][]; answers: (number | null)[][] }): {
  features: Record<Feature, Float64Array>;
  answers: Record<string, Float64Array>;
} {
  const column = (values: (number | null)[]): Float64Array =>
    Float64Array.from(values, (v) => (v === null ? NaN : v));
  const features = Object.fromEntries(
    FEATURES.map((f, i) => [f, column(input.features[i] ?? [])]),
  ) as Record<Feature, Float64Array>;
  const questions = [
    'portfolio_aligned',
    'high_touch',
    'buyers_empowered',
    'leadership_progressive',
  ];
  const answers = Object.fromEntries(questions.map((q, i) => [q, column(input.answers[i] ?? [])]));
  return { features, answers };
}

describe('percentile ranks', () => {
  it('use mid-ranks for ties and leave missing values out', () => {
    expect([...percentileRanks(Float64Array.from([10, 20, 20, NaN, 40]))]).toEqual([
      12.5,
      50,
      50,
      NaN,
      87.5,
    ]);
  });

  it('mirror for lower-is-better criteria', () => {
    const scores = transformValues(Float64Array.from([1, 2, 3, 4]), {
      transform: { kind: 'percentile' },
      direction: 'lower',
    });
    expect([...scores]).toEqual([87.5, 62.5, 37.5, 12.5]);
  });

  it('apply linear bounds and bands', () => {
    expect([
      ...transformValues(Float64Array.from([0, 1, 3, 5, 9]), {
        transform: { kind: 'linear', min: 1, max: 5 },
        direction: 'higher',
      }),
    ]).toEqual([0, 0, 50, 100, 100]);
    const bands = {
      kind: 'bands' as const,
      bands: [
        { from: 0, score: 10 },
        { from: 100, score: 60 },
        { from: 1000, score: 100 },
      ],
    };
    expect([
      ...transformValues(Float64Array.from([-5, 0, 150, 5000]), {
        transform: bands,
        direction: 'higher',
      }),
    ]).toEqual([0, 10, 60, 100]);
  });
});

describe('dimension scores', () => {
  it('invariant: every score is in [0, 100] and contributions add up to it', () => {
    fc.assert(
      fc.property(population, (input) => {
        const { features, answers } = build(input);
        const { criteria, dimensions } = scoreDimensions({
          model,
          stage: null,
          features,
          answers,
          accounts: input.n,
        });
        for (const [dimension, scores] of Object.entries(dimensions)) {
          for (let i = 0; i < input.n; i++) {
            const score = scores.score[i] as number;
            const sum = criteria
              .filter((c) => c.dimension === dimension)
              .reduce(
                (total, c) =>
                  total +
                  (contributionOf(c, { account: i, presentWeight: scores.presentWeight }) ?? 0),
                0,
              );
            if (Number.isNaN(score)) {
              expect(scores.confidence[i]).toBe(0);
            } else {
              expect(score).toBeGreaterThanOrEqual(0);
              expect(score).toBeLessThanOrEqual(100);
              expect(sum).toBeCloseTo(score, 9);
            }
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('invariant: a missing criterion is left out (weights renormalised), lowers confidence, and is never counted as zero', () => {
    fc.assert(
      fc.property(population, fc.nat(), (input, pick) => {
        const { features, answers } = build(input);
        const account = pick % input.n;
        const { criteria, dimensions } = scoreDimensions({
          model,
          stage: null,
          features,
          answers,
          accounts: input.n,
        });
        for (const [dimension, scores] of Object.entries(dimensions)) {
          const own = criteria.filter((c) => c.dimension === dimension);
          const present = own.filter((c) => !Number.isNaN(c.transformed[account] as number));
          const total = own.reduce((s, c) => s + c.weight, 0);
          const presentWeight = present.reduce((s, c) => s + c.weight, 0);
          expect(scores.confidence[account]).toBeCloseTo(presentWeight / total, 12);
          if (present.length > 0) {
            const mean =
              present.reduce((s, c) => s + c.weight * (c.transformed[account] as number), 0) /
              presentWeight;
            expect(scores.score[account]).toBeCloseTo(mean, 9);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it('invariant: raising a higher-is-better criterion never lowers its dimension score', () => {
    const higher = model.dimensions.value.criteria
      .filter((c) => c.feature && c.direction === 'higher')
      .map((c) => c.feature as Feature);
    fc.assert(
      fc.property(
        population,
        fc.nat(),
        fc.constantFrom(...higher),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (input, pick, feature, raise) => {
          const { features, answers } = build(input);
          const account = pick % input.n;
          const before = scoreDimensions({
            model,
            stage: null,
            features,
            answers,
            accounts: input.n,
          }).dimensions.value.score[account] as number;
          const raised = Float64Array.from(features[feature]);
          const current = raised[account] as number;
          raised[account] = (Number.isNaN(current) ? 0 : current) + raise;
          if (Number.isNaN(current)) return; // adding data where there was none is not "raising"
          const after = scoreDimensions({
            model,
            stage: null,
            features: { ...features, [feature]: raised },
            answers,
            accounts: input.n,
          }).dimensions.value.score[account] as number;
          expect(after).toBeGreaterThanOrEqual(before - 1e-9);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applies the stage preset weights', () => {
    const n = 3;
    const { features, answers } = build({
      n,
      features: FEATURES.map(() => [1, 2, 3]),
      answers: [
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
        [1, 2, 3],
      ],
    });
    const { criteria } = scoreDimensions({
      model,
      stage: 'growth',
      features,
      answers,
      accounts: n,
    });
    expect(criteria.find((c) => c.id === 'potential_spend')?.weight).toBe(4);
    expect(criteria.find((c) => c.id === 'margin_mix')?.weight).toBe(1);
  });
});
