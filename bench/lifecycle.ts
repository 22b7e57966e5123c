import { loadDemo } from '../src/app/demo-data.ts';
import { expectedSpendByAccount } from '../src/app/fit-transactions.ts';
import {
  churnReport,
  pilotReport,
  renewalReport,
  resolveAsOf,
  retentionReport,
} from '../src/app/lifecycle.ts';
import { loadMonthlyRevenue } from '../src/db/lifecycle-queries.ts';
import { openStore } from '../src/db/open-store.ts';

const ACCOUNTS = 20_000;
const SEED = 7;

type Row = { step: string; seconds: number; note: string };

/**
 * Times each lifecycle report on the demo data (20,000 accounts, seed 7, in memory) and
 * returns a markdown section for BENCHMARKS.md. The same-run baseline is the bare SQL load of
 * monthly revenue per account, which every revenue report starts with.
 */
export async function benchLifecycle(): Promise<string> {
  const store = await openStore(':memory:');
  const rows: Row[] = [];
  const time = async <T>(step: string, work: () => Promise<T>, note: (value: T) => string) => {
    const start = process.hrtime.bigint();
    const value = await work();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    rows.push({ step, seconds, note: note(value) });
    process.stderr.write(`  ${step}: ${seconds.toFixed(3)} s\n`);
    return value;
  };
  try {
    await time(
      `load the demo (${ACCOUNTS.toLocaleString('en-US')} accounts, seed ${SEED})`,
      () => loadDemo(store, { accounts: ACCOUNTS, seed: SEED }),
      (files) => `${files.reduce((s, f) => s + f.inserted, 0).toLocaleString('en-US')} records`,
    );
    const asOf = await resolveAsOf(store, undefined);
    await time(
      'load monthly revenue per account (baseline)',
      () => loadMonthlyRevenue(store, asOf),
      (r) => `${r.length.toLocaleString('en-US')} account-months`,
    );
    await time(
      'pilots',
      () => pilotReport(store, { asOf }),
      (r) => `${r.started.toLocaleString('en-US')} pilots, conversion ${percent(r.conversionRate)}`,
    );
    await time(
      'renewals',
      () => renewalReport(store, { asOf }),
      (r) =>
        `${r.totals.contracts.toLocaleString('en-US')} renewals, ${r.totals.atRisk.toLocaleString('en-US')} at risk`,
    );
    await time(
      'churn (GRR / NRR by month and year)',
      () => churnReport(store, { asOf }),
      (r) =>
        `GRR ${percent(r.latest?.grossRevenueRetention ?? null)}, NRR ${percent(r.latest?.netRevenueRetention ?? null)}, ${r.byMonth.length} months`,
    );
    await time(
      'retention (heat map by quarter + sBG per cohort)',
      () => retentionReport(store, { asOf, granularity: 'quarter' }),
      (r) =>
        `${r.heatMap.cohorts.length} cohorts; ${r.projection.cohorts.filter((c) => c.status === 'fitted').length} fitted`,
    );
    await time(
      'expected spend per account (BG/NBD × Gamma-Gamma)',
      () => expectedSpendByAccount(store, { asOf }),
      (m) => `${m.size.toLocaleString('en-US')} accounts`,
    );
  } finally {
    await store.close();
  }
  return [
    '## Lifecycle reports (`bench/lifecycle.ts`)',
    '',
    `Demo data, ${ACCOUNTS.toLocaleString('en-US')} accounts, in memory; each report includes its own SQL loads.`,
    '',
    '| step | seconds | notes |',
    '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.step} | ${r.seconds.toFixed(3)} | ${r.note} |`),
    '',
  ].join('\n');
}

function percent(share: number | null): string {
  return share === null ? '-' : `${(share * 100).toFixed(1)}%`;
}
