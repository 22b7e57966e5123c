import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_NAMES } from '../core/entities.ts';
import type { EntityName, FieldSpec, NativeRow } from '../core/entities.ts';
import { generateDemo } from './generate-demo.ts';
import type { DemoData } from './generate-demo.ts';

type Rows = Record<EntityName, NativeRow[]>;

function collect(data: DemoData): Rows {
  const out = {} as Rows;
  for (const entity of ENTITY_NAMES) out[entity] = [...data.rows(entity)];
  return out;
}

function hashRows(data: DemoData): string {
  const hash = createHash('sha256');
  for (const entity of ENTITY_NAMES) {
    for (const row of data.rows(entity)) hash.update(JSON.stringify(row)).update('\n');
  }
  return hash.digest('hex');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Problems of one value against its field spec (entities.ts), empty when it conforms. */
function fieldProblems(field: FieldSpec, value: unknown): string[] {
  if (value === null || value === undefined)
    return field.required ? [`${field.name} is required`] : [];
  const t = field.type;
  const bad = (why: string): string[] => [`${field.name}=${JSON.stringify(value)}: ${why}`];
  switch (t.kind) {
    case 'text':
      return typeof value === 'string' && value.length > 0 ? [] : bad('not a non-empty string');
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value)) return bad('not an integer');
      return t.min !== undefined && value < t.min ? bad(`below ${t.min}`) : [];
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('not a number');
      if (t.min !== undefined && value < t.min) return bad(`below ${t.min}`);
      return t.max !== undefined && value > t.max ? bad(`above ${t.max}`) : [];
    case 'money':
      if (typeof value !== 'number' || !Number.isFinite(value)) return bad('not a number');
      if (Math.round(value * 100) / 100 !== value) return bad('more than 2 decimals');
      // Every amount the generator writes is non-negative, whether or not the spec says min 0.
      return value < (t.min ?? 0) ? bad('negative') : [];
    case 'date':
      return isIsoDate(value) ? [] : bad('not a YYYY-MM-DD date');
    case 'boolean':
      return typeof value === 'boolean' ? [] : bad('not a boolean');
    case 'enum':
      return typeof value === 'string' && t.values.includes(value)
        ? []
        : bad('not one of the enum values');
    case 'ref':
      return typeof value === 'string' && value.length > 0 ? [] : bad('not an id');
  }
}

/** Date pairs that must be ordered (later >= earlier) when both are present. */
const ORDERED_DATES: Partial<Record<EntityName, [string, string][]>> = {
  contract: [['start_date', 'end_date']],
  invoice: [
    ['issued_on', 'due_on'],
    ['issued_on', 'paid_on'],
  ],
  deal: [['created_on', 'close_date']],
  ticket: [['opened_on', 'closed_on']],
};

function rowProblems(entity: EntityName, row: NativeRow): string[] {
  const spec = ENTITIES.find((e) => e.name === entity);
  if (!spec) return [`unknown entity ${entity}`];
  const problems: string[] = [];
  const expectedKeys = ['id', ...spec.fields.map((f) => f.name)];
  if (JSON.stringify(Object.keys(row)) !== JSON.stringify(expectedKeys)) {
    problems.push(`keys ${Object.keys(row).join(',')} differ from ${expectedKeys.join(',')}`);
  }
  if (typeof row.id !== 'string' || row.id.length === 0) problems.push('id missing');
  for (const field of spec.fields) problems.push(...fieldProblems(field, row[field.name]));
  for (const [earlier, later] of ORDERED_DATES[entity] ?? []) {
    const a = row[earlier];
    const b = row[later];
    if (typeof a === 'string' && typeof b === 'string' && b < a)
      problems.push(`${later} ${b} before ${earlier} ${a}`);
  }
  return problems.map((p) => `${entity} ${String(row.id)}: ${p}`);
}

/** The record's own date: it must lie in [until - years, until]. */
const OWN_DATE: Partial<Record<EntityName, string>> = {
  account: 'created_on',
  deal: 'created_on',
  contract: 'start_date',
  invoice: 'issued_on',
  ticket: 'opened_on',
  activity: 'occurred_on',
  assessment_answer: 'answered_on',
  competitor_sighting: 'seen_on',
  feature_request: 'requested_on',
  signal: 'reported_on',
};

/** Dates of things that have happened: never after `until`. */
function happenedDates(entity: EntityName, row: NativeRow): unknown[] {
  if (entity === 'invoice') return [row.paid_on];
  if (entity === 'ticket') return [row.closed_on];
  if (entity === 'deal' && row.stage !== 'open') return [row.close_date];
  if (entity === 'contract' && row.status !== 'active') return [row.end_date];
  return [];
}

function windowProblems(rows: Rows, window: { from: string; until: string }): string[] {
  const problems: string[] = [];
  for (const entity of ENTITY_NAMES) {
    const own = OWN_DATE[entity];
    for (const row of rows[entity]) {
      const day = own ? row[own] : undefined;
      if (typeof day === 'string' && (day < window.from || day > window.until)) {
        problems.push(`${entity} ${String(row.id)} ${own}=${day} outside window`);
      }
      for (const d of happenedDates(entity, row)) {
        if (typeof d === 'string' && d > window.until)
          problems.push(`${entity} ${String(row.id)} ${d} after until`);
      }
    }
  }
  return problems;
}

const LEGAL_SUFFIXES = new Set([
  'inc',
  'llc',
  'ltd',
  'gmbh',
  'corp',
  'corporation',
  'ag',
  'sa',
  'plc',
  'co',
  'limited',
]);

function normaliseName(name: string): string {
  const words = name
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, '')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !LEGAL_SUFFIXES.has(w));
  return words.join(' ');
}

function normaliseDomain(domain: string): string {
  return domain.toLowerCase().replace(/^www\./, '');
}

function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

function addYears(iso: string, years: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

const UNTIL = '2026-10-31';

describe('generateDemo', () => {
  const small = generateDemo({ accounts: 300, seed: 42 });
  const smallRows = collect(small);

  it('is deterministic: the same options give byte-identical rows', () => {
    const again = generateDemo({ accounts: 300, seed: 42, years: 5, until: UNTIL });
    expect(hashRows(again)).toBe(hashRows(small));
    // A second pass over the same data set yields the same sequence too.
    expect(hashRows(small)).toBe(hashRows(small));
  });

  it('gives different data for a different seed', () => {
    expect(hashRows(generateDemo({ accounts: 300, seed: 43 }))).not.toBe(hashRows(small));
  });

  it('writes every row by the rules of entities.ts', () => {
    const problems: string[] = [];
    for (const entity of ENTITY_NAMES) {
      expect(smallRows[entity].length, entity).toBeGreaterThan(0);
      for (const row of smallRows[entity]) problems.push(...rowProblems(entity, row));
    }
    expect(problems.slice(0, 20)).toEqual([]);
  });

  it('keeps references pointing at existing rows and ids unique per entity', () => {
    const ids = {} as Record<EntityName, Set<string>>;
    for (const entity of ENTITY_NAMES) {
      ids[entity] = new Set(smallRows[entity].map((r) => String(r.id)));
      expect(ids[entity].size, `${entity} ids unique`).toBe(smallRows[entity].length);
    }
    const dangling: string[] = [];
    for (const spec of ENTITIES) {
      for (const field of spec.fields) {
        if (field.type.kind !== 'ref') continue;
        const target = ids[field.type.to];
        for (const row of smallRows[spec.name]) {
          const value = row[field.name];
          if (value !== null && !target.has(String(value)))
            dangling.push(`${spec.name}.${field.name}=${String(value)}`);
        }
      }
    }
    expect(dangling.slice(0, 20)).toEqual([]);
    // The hierarchy points at earlier accounts only, so it has no cycles.
    for (const row of smallRows.account) {
      if (row.parent_id !== null) expect(String(row.parent_id) < String(row.id)).toBe(true);
    }
  });

  it('gives accounts unique normalised names and domains, also past the first pass over word pairs', () => {
    const many = [...generateDemo({ accounts: 25_000, seed: 5 }).rows('account')];
    const names = new Set(many.map((a) => normaliseName(String(a.name))));
    const domains = new Set(many.map((a) => normaliseDomain(String(a.domain))));
    expect(names.size).toBe(many.length);
    expect(domains.size).toBe(many.length);
  });

  it('has about one rep per 80 accounts, ten product families, two to eight contacts per account', () => {
    const data = generateDemo({ accounts: 2000, seed: 3 });
    const counts = data.counts();
    expect(counts.rep).toBe(25);
    expect(counts.product_family).toBe(10);
    expect(generateDemo({ accounts: 10, seed: 3 }).counts().rep).toBe(3);
    const perAccount = new Map<string, number>();
    for (const c of data.rows('contact'))
      perAccount.set(String(c.account_id), (perAccount.get(String(c.account_id)) ?? 0) + 1);
    expect(perAccount.size).toBe(2000);
    for (const n of perAccount.values()) expect(n >= 2 && n <= 8).toBe(true);
    const stages = new Set([...data.rows('product_family')].map((f) => f.stage));
    expect(stages).toEqual(new Set(['introduction', 'growth', 'maturity', 'decline']));
  });

  describe('structure the models must find (3000 accounts)', () => {
    const data = generateDemo({ accounts: 3000, seed: 7 });
    const rows = collect(data);
    const ttmFrom = addDays(addYears(UNTIL, -1), 1);
    const earlyFrom = addDays(addYears(UNTIL, -4), 1);
    const earlyTo = addYears(UNTIL, -3);
    type Revenue = { ttm: number; early: number; last: string; paid: number; late: number };
    const revenue = new Map<string, Revenue>();
    for (const inv of rows.invoice) {
      const account = String(inv.account_id);
      const issued = String(inv.issued_on);
      const amount = Number(inv.amount);
      let r = revenue.get(account);
      if (!r) {
        r = { ttm: 0, early: 0, last: '', paid: 0, late: 0 };
        revenue.set(account, r);
      }
      if (issued >= ttmFrom) r.ttm += amount;
      if (issued >= earlyFrom && issued <= earlyTo) r.early += amount;
      if (issued > r.last) r.last = issued;
      if (inv.paid_on !== null) {
        r.paid += 1;
        if (daysBetween(String(inv.due_on), String(inv.paid_on)) >= 20) r.late += 1;
      }
    }
    const early = [...revenue.values()]
      .map((r) => r.early)
      .filter((x) => x > 0)
      .sort((a, b) => a - b);
    const quantile = (p: number): number => early[Math.floor(p * (early.length - 1))] ?? 0;

    it('has small accounts whose last-12-month revenue is over 3x that of 3 years earlier', () => {
      const median = quantile(0.5);
      const giants = [...revenue.values()].filter(
        (r) => r.early > 0 && r.early <= median && r.ttm > 3 * r.early,
      );
      expect(giants.length).toBeGreaterThan(30);
    });

    it('has large accounts with flat or declining revenue', () => {
      const p90 = quantile(0.9);
      const stagnant = [...revenue.values()].filter((r) => r.early >= p90 && r.ttm <= r.early);
      expect(stagnant.length).toBeGreaterThan(10);
    });

    it('has 10-15% never-bought prospects and lapsed accounts with no invoice in 36 months', () => {
      const won = new Set(
        rows.deal.filter((d) => d.stage === 'won').map((d) => String(d.account_id)),
      );
      const prospects = rows.account.filter(
        (a) => !revenue.has(String(a.id)) && !won.has(String(a.id)),
      );
      const share = prospects.length / rows.account.length;
      expect(share).toBeGreaterThanOrEqual(0.1);
      expect(share).toBeLessThanOrEqual(0.15);
      // No prospect has a won deal or a contract.
      const contracted = new Set(rows.contract.map((c) => String(c.account_id)));
      for (const p of prospects) expect(contracted.has(String(p.id))).toBe(false);
      const horizon = addYears(UNTIL, -3);
      const lapsed = [...revenue.values()].filter((r) => r.last < horizon);
      expect(lapsed.length / rows.account.length).toBeGreaterThan(0.03);
    });

    it('has pilots that converted and pilots that did not, consistent with the 90-day rule', () => {
      const terms = new Map<string, string[]>();
      for (const c of rows.contract) {
        if (c.kind !== 'term') continue;
        const list = terms.get(String(c.account_id)) ?? [];
        list.push(String(c.start_date));
        terms.set(String(c.account_id), list);
      }
      const pilots = rows.contract.filter((c) => c.kind === 'pilot');
      const converted = pilots.filter((p) => p.status === 'converted');
      const notConverted = pilots.filter((p) => p.status === 'churned');
      expect(converted.length).toBeGreaterThan(10);
      expect(notConverted.length).toBeGreaterThan(10);
      for (const p of pilots) {
        const starts = terms.get(String(p.account_id)) ?? [];
        const start = String(p.start_date);
        const end = String(p.end_date);
        const within = starts.some((s) => s >= start && s <= addDays(end, 90));
        const near = starts.some((s) => s >= addDays(start, -90) && s <= addDays(end, 90));
        if (p.status === 'converted') expect(within).toBe(true);
        if (p.status === 'churned') expect(near).toBe(false);
      }
    });

    it('has slow payers who pay most invoices 20 or more days late', () => {
      const slow = [...revenue.values()].filter((r) => r.paid >= 4 && r.late / r.paid >= 0.5);
      expect(slow.length / rows.account.length).toBeGreaterThan(0.02);
      // Most invoices are paid on time all the same.
      const paid = rows.invoice.filter((i) => i.paid_on !== null);
      const onTime = paid.filter((i) => String(i.paid_on) <= String(i.due_on));
      expect(onTime.length / paid.length).toBeGreaterThan(0.75);
      expect(rows.invoice.some((i) => i.paid_on === null)).toBe(true);
    });

    it('has roughly the documented volumes per account', () => {
      const per = (entity: EntityName): number => rows[entity].length / rows.account.length;
      expect(per('invoice')).toBeGreaterThan(12);
      expect(per('invoice')).toBeLessThan(35);
      expect(per('deal')).toBeGreaterThan(2);
      expect(per('deal')).toBeLessThan(5);
      expect(per('ticket')).toBeGreaterThan(2);
      expect(per('activity')).toBeGreaterThan(6);
      const assessed = new Set(rows.assessment_answer.map((a) => String(a.account_id)));
      expect(assessed.size / rows.account.length).toBeGreaterThan(0.2);
      expect(assessed.size / rows.account.length).toBeLessThan(0.4);
    });
  });

  it('counts() matches the rows yielded, and every record dates within the window (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          accounts: fc.integer({ min: 0, max: 40 }),
          seed: fc.integer({ min: -1_000_000, max: 1_000_000 }),
          years: fc.integer({ min: 1, max: 6 }),
          until: fc.constantFrom('2026-10-31', '2024-02-29', '2025-01-01', '2030-12-31'),
        }),
        ({ accounts, seed, years, until }) => {
          const data = generateDemo({ accounts, seed, years, until });
          const rows = collect(data);
          const counts = data.counts();
          for (const entity of ENTITY_NAMES)
            expect(counts[entity], entity).toBe(rows[entity].length);
          expect(windowProblems(rows, { from: addYears(until, -years), until })).toEqual([]);
          const problems: string[] = [];
          for (const entity of ENTITY_NAMES)
            for (const row of rows[entity]) problems.push(...rowProblems(entity, row));
          expect(problems.slice(0, 5)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects options out of range', () => {
    expect(() => generateDemo({ accounts: -1, seed: 1 })).toThrow(/accounts/);
    expect(() => generateDemo({ accounts: 1.5, seed: 1 })).toThrow(/accounts/);
    expect(() => generateDemo({ accounts: 1, seed: 0.5 })).toThrow(/seed/);
    expect(() => generateDemo({ accounts: 1, seed: 1, years: 0 })).toThrow(/years/);
    expect(() => generateDemo({ accounts: 1, seed: 1, until: '2026-02-30' })).toThrow(/until/);
  });
});
