import { sampleBeta, sampleNormal, type Random } from '../models/seeded-random.ts';
import type { Firmographics, WalletCustomer } from './firmographic-design.ts';

/** A generated customer with its planted wallet (money per year), which spend never reveals directly. */
export type SimulatedWalletCustomer = WalletCustomer & { wallet: number };

/** Options of {@link simulateWalletCustomers}; each field documents its default. */
export type SimulateWalletOptions = {
  customers: number;
  random: Random;
  /** Chance that each firmographic field is null, independently (default 0.05). */
  missingShare?: number;
  /** When false the wallet ignores the firmographics: no signal to find (default true). */
  signal?: boolean;
  /** Standard deviation of the wallet's log not explained by firmographics (default 0.3). */
  walletNoise?: number;
};

/** Industries in order of popularity (the generator draws the first ones more often). */
export const SIMULATED_INDUSTRIES = [
  'Manufacturing',
  'Software',
  'Retail',
  'Healthcare',
  'Financial Services',
  'Logistics',
  'Energy',
  'Education',
  'Telecom',
  'Construction',
  'Media',
  'Agriculture',
] as const;
export const SIMULATED_REGIONS = [
  'EMEA',
  'North America',
  'LATAM',
  'APAC',
  'Nordics',
  'ANZ',
] as const;

/**
 * Generates customers with a planted wallet: log wallet = 2.5 + 0.35 log(1 + employees)
 * + 0.45 log(1 + revenue) + industry effect (−0.6…0.6) + region effect (−0.3…0.3) + N(0, noise²);
 * annual spend = wallet × share with share ~ Beta(2, 3) (mean 40 %). Employees are log-normal
 * (median 90), revenue ≈ employees × $130k with log-normal spread. Pure: all draws come from
 * `random`. Used by the tests and the benchmark.
 */
export function simulateWalletCustomers(options: SimulateWalletOptions): SimulatedWalletCustomer[] {
  const { customers, random } = options;
  const missingShare = options.missingShare ?? 0.05;
  const signal = options.signal ?? true;
  const walletNoise = options.walletNoise ?? 0.3;
  const industryWeights = SIMULATED_INDUSTRIES.map((_, i) => 1 / (i + 1));
  const totalWeight = industryWeights.reduce((a, b) => a + b, 0);
  const out: SimulatedWalletCustomer[] = new Array<SimulatedWalletCustomer>(customers);
  for (let i = 0; i < customers; i += 1) {
    const employees = Math.max(1, Math.round(Math.exp(4.5 + 1.5 * sampleNormal(random))));
    const annualRevenue = Math.round(employees * Math.exp(11.8 + 0.6 * sampleNormal(random)));
    let pick = random() * totalWeight;
    let industry = 0;
    while (industry < industryWeights.length - 1 && pick >= (industryWeights[industry] ?? 0)) {
      pick -= industryWeights[industry] ?? 0;
      industry += 1;
    }
    const region = Math.floor(random() * SIMULATED_REGIONS.length);
    const industryEffect = -0.6 + (1.2 * industry) / (SIMULATED_INDUSTRIES.length - 1);
    const regionEffect = -0.3 + (0.6 * region) / (SIMULATED_REGIONS.length - 1);
    const explained = signal
      ? 2.5 +
        0.35 * Math.log1p(employees) +
        0.45 * Math.log1p(annualRevenue) +
        industryEffect +
        regionEffect
      : 11.4 + 1.5 * sampleNormal(random);
    const wallet = Math.exp(explained + walletNoise * sampleNormal(random));
    const annualSpend = wallet * sampleBeta(random, 2, 3);
    const firmographics: Firmographics = {
      industry: random() < missingShare ? null : (SIMULATED_INDUSTRIES[industry] ?? null),
      region: random() < missingShare ? null : (SIMULATED_REGIONS[region] ?? null),
      employees: random() < missingShare ? null : employees,
      annualRevenue: random() < missingShare ? null : annualRevenue,
    };
    out[i] = { firmographics, annualSpend, wallet };
  }
  return out;
}
