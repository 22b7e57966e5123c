import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../../test/stores.ts';
import type { SqlValue, Store } from './store.ts';

/*
 * What every engine promises callers: the same values for the same SQL, bulk appends that take
 * text for dates and decimals, and transactions that commit, roll back and nest alike.
 */
describe.each(ENGINES)('the %s store', (engine) => {
  let store: Store;

  beforeAll(async () => {
    store = await openTestStore(engine);
    await store.run(
      `CREATE TABLE probe (id BIGINT NOT NULL, label VARCHAR, amount DECIMAL(18, 2), ratio DOUBLE PRECISION,
         day DATE, stamp TIMESTAMP, flag BOOLEAN, small INTEGER)`,
    );
  });

  afterAll(() => store.close());

  const ROWS: SqlValue[][] = [
    [1, 'plain', '12.50', 0.1, '2024-02-29', '2024-02-29 13:14:15.123', true, 7],
    [
      2,
      `quote " back \\ slash, {brace} 'NULL' ünïcode`,
      '-0.01',
      -1e-12,
      '1900-01-01',
      '2100-12-31 00:00:00',
      false,
      -1,
    ],
    [3, null, null, null, null, null, null, null],
    [4, 'NULL', '99999999999.99', 1e300, '2026-10-31', '2026-10-31 23:59:59.999', true, 0],
  ];

  it('appends rows in bulk and reads them back alike: numbers, Dates at UTC midnight, text as given', async () => {
    expect(
      await store.appendRows(
        'probe',
        ['id', 'label', 'amount', 'ratio', 'day', 'stamp', 'flag', 'small'],
        ROWS,
      ),
    ).toBe(4);
    const rows = await store.all('SELECT * FROM probe ORDER BY id');
    expect(rows[0]).toEqual({
      id: 1,
      label: 'plain',
      amount: 12.5,
      ratio: 0.1,
      day: new Date('2024-02-29T00:00:00Z'),
      stamp: new Date('2024-02-29T13:14:15.123Z'),
      flag: true,
      small: 7,
    });
    expect(rows[1]?.label).toBe(ROWS[1]?.[1]);
    expect(rows[2]).toEqual({
      id: 3,
      label: null,
      amount: null,
      ratio: null,
      day: null,
      stamp: null,
      flag: null,
      small: null,
    });
    expect(rows[3]).toMatchObject({ label: 'NULL', amount: 99999999999.99, ratio: 1e300 });
  });

  it('casts dates, timestamps and decimals to text the same way', async () => {
    const [row] = await store.all(
      `SELECT CAST(day AS VARCHAR) AS day, CAST(stamp AS VARCHAR) AS stamp, CAST(amount AS VARCHAR) AS amount
       FROM probe WHERE id = $1`,
      [1],
    );
    expect(row).toEqual({ day: '2024-02-29', stamp: '2024-02-29 13:14:15.123', amount: '12.50' });
  });

  it('counts, sums and averages come back as numbers', async () => {
    const [row] = await store.all(
      `SELECT count(*) AS n, sum(id) AS ids, avg(small) AS mean, sum(amount) AS total,
              max(day) - min(day) AS span, count(*) FILTER (WHERE flag) AS flagged
       FROM probe`,
    );
    expect(row).toEqual({
      n: 4,
      ids: 10,
      mean: 2,
      total: 100000000012.48, // 99999999999.99 + 12.50 - 0.01, summed exactly as decimals
      span: 46_324, // 1900-01-01 to 2026-10-31 in days
      flagged: 2,
    });
  });

  it('answers columns and batches with the same values as rows', async () => {
    const columns = await store.columns('SELECT id, day FROM probe WHERE id < $1 ORDER BY id', [3]);
    expect(columns).toEqual({
      id: [1, 2],
      day: [new Date('2024-02-29T00:00:00Z'), new Date('1900-01-01T00:00:00Z')],
    });
    const batches: unknown[][][] = [];
    for await (const batch of store.batches(
      'SELECT id, label FROM probe WHERE id > $1 ORDER BY id',
      [1],
    ))
      batches.push(batch);
    expect(batches.flat()).toEqual([
      [2, ROWS[1]?.[1]],
      [3, null],
      [4, 'NULL'],
    ]);
  });

  it('streams results larger than one batch', async () => {
    await store.run('CREATE TABLE many (n BIGINT)');
    const count = 12_345;
    await store.appendRows(
      'many',
      ['n'],
      Array.from({ length: count }, (_, i) => [i]),
    );
    let seen = 0;
    let sum = 0;
    for await (const batch of store.batches('SELECT n FROM many ORDER BY n')) {
      seen += batch.length;
      for (const [n] of batch) sum += Number(n);
    }
    expect(seen).toBe(count);
    expect(sum).toBe((count * (count - 1)) / 2);
  });

  it('stays usable after a reader stops early', async () => {
    for (let i = 0; i < 12; i++) {
      for await (const batch of store.batches('SELECT n FROM many ORDER BY n')) {
        expect(batch.length).toBeGreaterThan(0);
        break;
      }
    }
    await store.run('INSERT INTO many VALUES (-1)');
    // the row is committed: a snapshot transaction (another connection on PostgreSQL) sees it
    const seen = await store.transaction(() => store.all('SELECT n FROM many WHERE n = -1'), {
      snapshot: true,
    });
    expect(seen).toEqual([{ n: -1 }]);
  });

  it('commits a transaction, undoes a failed one, and undoes a dry run that succeeded', async () => {
    const count = async (): Promise<number> =>
      Number((await store.all<{ n: number }>('SELECT count(*) AS n FROM probe'))[0]?.n);
    const before = await count();
    await expect(
      store.transaction(async () => {
        await store.run('DELETE FROM probe');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await count()).toBe(before);
    expect(
      await store.transaction(
        async () => {
          await store.run('DELETE FROM probe WHERE id = $1', [1]);
          return count();
        },
        { rollback: true },
      ),
    ).toBe(before - 1);
    expect(await count()).toBe(before);
    await store.transaction(async () => {
      // a transaction inside another joins it: the outer one decides
      await store.transaction(() => store.run('DELETE FROM probe WHERE id = $1', [4]));
      await store.lock('probe');
    });
    expect(await count()).toBe(before - 1);
  });

  it('reads one snapshot in a snapshot transaction', async () => {
    const seen = await store.transaction(
      async () => {
        const first = await store.all('SELECT id FROM probe ORDER BY id');
        const second = await store.all('SELECT id FROM probe ORDER BY id');
        return [first, second];
      },
      { snapshot: true },
    );
    expect(seen[0]).toEqual(seen[1]);
  });
});
