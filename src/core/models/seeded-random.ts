/** A source of uniform numbers in [0, 1); inject one wherever a model simulates. */
export type Random = () => number;

/**
 * Returns a seeded uniform generator on [0, 1) (sfc32 with a splitmix32 seed expansion;
 * 2^-32 resolution), so simulations and tests are reproducible.
 */
export function createSeededRandom(seed: number): Random {
  let s = seed >>> 0;
  const splitmix = (): number => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = 1;
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  // discard the first outputs: sfc32 mixes its state during the first dozen steps
  for (let i = 0; i < 12; i += 1) next();
  return next;
}

/** Standard normal draw (Marsaglia polar method). */
export function sampleNormal(random: Random): number {
  for (;;) {
    const u = 2 * random() - 1;
    const v = 2 * random() - 1;
    const s = u * u + v * v;
    if (s > 0 && s < 1) return u * Math.sqrt((-2 * Math.log(s)) / s);
  }
}

/**
 * Gamma(shape, rate) draw, mean shape / rate (Marsaglia & Tsang 2000; shape < 1 boosted by
 * U^(1/shape)).
 */
export function sampleGamma(random: Random, shape: number, rate: number): number {
  if (shape < 1) {
    const u = 1 - random();
    return sampleGamma(random, shape + 1, rate) * Math.pow(u, 1 / shape);
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = sampleNormal(random);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = 1 - random();
    if (u < 1 - 0.0331 * x * x * x * x) return (d * v) / rate;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return (d * v) / rate;
  }
}

/** Beta(a, b) draw as G_a / (G_a + G_b); never exactly 0 or 1 unless underflow. */
export function sampleBeta(random: Random, a: number, b: number): number {
  const x = sampleGamma(random, a, 1);
  const y = sampleGamma(random, b, 1);
  const sum = x + y;
  // both draws can underflow to 0 when a and b are tiny; fall back to the mean
  return sum > 0 ? x / sum : a / (a + b);
}
