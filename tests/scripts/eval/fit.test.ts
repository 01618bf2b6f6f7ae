import { describe, expect, it } from 'vitest';
import { fitLogistic, fitRanker, sigmoid } from '../../../scripts/eval/fit.js';

/** A deterministic pseudo-random sequence (a linear congruential generator), so the data is the same each run. */
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

describe('fitLogistic', () => {
  it('GIVEN labels drawn from a known logistic model THEN recovers its weights and intercept closely', () => {
    const next = random(7);
    const rows = Array.from({ length: 4000 }, () => {
      const values = [next() * 2 - 1, next() * 2 - 1];
      const probability = sigmoid(3 * (values[0] ?? 0) - 2 * (values[1] ?? 0) + 0.5);
      return { values, label: next() < probability, weight: 1 };
    });
    const [first = 0, second = 0, intercept = 0] = fitLogistic(rows, { l2: 0 });
    expect(first).toBeCloseTo(3, 0);
    expect(second).toBeCloseTo(-2, 0);
    expect(intercept).toBeCloseTo(0.5, 0);
  });

  it('GIVEN weighted rows THEN a heavier row pulls the fit towards its label', () => {
    const rows = [
      { values: [1], label: true, weight: 1 },
      { values: [1], label: false, weight: 1 },
    ];
    const even = fitLogistic(rows);
    const leaning = fitLogistic([rows[0]!, { ...rows[1]!, weight: 3 }]);
    expect(sigmoid((leaning[0] ?? 0) + (leaning[1] ?? 0))).toBeLessThan(
      sigmoid((even[0] ?? 0) + (even[1] ?? 0)),
    );
  });
});

describe('fitLogistic with signs', () => {
  it('GIVEN a feature constrained to push up that the data pushes down THEN its weight is held at zero', () => {
    const next = random(3);
    const rows = Array.from({ length: 2000 }, () => {
      const values = [next(), next()];
      const probability = sigmoid(2 * (values[0] ?? 0) - 2 * (values[1] ?? 0));
      return { values, label: next() < probability, weight: 1 };
    });
    const free = fitLogistic(rows, { l2: 0 });
    expect(free[1]).toBeLessThan(-1);
    const constrained = fitLogistic(rows, { l2: 0, signs: [1, 1] });
    expect(constrained[1]).toBe(0);
    expect(constrained[0]).toBeGreaterThan(0.5);
  });
});

describe('fitRanker', () => {
  it('GIVEN lists whose positive has the higher first feature THEN weighs that feature up and the noise down', () => {
    const next = random(11);
    const lists = Array.from({ length: 200 }, () => {
      const rows = Array.from({ length: 6 }, () => [next(), next()]);
      const best = rows.reduce((top, row, index) => ((row[0] ?? 0) > (rows[top]?.[0] ?? 0) ? index : top), 0);
      return { rows, positive: rows.map((_, index) => index === best), weight: 1 };
    });
    const [signal = 0, noise = 0] = fitRanker(lists);
    expect(signal).toBeGreaterThan(3);
    expect(Math.abs(noise)).toBeLessThan(signal / 4);
  });
});
