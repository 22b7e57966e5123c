import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignTier, chooseThresholds } from './assign-tiers.ts';
import { DEFAULT_MODEL_YAML } from './default-model.ts';
import { parseModel } from './parse-model.ts';

const model = parseModel(DEFAULT_MODEL_YAML, 'default');
const thresholds = { value: 60, need: 60, behavior: 50 };

describe('assignTier', () => {
  it.each([
    [{ value: 70, need: 65, behavior: 50 }, '1a'],
    [{ value: 70, need: 65, behavior: 49.9 }, '1b'],
    [{ value: 70, need: 10, behavior: 90 }, '2-value'],
    [{ value: 10, need: 70, behavior: 90 }, '2-need'],
    [{ value: 59.9, need: 59.9, behavior: 90 }, '3'],
    [{ value: NaN, need: 90, behavior: 90 }, '2-need'],
  ])('%o is tier %s', (scores, tier) => {
    expect(assignTier({ scores, thresholds, margin: 3 })).toBe(tier);
  });

  it('keeps the previous tier until a score crosses the threshold by more than the margin', () => {
    const just = { value: 61, need: 61, behavior: 60 };
    expect(assignTier({ scores: just, thresholds, margin: 3 })).toBe('1a');
    expect(assignTier({ scores: just, thresholds, margin: 3, previous: { tier: '3' } })).toBe('3');
    expect(
      assignTier({
        scores: { value: 63.5, need: 63.5, behavior: 60 },
        thresholds,
        margin: 3,
        previous: { tier: '3' },
      }),
    ).toBe('1a');
    expect(
      assignTier({
        scores: { value: 57.5, need: 70, behavior: 60 },
        thresholds,
        margin: 3,
        previous: { tier: '1a' },
      }),
    ).toBe('1a');
    expect(
      assignTier({
        scores: { value: 56.9, need: 70, behavior: 60 },
        thresholds,
        margin: 3,
        previous: { tier: '1a' },
      }),
    ).toBe('2-need');
    expect(
      assignTier({
        scores: { value: 70, need: 70, behavior: 48 },
        thresholds,
        margin: 3,
        previous: { tier: '1a' },
      }),
    ).toBe('1a');
    expect(
      assignTier({
        scores: { value: 70, need: 70, behavior: 52 },
        thresholds,
        margin: 3,
        previous: { tier: '1b' },
      }),
    ).toBe('1b');
  });
});

describe('chooseThresholds', () => {
  it('invariant: about the target share lands in Tier 1 (ties aside)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 })),
          { minLength: 50, maxLength: 400 },
        ),
        (pairs) => {
          const value = Float64Array.from(pairs, (p) => p[0] / 100);
          const need = Float64Array.from(pairs, (p) => p[1] / 100);
          const t = chooseThresholds({ model, value, need });
          const tier1 = pairs.filter(
            (_, i) => (value[i] as number) >= t.value && (need[i] as number) >= t.need,
          ).length;
          const target = Math.round(0.1 * pairs.length);
          const ties = pairs.filter(
            (_, i) => Math.min(value[i] as number, need[i] as number) === t.value,
          ).length;
          expect(tier1).toBeGreaterThanOrEqual(target);
          expect(tier1).toBeLessThanOrEqual(target + ties - 1);
        },
      ),
    );
  });

  it('uses fixed thresholds when the model gives them', () => {
    const fixed = { ...model, tiers: { ...model.tiers, thresholds: { value: 70, need: 55 } } };
    expect(
      chooseThresholds({ model: fixed, value: new Float64Array(3), need: new Float64Array(3) }),
    ).toEqual({ value: 70, need: 55, behavior: 50 });
  });
});
