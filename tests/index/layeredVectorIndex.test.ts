import { describe, expect, it } from 'vitest';
import { HnswVectorIndex } from '../../src/index/hnswIndex.js';
import { LayeredVectorIndex } from '../../src/index/layeredVectorIndex.js';

describe('LayeredVectorIndex', () => {
  const unit = (degrees: number): number[] => [
    Math.cos((degrees * Math.PI) / 180),
    Math.sin((degrees * Math.PI) / 180),
  ];

  function layered(): LayeredVectorIndex {
    const base = HnswVectorIndex.create(2, 8);
    base.add(unit(0), 100);
    base.add(unit(90), 101);
    base.add(unit(45), 102);
    base.remove(102);
    const delta = { labels: [200, 201], vectors: Float32Array.from([...unit(10), ...unit(170)]) };
    // Rows are the store's order, whatever labels the points carry on disk.
    return new LayeredVectorIndex(
      2,
      base,
      delta,
      new Map([
        [100, 0],
        [101, 1],
        [200, 2],
        [201, 3],
      ]),
    );
  }

  it('GIVEN a graph and a delta layer THEN search merges both by similarity and answers in rows', () => {
    const index = layered();
    expect(index.size).toBe(4);
    expect(index.search(unit(5), 4).map((hit) => hit.label)).toEqual([0, 2, 1, 3]);
    expect(index.search(unit(5), 1)[0]?.similarity).toBeCloseTo(Math.cos((5 * Math.PI) / 180), 5);
  });

  it('GIVEN a filter on rows THEN only accepted rows come back, from either layer', () => {
    const index = layered();
    expect(index.search(unit(5), 4, (row) => row % 2 === 1).map((hit) => hit.label)).toEqual([1, 3]);
  });

  it('GIVEN a removed row THEN it is never returned and no longer counted; add refuses', () => {
    const index = layered();
    index.remove(2);
    index.remove(0);
    expect(index.size).toBe(2);
    expect(index.search(unit(5), 4).map((hit) => hit.label)).toEqual([1, 3]);
    expect(() => index.add()).toThrow('immutable');
  });
});
