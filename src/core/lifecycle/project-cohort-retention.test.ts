import { describe, expect, it } from 'vitest';
import type { MonthlyRevenue } from './lifecycle-records.ts';
import { projectCohortRetention } from './project-cohort-retention.ts';

// Fader & Hardie (2007), "How to project customer retention", Table 1, high-end cohort: alive
// out of 1,000 at the start of years 0..7 (the calibration years; data/README.md).
const HIGH_END = [1000, 869, 743, 653, 593, 551, 517, 491];

/**
 * Revenue rows for a cohort first invoiced in January 2000 whose survivor counts per year are
 * `survivors`: account i buys in 2000 and in its last year alive; odd accounts also buy in the
 * years between (a gap is not a loss, so both give the same counts). One more account bought in
 * January 1998, so the 2000 cohort does not start within the data's first 12 months.
 */
function cohortRows(survivors: readonly number[]): MonthlyRevenue[] {
  const rows: MonthlyRevenue[] = [{ accountId: 0, month: '1998-01', revenue: 100 }];
  let id = 1;
  survivors.forEach((alive, t) => {
    const leaving = t + 1 < survivors.length ? alive - (survivors[t + 1] ?? 0) : alive;
    for (let k = 0; k < leaving; k += 1, id += 1) {
      for (let year = 0; year <= t; year += 1) {
        if (year === 0 || year === t || id % 2 === 1)
          rows.push({ accountId: id, month: `${2000 + year}-01`, revenue: 100 });
      }
    }
  });
  return rows;
}

describe('projectCohortRetention', () => {
  const projection = projectCohortRetention(cohortRows(HIGH_END), { asOf: '2007-12-31' });
  const cohort = projection.cohorts.find((c) => c.cohort === '2000-01..2000-12');

  it('skips the left-censored first cohort, saying why', () => {
    expect(projection.cohorts[0]).toMatchObject({ cohort: '1998-01..1998-12', status: 'skipped' });
    expect(projection.cohorts[0]?.status === 'skipped' && projection.cohorts[0].reason).toMatch(
      /left-censored/,
    );
  });

  it('reproduces the published sBG fit and projections of the high-end cohort', () => {
    if (cohort?.status !== 'fitted') throw new Error(`not fitted: ${JSON.stringify(cohort)}`);
    expect(cohort.survivors).toEqual(HIGH_END);
    // full-precision MLE α = 0.668088, β = 3.806095 (data/README.md)
    expect(cohort.alpha).toBeCloseTo(0.668088, 4);
    expect(cohort.beta).toBeCloseTo(3.806095, 4);
    // projected survival for years 8..12: 0.460, 0.436, 0.414, 0.395, 0.378 (Fader & Hardie 2007)
    expect(cohort.projected.map((p) => p.through)).toEqual([
      '2008-12',
      '2009-12',
      '2010-12',
      '2011-12',
      '2012-12',
    ]);
    [0.46, 0.436, 0.414, 0.395, 0.378].forEach((expected, i) => {
      expect(Math.abs((cohort.projected[i]?.survival ?? 0) - expected)).toBeLessThan(5e-4);
    });
    // DEL of a new customer at d = 0.10: 5.922; DERL after 7 renewals: 7.530 (data/README.md)
    expect(Math.abs(cohort.expectedLifetime - 5.922)).toBeLessThan(5e-4);
    expect(Math.abs(cohort.residualLifetime - 7.53)).toBeLessThan(5e-4);
    expect(cohort.observed[7]).toEqual({ offset: 7, through: '2007-12', survival: 0.491 });
  });

  it('skips cohorts observed for fewer than 3 years after the cohort year', () => {
    const short = projectCohortRetention(cohortRows([1000, 869, 743]), { asOf: '2002-12-31' });
    expect(short.cohorts[1]).toMatchObject({
      cohort: '2000-01..2000-12',
      status: 'skipped',
      periods: 2,
    });
  });

  it('reports a fit that does not converge as such, without estimates', () => {
    // one loss in the first year and none after: the maximum is on the boundary
    const flat = projectCohortRetention(cohortRows([1000, 999, 999, 999]), { asOf: '2003-12-31' });
    const c = flat.cohorts[1];
    expect(c).toMatchObject({ cohort: '2000-01..2000-12', status: 'not_converged' });
    expect(c).not.toHaveProperty('alpha');
    expect(c).not.toHaveProperty('projected');
  });

  it('counts years back from the last complete month when asOf falls mid-year', () => {
    // asOf 2007-06-30: years run July..June, so the January purchases fall in the same years
    const midYear = projectCohortRetention(cohortRows(HIGH_END), { asOf: '2007-06-30' });
    expect(midYear.cohorts.map((c) => [c.cohort, c.survivors.length])).toEqual([
      ['1997-07..1998-06', 10],
      ['1999-07..2000-06', 8],
    ]);
    expect(midYear.cohorts[1]).toMatchObject({ status: 'fitted', survivors: HIGH_END });
  });

  it('skips a cohort where nobody left', () => {
    const none = projectCohortRetention(cohortRows([10, 10, 10, 10]), { asOf: '2003-12-31' });
    expect(none.cohorts[1]).toMatchObject({
      status: 'skipped',
      reason: expect.stringMatching(/nobody left/) as unknown,
    });
  });
});
