import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { potentialSpend } from './potential-spend.ts';

const amount = fc.double({ min: 0, max: 1e12, noNaN: true });
const weight = fc.double({ min: 0, max: 1, noNaN: true });

describe('potentialSpend', () => {
  it('blends the peer estimate with the rep answer, half and half by default', () => {
    expect(
      potentialSpend({ peerEstimate: 100_000, repEstimate: 300_000, currentSpend: 50_000 }),
    ).toEqual({
      potential: 200_000,
      shareOfWallet: 0.25,
      sources: ['peers', 'rep'],
    });
    expect(
      potentialSpend(
        { peerEstimate: 100_000, repEstimate: 300_000, currentSpend: 0 },
        { repWeight: 0.25 },
      ).potential,
    ).toBe(150_000);
  });

  it('uses the peer estimate alone when the rep has not answered', () => {
    expect(
      potentialSpend({ peerEstimate: 80_000, repEstimate: null, currentSpend: 20_000 }),
    ).toEqual({
      potential: 80_000,
      shareOfWallet: 0.25,
      sources: ['peers'],
    });
    expect(
      potentialSpend({ peerEstimate: 80_000, repEstimate: 10, currentSpend: 0 }, { repWeight: 1 })
        .sources,
    ).toEqual(['rep']);
  });

  it('never goes below current spend: the account already spends that much', () => {
    expect(
      potentialSpend({ peerEstimate: 10_000, repEstimate: null, currentSpend: 40_000 }),
    ).toEqual({
      potential: 40_000,
      shareOfWallet: 1,
      sources: ['current'],
    });
    expect(potentialSpend({ peerEstimate: 0, repEstimate: null, currentSpend: 0 })).toEqual({
      potential: 0,
      shareOfWallet: null,
      sources: ['peers'],
    });
  });

  it('throws naming the function on negative or non-finite amounts and a weight outside [0, 1]', () => {
    expect(() => potentialSpend({ peerEstimate: -1, repEstimate: null, currentSpend: 0 })).toThrow(
      /potentialSpend: peerEstimate/,
    );
    expect(() =>
      potentialSpend({ peerEstimate: 1, repEstimate: Number.NaN, currentSpend: 0 }),
    ).toThrow(/potentialSpend: repEstimate/);
    expect(() =>
      potentialSpend({ peerEstimate: 1, repEstimate: 2, currentSpend: 0 }, { repWeight: 1.5 }),
    ).toThrow(/potentialSpend: repWeight/);
  });

  it('is never below current spend and keeps share of wallet in [0, 1] (property)', () => {
    fc.assert(
      fc.property(
        amount,
        fc.option(amount, { nil: null }),
        amount,
        weight,
        (peer, rep, current, w) => {
          const result = potentialSpend(
            { peerEstimate: peer, repEstimate: rep, currentSpend: current },
            { repWeight: w },
          );
          expect(result.potential).toBeGreaterThanOrEqual(current);
          if (result.shareOfWallet !== null) {
            expect(result.shareOfWallet).toBeGreaterThanOrEqual(0);
            expect(result.shareOfWallet).toBeLessThanOrEqual(1);
          } else {
            expect(result.potential).toBe(0);
          }
          expect(result.sources.length).toBeGreaterThan(0);
        },
      ),
      { seed: 1, numRuns: 1000 },
    );
  });

  it('never lowers potential when the rep raises the estimate (property)', () => {
    fc.assert(
      fc.property(amount, amount, amount, amount, weight, (peer, rep, raise, current, w) => {
        const input = { peerEstimate: peer, currentSpend: current };
        const before = potentialSpend({ ...input, repEstimate: rep }, { repWeight: w });
        const after = potentialSpend({ ...input, repEstimate: rep + raise }, { repWeight: w });
        expect(after.potential).toBeGreaterThanOrEqual(before.potential);
      }),
      { seed: 2, numRuns: 1000 },
    );
  });
});
