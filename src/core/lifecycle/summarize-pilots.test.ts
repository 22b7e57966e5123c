import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ContractRecord, DealRecord } from './lifecycle-records.ts';
import { isDealOpenAt, summarizePilots } from './summarize-pilots.ts';

let nextId = 1;
function contract(
  kind: 'pilot' | 'term',
  accountId: number,
  dates: { start: string; end: string },
): ContractRecord {
  const id = nextId++;
  return {
    id,
    externalId: `${kind}-${id}`,
    accountId,
    accountName: `Account ${accountId}`,
    productFamilyId: 1,
    kind,
    status: 'active',
    startDate: dates.start,
    endDate: dates.end,
    renewalDate: null,
    annualValue: 1000 * accountId,
  };
}

function deal(accountId: number, fields: Partial<DealRecord>): DealRecord {
  return {
    id: nextId++,
    accountId,
    stage: 'open',
    createdOn: '2024-06-01',
    closeDate: null,
    amount: 5000,
    ...fields,
  };
}

const term = (accountId: number, start: string): ContractRecord =>
  contract('term', accountId, { start, end: '2099-12-31' });
const pilot = (accountId: number, start: string, end: string): ContractRecord =>
  contract('pilot', accountId, { start, end });

// Hand-built fixture, asOf 2024-06-30; every expected value below is counted by hand.
const ASOF = '2024-06-30';
const CONTRACTS: ContractRecord[] = [
  pilot(1, '2024-01-01', '2024-01-31'), // P1: term 90 days after the end → converted (day 90 counts)
  term(1, '2024-04-30'),
  pilot(2, '2024-01-01', '2024-01-31'), // P2: term 91 days after → not converted, window closed 2024-04-30
  term(2, '2024-05-01'),
  pilot(3, '2024-02-01', '2024-03-31'), // P3: term during the pilot → converted, 0 days
  term(3, '2024-03-15'),
  pilot(4, '2024-05-01', '2024-06-15'), // P4: ended 15 days ago, no term yet → awaiting
  pilot(5, '2024-06-01', '2024-07-20'), // P5: running, 20 days left, no deal → at risk
  pilot(6, '2024-06-01', '2024-07-10'), // P6: running, 10 days left, open deal → not at risk
  pilot(7, '2024-06-10', '2024-08-31'), // P7: running, 62 days left → not at risk
  pilot(8, '2024-06-01', '2024-07-30'), // P8: 30 days left, deal won after asOf (open on asOf) → not at risk
  pilot(9, '2024-06-20', '2024-07-30'), // P9: 30 days left (inclusive), deal lost before asOf → at risk
  pilot(10, '2024-07-15', '2024-09-15'), // P10: starts after asOf → ignored
  pilot(11, '2023-01-01', '2023-03-31'), // P11: the account's term started before the pilot → not converted
  term(11, '2022-06-01'),
  pilot(12, '2024-04-01', '2024-05-31'), // P12: converting term starts after asOf → still awaiting on asOf
  term(12, '2024-07-15'),
];
const DEALS: DealRecord[] = [
  deal(6, { stage: 'open' }),
  deal(8, { stage: 'won', createdOn: '2024-06-05', closeDate: '2024-07-05' }),
  deal(9, { stage: 'lost', createdOn: '2024-06-01', closeDate: '2024-06-25' }),
  deal(5, { stage: 'open', createdOn: '2024-07-01' }), // created after asOf: not open on asOf
];

describe('summarizePilots', () => {
  const funnel = summarizePilots(CONTRACTS, DEALS, { asOf: ASOF });
  const outcome = (accountId: number): string | undefined =>
    funnel.pilots.find((p) => p.accountId === accountId)?.outcome;

  it('classifies every pilot by dates, with the 90-day window inclusive', () => {
    expect(outcome(1)).toBe('converted');
    expect(outcome(2)).toBe('not_converted');
    expect(outcome(3)).toBe('converted');
    expect(outcome(4)).toBe('awaiting');
    expect([5, 6, 7, 8, 9].map(outcome)).toEqual(Array(5).fill('running'));
    expect(outcome(10)).toBeUndefined();
    expect(outcome(11)).toBe('not_converted');
    expect(outcome(12)).toBe('awaiting');
  });

  it('counts the funnel: 11 started = 5 running + 6 ended (2 converted, 2 not, 2 awaiting)', () => {
    expect(funnel).toMatchObject({
      started: 11,
      running: 5,
      ended: 6,
      converted: 2,
      notConverted: 2,
      awaiting: 2,
      conversionRate: 0.5, // 2 / (2 + 2)
      medianDaysToConvert: 45, // median of 90 (P1) and 0 (P3)
    });
    expect(funnel.pilots.find((p) => p.accountId === 1)).toMatchObject({
      convertedOn: '2024-04-30',
      daysToConvert: 90,
    });
  });

  it('lists running pilots ending within 30 days (inclusive) on accounts without an open deal', () => {
    expect(funnel.atRisk.map((p) => [p.accountId, p.daysLeft])).toEqual([
      [5, 20],
      [9, 30],
    ]);
    expect(funnel.atRisk[0]).toMatchObject({ endDate: '2024-07-20', annualValue: 5000 });
  });

  it('breaks the funnel down by the year the pilot started', () => {
    expect(funnel.byStartYear).toEqual([
      {
        year: 2023,
        started: 1,
        running: 0,
        ended: 1,
        converted: 0,
        notConverted: 1,
        awaiting: 0,
        conversionRate: 0,
      },
      {
        year: 2024,
        started: 10,
        running: 5,
        ended: 5,
        converted: 2,
        notConverted: 1,
        awaiting: 2,
        conversionRate: 2 / 3,
      },
    ]);
  });

  it('takes the conversion window as an option', () => {
    const wider = summarizePilots(CONTRACTS, DEALS, { asOf: ASOF, conversionWindowDays: 91 });
    expect(wider.converted).toBe(3); // P2's term on day 91 now counts
    expect(wider.medianDaysToConvert).toBe(90); // 0, 90, 91
  });

  it('reports an empty funnel with a null rate, and rejects a malformed asOf', () => {
    const empty = summarizePilots([], [], { asOf: ASOF });
    expect(empty).toMatchObject({ started: 0, conversionRate: null, medianDaysToConvert: null });
    expect(() => summarizePilots([], [], { asOf: '30/06/2024' })).toThrow(/summarizePilots/);
  });

  it('keeps the funnel identity started = running + converted + awaiting + not converted', () => {
    const day = fc
      .integer({ min: 0, max: 700 })
      .map((d) => new Date(Date.UTC(2023, 0, 1 + d)).toISOString().slice(0, 10));
    const record = fc.record({
      kind: fc.constantFrom<'pilot' | 'term'>('pilot', 'term'),
      accountId: fc.integer({ min: 1, max: 5 }),
      start: day,
      length: fc.integer({ min: 0, max: 120 }),
    });
    fc.assert(
      fc.property(fc.array(record, { maxLength: 30 }), day, (rows, asOf) => {
        const contracts = rows.map((r) => {
          const end = new Date(Date.parse(r.start) + r.length * 86_400_000)
            .toISOString()
            .slice(0, 10);
          return contract(r.kind, r.accountId, { start: r.start, end });
        });
        const f = summarizePilots(contracts, [], { asOf });
        expect(f.started).toBe(f.running + f.converted + f.awaiting + f.notConverted);
        expect(f.ended).toBe(f.started - f.running);
        expect(f.atRisk.length).toBeLessThanOrEqual(f.running);
      }),
    );
  });
});

describe('isDealOpenAt', () => {
  it('is open when created by asOf and not closed by asOf', () => {
    expect(isDealOpenAt(deal(1, { stage: 'open', createdOn: '2024-06-30' }), ASOF)).toBe(true);
    expect(isDealOpenAt(deal(1, { stage: 'open', createdOn: '2024-07-01' }), ASOF)).toBe(false);
    expect(isDealOpenAt(deal(1, { stage: 'won', closeDate: '2024-07-01' }), ASOF)).toBe(true);
    expect(isDealOpenAt(deal(1, { stage: 'won', closeDate: '2024-06-30' }), ASOF)).toBe(false);
    expect(isDealOpenAt(deal(1, { stage: 'lost', closeDate: null }), ASOF)).toBe(false);
  });
});
