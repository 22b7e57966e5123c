import { describe, expect, it } from 'vitest';
import { buildPopulation, createLatent, readLatent, spendAt, SHARE_CAP } from './population.ts';
import { seedKey } from './random.ts';
import { buildSalesTeam } from './sales-team.ts';

const LAST = 1826;
const key = seedKey(5);
const population = buildPopulation({
  key,
  accounts: 4000,
  window: { last: LAST, recent: LAST - 1096 },
  team: buildSalesTeam({ key, accounts: 4000 }),
});
const latents = Array.from({ length: population.size }, (_, i) =>
  readLatent(population, i, createLatent()),
);
const growers = latents.filter((l) => l.archetype === 'grower');

/** Equal to 12 significant digits. */
function expectSame(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

describe('the demo population', () => {
  it('growers start growing on days spread over the window: at every cutoff some are still small', () => {
    expect(growers.length).toBeGreaterThan(100);
    for (const l of growers) {
      expect(l.rampDay).toBeGreaterThanOrEqual(0);
      expect(l.rampDay).toBeLessThanOrEqual(LAST);
    }
    // each fifth of the window sees some growers start
    for (let k = 0; k < 5; k += 1) {
      const started = growers.filter(
        (l) => l.rampDay >= (k * LAST) / 5 && l.rampDay < ((k + 1) * LAST) / 5,
      );
      expect(started.length).toBeGreaterThan(growers.length / 10);
    }
    // a year before the window ends, a third of the growers hold under 5% of their wallet
    const small = growers.filter((l) => spendAt(l, LAST - 365) < 0.05 * l.wallet);
    expect(small.length).toBeGreaterThan(growers.length / 3);
  });

  it("a grower's spend is flat before its growth starts, then grows at its rate up to the cap", () => {
    for (const l of growers) {
      expectSame(spendAt(l, l.rampDay), spendAt(l, 0));
      const later = Math.min(LAST, l.rampDay + 365);
      const expected = Math.min(
        SHARE_CAP * l.wallet,
        spendAt(l, l.rampDay) * Math.exp((l.growth * (later - l.rampDay)) / 365),
      );
      expectSame(spendAt(l, later), expected);
    }
  });

  it('other accounts grow or shrink at their rate from the first day, and never start late', () => {
    for (const l of latents.filter((x) => x.archetype !== 'grower').slice(0, 500)) {
      expect(l.rampDay).toBe(0);
      const expected = Math.min(SHARE_CAP * l.wallet, spendAt(l, 0) * Math.exp(l.growth));
      expectSame(spendAt(l, 365), expected);
    }
  });
});
