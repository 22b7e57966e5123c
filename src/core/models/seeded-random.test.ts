import { describe, expect, it } from 'vitest';
import { createSeededRandom, sampleBeta, sampleGamma, sampleNormal } from './seeded-random.ts';

describe('createSeededRandom', () => {
  it('is reproducible for a seed and differs between seeds', () => {
    const a = createSeededRandom(1);
    const b = createSeededRandom(1);
    const c = createSeededRandom(2);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first);
  });

  it('is uniform on [0, 1): mean 1/2, variance 1/12 over 200,000 draws', () => {
    const random = createSeededRandom(123);
    let sum = 0;
    let sq = 0;
    const n = 200_000;
    let outside = 0;
    for (let i = 0; i < n; i += 1) {
      const u = random();
      if (!(u >= 0 && u < 1)) outside += 1;
      sum += u;
      sq += u * u;
    }
    expect(outside).toBe(0);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 3);
  });
});

describe('samplers', () => {
  const moments = (draw: () => number, n = 100_000): [number, number] => {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i += 1) {
      const v = draw();
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    return [mean, sq / n - mean * mean];
  };

  it('normal: mean 0, variance 1', () => {
    const random = createSeededRandom(5);
    const [mean, variance] = moments(() => sampleNormal(random));
    expect(mean).toBeCloseTo(0, 1);
    expect(variance).toBeCloseTo(1, 1);
  });

  it.each([
    [0.3, 2],
    [2.5, 0.5],
    [15, 3],
  ])('gamma(shape %d, rate %d): mean k/λ, variance k/λ²', (shape, rate) => {
    const random = createSeededRandom(7);
    const [mean, variance] = moments(() => sampleGamma(random, shape, rate));
    expect(mean / (shape / rate)).toBeCloseTo(1, 1);
    expect(variance / (shape / rate ** 2)).toBeCloseTo(1, 1);
  });

  it('beta(0.8, 2.4): mean a/(a+b), variance ab/((a+b)²(a+b+1))', () => {
    const random = createSeededRandom(9);
    const [a, b] = [0.8, 2.4];
    const [mean, variance] = moments(() => sampleBeta(random, a, b));
    expect(mean).toBeCloseTo(a / (a + b), 2);
    expect(variance).toBeCloseTo((a * b) / ((a + b) ** 2 * (a + b + 1)), 2);
  });
});
