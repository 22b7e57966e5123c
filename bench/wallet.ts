import { createSeededRandom } from '../src/core/models/seeded-random.ts';
import { empiricalQuantile, pinballLoss } from '../src/core/wallet/empirical-quantile.ts';
import {
  fitWalletModel,
  fitWalletQuantiles,
  type WalletModel,
} from '../src/core/wallet/estimate-wallet.ts';
import {
  simulateWalletCustomers,
  type SimulatedWalletCustomer,
} from '../src/core/wallet/simulate-wallet-customers.ts';
import { createStepTimer, peakRssMiB } from './step-timer.ts';

const CUSTOMERS = 1_000_000;
const ACCOUNTS = 1_000_000;
const TRAIN_SEED = 20_070_812;
const HELD_OUT_SEED = 19_780_101;

/**
 * Fits the wallet model (q = 0.8) on 1,000,000 generated customers with a planted wallet
 * (seeded) and predicts for 1,000,000 held-out accounts; also fits 0.5 / 0.8 / 0.9 together.
 * Reports seconds per step, peak RSS, and the quality checks of data/README.md (held-out
 * calibration, pinball loss against the constant-quantile baseline, monotonicity across
 * quantiles, Spearman correlation with the planted wallet). The same-run baseline is a bare pass
 * that reads every customer's firmographics and takes log(1 + x) of them: the least any fit
 * must do. Returns a markdown section for BENCHMARKS.md.
 */
export async function benchWallet(): Promise<string> {
  const { rows, time, note } = createStepTimer();

  const train = await time(
    `generate ${CUSTOMERS.toLocaleString('en-US')} customers (seed ${TRAIN_SEED})`,
    () => simulateWalletCustomers({ customers: CUSTOMERS, random: createSeededRandom(TRAIN_SEED) }),
  );
  const heldOut = await time(
    `generate ${ACCOUNTS.toLocaleString('en-US')} held-out accounts (seed ${HELD_OUT_SEED})`,
    () =>
      simulateWalletCustomers({ customers: ACCOUNTS, random: createSeededRandom(HELD_OUT_SEED) }),
  );

  const checksum = await time('baseline: one bare pass over the firmographics', () => {
    let sum = 0;
    for (const c of train) {
      const f = c.firmographics;
      sum += Math.log1p(c.annualSpend) + Math.log1p(f.employees ?? 0);
      sum += Math.log1p(f.annualRevenue ?? 0) + (f.industry?.length ?? 0) + (f.region?.length ?? 0);
    }
    return sum;
  });
  note(`checksum ${checksum.toExponential(3)}`);

  const model = await time('fit q = 0.8', () => fitWalletModel(train, { quantile: 0.8 }));
  const description = model.describe();
  note(
    description.method === 'quantile-regression'
      ? `${description.fit.columns} columns, ${description.fit.iterations} Newton iterations (warm start on ${description.fit.warmStartRows?.toLocaleString('en-US') ?? 'all'} rows), h = ${description.fit.bandwidth.toFixed(4)}; elasticities employees ${description.numeric[0]?.coefficient?.toFixed(3)} (true 0.35), revenue ${description.numeric[1]?.coefficient?.toFixed(3)} (true 0.45)`
      : `FELL BACK to peer groups: ${description.reason}`,
  );
  const estimates = await time(`predict ${ACCOUNTS.toLocaleString('en-US')} accounts`, () =>
    predictAll(model, heldOut),
  );
  const fitPredictSeconds = rows
    .filter((r) => r.step === 'fit q = 0.8' || r.step.startsWith('predict '))
    .reduce((s, r) => s + r.seconds, 0);

  const quality = await time('quality checks (held-out)', () =>
    checkQuality(model, { train, heldOut, estimates }),
  );

  const set = await time('fit q = 0.5, 0.8, 0.9 together', () => fitWalletQuantiles(train));
  note(
    `methods ${set.models.map((m) => m.method).join(', ')}; separately fitted lines crossed for ${(100 * set.crossingShare).toFixed(3)} % of customers before sorting`,
  );
  const monotone = await time(
    `predict all three for ${ACCOUNTS.toLocaleString('en-US')} accounts`,
    () => {
      let violations = 0;
      const covered = [0, 0, 0];
      for (const c of heldOut) {
        const values = set.predict(c.firmographics);
        for (let k = 0; k < values.length; k += 1) {
          if (k > 0 && (values[k] ?? 0) < (values[k - 1] ?? 0)) violations += 1;
          if (c.annualSpend <= (values[k] ?? 0)) covered[k] = (covered[k] ?? 0) + 1;
        }
      }
      return { violations, coverage: covered.map((n) => n / heldOut.length) };
    },
  );
  note(
    `monotonicity violations after sorting: ${monotone.violations}; held-out coverage ${set.quantiles.map((q, k) => `${q}: ${monotone.coverage[k]?.toFixed(4)}`).join(', ')}`,
  );

  const peakMiB = peakRssMiB();
  const checks = [
    [
      'held-out calibration (share with spend ≤ estimate), aim 0.80 ± 0.03',
      quality.calibration.toFixed(4),
    ],
    ['in-sample calibration', model.diagnostics.calibration.toFixed(4)],
    [
      'held-out pinball loss, log(1 + spend): model / constant-quantile baseline',
      `${quality.loss.toFixed(4)} / ${quality.baselineLoss.toFixed(4)} (ratio ${(quality.loss / quality.baselineLoss).toFixed(3)})`,
    ],
    ['Spearman(estimate, planted wallet), aim > 0.8', quality.spearman.toFixed(4)],
    ['0.5 ≤ 0.8 ≤ 0.9 violations after sorting', String(monotone.violations)],
  ];
  return [
    '## Wallet estimation (`bench/wallet.ts`)',
    '',
    `Fit (q = 0.8) on ${CUSTOMERS.toLocaleString('en-US')} customers + predict for ${ACCOUNTS.toLocaleString('en-US')} accounts: ${fitPredictSeconds.toFixed(2)} s on one core (aim: a few seconds). Peak RSS of the process: ${peakMiB.toFixed(0)} MiB. Data: generated with a planted wallet (log-linear in log employees and revenue, industry and region effects), spend = wallet × Beta(2, 3).`,
    '',
    '| step | seconds | notes |',
    '| --- | ---: | --- |',
    ...rows.map((r) => `| ${r.step} | ${r.seconds.toFixed(3)} | ${r.note} |`),
    '',
    '| check | value |',
    '| --- | --- |',
    ...checks.map(([name, value]) => `| ${name} | ${value} |`),
    '',
  ].join('\n');
}

function predictAll(
  model: WalletModel,
  accounts: readonly SimulatedWalletCustomer[],
): Float64Array {
  const out = new Float64Array(accounts.length);
  for (let i = 0; i < accounts.length; i += 1) {
    const account = accounts[i];
    if (account) out[i] = model.predict(account.firmographics);
  }
  return out;
}

function checkQuality(
  model: WalletModel,
  data: {
    train: readonly SimulatedWalletCustomer[];
    heldOut: readonly SimulatedWalletCustomer[];
    estimates: Float64Array;
  },
): { calibration: number; loss: number; baselineLoss: number; spearman: number } {
  const { train, heldOut, estimates } = data;
  const q = model.quantile;
  const constant = empiricalQuantile(
    Float64Array.from(train, (c) => Math.log1p(c.annualSpend)),
    q,
  );
  let covered = 0;
  let loss = 0;
  let baselineLoss = 0;
  heldOut.forEach((c, i) => {
    const estimate = estimates[i] ?? 0;
    if (c.annualSpend <= estimate) covered += 1;
    const y = Math.log1p(c.annualSpend);
    loss += pinballLoss(y, Math.log1p(estimate), q);
    baselineLoss += pinballLoss(y, constant, q);
  });
  const n = heldOut.length;
  return {
    calibration: covered / n,
    loss: loss / n,
    baselineLoss: baselineLoss / n,
    spearman: spearman(
      estimates,
      Float64Array.from(heldOut, (c) => c.wallet),
    ),
  };
}

/** Spearman's rank correlation with average ranks for ties. */
function spearman(a: Float64Array, b: Float64Array): number {
  const ra = ranks(a);
  const rb = ranks(b);
  const mean = (a.length - 1) / 2;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < a.length; i += 1) {
    const x = (ra[i] ?? 0) - mean;
    const y = (rb[i] ?? 0) - mean;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

function ranks(values: Float64Array): Float64Array {
  const order = new Uint32Array(values.length).map((_, i) => i);
  order.sort((i, j) => (values[i] ?? 0) - (values[j] ?? 0));
  const out = new Float64Array(values.length);
  for (let i = 0; i < order.length;) {
    let j = i;
    while (j + 1 < order.length && values[order[j + 1] ?? 0] === values[order[i] ?? 0]) j += 1;
    for (let k = i; k <= j; k += 1) out[order[k] ?? 0] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}

/** Peak resident set size of this process so far, in MiB (resourceUsage reports KiB). */
