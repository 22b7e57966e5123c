import { fileURLToPath } from 'node:url';
import { fitTransactions } from '../src/app/fit-transactions.ts';
import {
  bgNbdCustomerLogLikelihood,
  bgNbdLogLikelihood,
  compileBgNbdData,
  fitBgNbd,
  type BgNbdParams,
} from '../src/core/models/bgnbd.ts';
import { fitGammaGamma, type GammaGammaParams } from '../src/core/models/gamma-gamma.ts';
import { createSeededRandom } from '../src/core/models/seeded-random.ts';
import { simulateBgNbdCustomers } from '../src/core/models/simulate-customers.ts';
import { createStepTimer, peakRssMiB } from './step-timer.ts';

const CUSTOMERS = 1_000_000;
const SEED = 20_050_401;
// the published CDNOW estimates (Fader, Hardie & Lee 2005, Marketing Science and JMR) as the truth
const TRUE_BGNBD: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
const TRUE_SPEND: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 };
const CDNOW_MASTER = fileURLToPath(
  new URL('../../shared/data/cdnow/CDNOW_master.txt', import.meta.url),
);

/**
 * Fits BG/NBD + Gamma-Gamma on 1,000,000 customers generated from known parameters (seeded)
 * and on the full CDNOW master file; prints each step's seconds and peak RSS on stderr as it
 * goes and returns a markdown section for BENCHMARKS.md. The same-run baseline is one log-likelihood evaluation per
 * customer against the grouped evaluation the fit uses.
 */
export async function benchFitModels(): Promise<string> {
  const { rows, time, note } = createStepTimer();

  const data = await time(
    `generate ${CUSTOMERS.toLocaleString('en-US')} customers (seed ${SEED})`,
    () =>
      simulateBgNbdCustomers(TRUE_BGNBD, {
        customers: CUSTOMERS,
        random: createSeededRandom(SEED),
        spend: TRUE_SPEND,
      }),
  );
  const compiled = await time('group identical (x, t_x, T)', () => compileBgNbdData(data));
  note(`${compiled.rowWeight.length.toLocaleString('en-US')} distinct histories`);

  const baselineStart = process.hrtime.bigint();
  let perCustomer = 0;
  for (let i = 0; i < CUSTOMERS; i += 1) {
    perCustomer += bgNbdCustomerLogLikelihood(TRUE_BGNBD, {
      x: data.x[i] ?? 0,
      tx: data.tx[i] ?? 0,
      T: data.T[i] ?? 0,
    });
  }
  const baselineSeconds = Number(process.hrtime.bigint() - baselineStart) / 1e9;
  const grouped = await time('one log-likelihood evaluation, grouped', () =>
    bgNbdLogLikelihood(TRUE_BGNBD, compiled),
  );
  rows.push({
    step: 'one log-likelihood evaluation, per customer (baseline)',
    seconds: baselineSeconds,
    note: `same value: ${Math.abs(grouped - perCustomer) < 1e-6 * Math.abs(perCustomer) ? 'yes' : 'NO'}`,
  });

  const bgNbd = await time('fit BG/NBD', () => fitBgNbd(compiled));
  const bgRecovered = recovered(TRUE_BGNBD, bgNbd, bgNbd.standardErrors);
  note(
    `${bgNbd.converged ? 'converged' : 'NOT converged'}; ${describe(TRUE_BGNBD, bgNbd)}; recovered: ${bgRecovered ? 'yes' : 'NO'}`,
  );

  const spend = await time('fit Gamma-Gamma', () => fitGammaGamma({ x: data.x, zbar: data.zbar }));
  const spendRecovered = recovered(TRUE_SPEND, spend.fit, spend.fit.standardErrors);
  note(
    `${spend.ok ? 'usable' : `rejected: ${spend.reason}`}; ${spend.diagnostics.customers.toLocaleString('en-US')} repeat buyers; ${describe(TRUE_SPEND, spend.fit)}; recovered: ${spendRecovered ? 'yes' : 'NO'}`,
  );

  const cdnow = await time(
    'CDNOW_master.txt: read, summarise (weeks, until 1997-09-30), fit both',
    () => fitTransactions(CDNOW_MASTER, { preset: 'cdnow', until: '1997-09-30', unit: 'week' }),
  );
  const cdnowFit = cdnow.bgNbd;
  note(
    `${cdnow.summary.customers.length.toLocaleString('en-US')} customers; BG/NBD r ${cdnowFit?.r.toFixed(3)}, α ${cdnowFit?.alpha.toFixed(3)}, a ${cdnowFit?.a.toFixed(3)}, b ${cdnowFit?.b.toFixed(3)}; Gamma-Gamma ${cdnow.spend?.ok ? 'usable' : 'rejected'}`,
  );

  const peakMiB = peakRssMiB();
  const million = rows
    .filter(
      (r) => r.step === 'fit BG/NBD' || r.step === 'fit Gamma-Gamma' || r.step.startsWith('group'),
    )
    .reduce((s, r) => s + r.seconds, 0);
  const table = [
    '## Fitting BG/NBD and Gamma-Gamma (`bench/fit-models.ts`)',
    '',
    `Group + fit of the million: ${million.toFixed(2)} s (aim: under 10 s). Peak RSS of the process: ${peakMiB.toFixed(0)} MiB. Truth: the published CDNOW estimates; "recovered" = every estimate within 4 standard errors or 3 % of the truth.`,
    '',
    '| step | seconds | notes |',
    '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.step} | ${r.seconds.toFixed(3)} | ${r.note} |`),
    '',
  ].join('\n');
  return table;
}

/** Peak resident set size of this process so far, in MiB (resourceUsage reports KiB). */

/** Recovered when every estimate is within 4 standard errors or 3 % of the truth. */
function recovered<P extends Record<string, number>>(
  truth: P,
  fit: P,
  standardErrors: { [K in keyof P]: number | null },
): boolean {
  return (Object.keys(truth) as (keyof P)[]).every((name) => {
    const t = Number(truth[name]);
    const e = Number(fit[name]);
    const se = standardErrors[name] ?? Number.POSITIVE_INFINITY;
    return Math.abs(e - t) <= Math.max(4 * se, 0.03 * Math.abs(t));
  });
}

function describe<P extends Record<string, number>>(truth: P, fit: P): string {
  return (Object.keys(truth) as (keyof P & string)[])
    .map((name) => `${name} ${Number(fit[name]).toFixed(3)} (true ${Number(truth[name])})`)
    .join(', ');
}
