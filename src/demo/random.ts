/**
 * Seeded randomness for the demo generator: independent pure-rand streams per
 * (seed, stream tag, index), and the few distributions the generator draws from.
 */

import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** Streams of the generator; each entity draws from its own so they stay independent. */
export const STREAMS = {
  account: 1,
  identity: 2,
  plan: 3,
  deal: 4,
  invoice: 5,
  contact: 6,
  activity: 7,
  ticket: 8,
  assessment: 9,
  competitor: 10,
  feature: 11,
  signal: 12,
  rep: 13,
} as const;

export type StreamName = keyof typeof STREAMS;

const UINT32_SCALE = 1 / 4294967296;
const TWO_PI = 2 * Math.PI;

/** murmur3's 32-bit finaliser: a bijective avalanche mix of a 32-bit integer. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** A caller's seed folded into two 32-bit words (safe integers keep all their bits). */
export type SeedKey = { readonly lo: number; readonly hi: number };

/** Folds a safe-integer seed into a SeedKey. */
export function seedKey(seed: number): SeedKey {
  const lo = mix32((seed % 4294967296) | 0);
  const hi = mix32(Math.floor(seed / 4294967296) ^ 0x5bd1e995);
  return { lo, hi };
}

/** A 32-bit hash of (seed, tag, index): for choices that need no stream. */
export function hashOf(key: SeedKey, tag: number, index: number): number {
  let h = mix32(key.lo ^ Math.imul(tag + 1, 0x9e3779b9));
  h = mix32(h ^ key.hi);
  h = mix32(h ^ Math.imul(index + 1, 0x165667b1));
  return h >>> 0;
}

/** A small mutable random source over one pure-rand generator. */
export class Rng {
  private readonly generator: RandomGenerator;

  constructor(generator: RandomGenerator) {
    this.generator = generator;
  }

  /** Uniform in [0, 1), 32 bits of resolution. */
  float(): number {
    return (this.generator.next() >>> 0) * UINT32_SCALE;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** Uniform integer in [lo, hi], both included. */
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.float() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + this.float() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.float() < p;
  }

  /** Standard normal (Box-Muller, one of the pair). */
  normal(): number {
    const u = 1 - this.float();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(TWO_PI * this.float());
  }

  /** Log-normal with median `median` and log-scale standard deviation `sigma`. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** Exponential waiting time with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.float());
  }

  /** Poisson count; Knuth's product method below 30, a rounded normal above. */
  poisson(lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda >= 30) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * this.normal()));
    const limit = Math.exp(-lambda);
    let count = 0;
    let product = this.float();
    while (product > limit) {
      count += 1;
      product *= this.float();
    }
    return count;
  }

  /** Index drawn with probability proportional to `weights[k]`. */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let target = this.float() * total;
    for (let k = 0; k < weights.length; k += 1) {
      target -= weights[k] ?? 0;
      if (target < 0) return k;
    }
    return weights.length - 1;
  }
}

/** The stream of `stream` for record `index` under `key`: same inputs, same draws. */
export function streamFor(key: SeedKey, stream: StreamName, index: number): Rng {
  const tag = STREAMS[stream] * 4;
  const a = hashOf(key, tag, index) | 0;
  const b = hashOf(key, tag + 1, index) | 0;
  const c = hashOf(key, tag + 2, index) | 0;
  const d = hashOf(key, tag + 3, index) | 0;
  // xoroshiro must not start from the all-zero state.
  const state = a === 0 && b === 0 && c === 0 && d === 0 ? [1, b, c, d] : [a, b, c, d];
  return new Rng(xoroshiro128plusFromState(state));
}
