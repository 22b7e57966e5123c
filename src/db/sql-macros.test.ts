import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainKey, nameKey } from '../core/account-keys.ts';
import { salesforceId18 } from '../core/salesforce-id.ts';
import { DuckDbStore } from './duckdb/duckdb-store.ts';
import { IMPORT_MACROS } from './duckdb/sql-macros.ts';

// DuckDB only, on purpose: the import macros run in DuckDB on every engine (a PostgreSQL import
// validates in a scratch DuckDB), so there is no PostgreSQL twin to check
let store: DuckDbStore;

beforeAll(async () => {
  store = await DuckDbStore.open(':memory:');
  for (const macro of IMPORT_MACROS) await store.run(macro);
});

afterAll(() => store.close());

async function sql<T>(expression: string, value: string): Promise<T> {
  const [row] = await store.all<{ v: T }>(`SELECT ${expression} AS v`, [value]);
  return row?.v as T;
}

const companyWords = fc.constantFrom(
  'Acme',
  'acme',
  'Beta',
  'Müller',
  '&',
  'Söhne',
  'Inc.',
  'GmbH',
  'Ltd',
  'Co',
  'The',
  'Group',
  'A.G.',
  ',',
  '-',
  'x1',
);

describe('SQL account keys agree with the TypeScript rules', () => {
  it.each([
    ['Acme, Inc.', 'acme'],
    ['ACME Inc', 'acme'],
    ['Müller & Söhne GmbH', 'müller and söhne'],
    ['Acme Co., Ltd.', 'acme'],
    ['Company Inc', 'company'],
    ['The Home Depot', 'the home depot'],
  ])('name key of %s is %s', async (name, key) => {
    expect(nameKey(name)).toBe(key);
    expect(await sql('hs_name_key($1)', name)).toBe(key);
  });

  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['WWW2.beta.de', 'beta.de'],
    ['sales@gamma.co.uk', 'gamma.co.uk'],
    ['acme.com.', 'acme.com'],
    ['localhost', null],
  ])('domain key of %s is %s', async (domain, key) => {
    expect(domainKey(domain)).toBe(key);
    expect(await sql('hs_domain_key($1)', domain)).toBe(key);
  });

  it('invariant: the SQL name key equals the TypeScript one for any company-like name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(companyWords, { minLength: 1, maxLength: 6 }), async (words) => {
        const name = words.join(' ');
        expect(await sql('hs_name_key($1)', name)).toBe(nameKey(name));
      }),
      { numRuns: 200 },
    );
  });

  it('invariant: the SQL Salesforce id conversion equals the TypeScript one', async () => {
    const id = fc.string({ unit: fc.constantFrom(...'abcXYZ0189'), minLength: 15, maxLength: 15 });
    await fc.assert(
      fc.asyncProperty(id, async (value) => {
        expect(await sql('hs_sf18($1)', value)).toBe(salesforceId18(value));
      }),
      { numRuns: 200 },
    );
  });
});

describe('number parsing', () => {
  it.each([
    ['$1,200.50', 1200.5],
    ['1.200,50', 1200.5],
    ['EUR 1.250.000,00', 1250000],
    ['(300.00)', -300],
    ['1 200', 1200],
    ['12,5', 12.5],
    ['-7', -7],
    ['1e3', 1000],
    ['12abc', null],
    ['1.2.3', null],
    ['', null],
  ])('%s is %s', async (text, value) => {
    expect(await sql('hs_number($1)', text)).toBe(value);
  });
});

describe('salesforceId18', () => {
  it('adds the case checksum to a 15-character id (Salesforce documentation example)', () => {
    expect(salesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
  });

  it('leaves 18-character ids and other strings alone', () => {
    expect(salesforceId18('001A0000006Vm9rIAC')).toBe('001A0000006Vm9rIAC');
    expect(salesforceId18('ACC-1')).toBe('ACC-1');
  });
});
