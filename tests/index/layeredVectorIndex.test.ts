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
    const rowOfLabel = new Int32Array(202).fill(-1);
    [100, 101, 200, 201].forEach((label, row) => (rowOfLabel[label] = row));
    return new LayeredVectorIndex(2, base, delta, { rowOfLabel, hasDeadLabels: false });
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

  it('GIVEN a graph shared with a later generation THEN chunks that died since are filtered out by row, and their vectors are still read back by row', () => {
    const base = HnswVectorIndex.create(2, 8);
    base.add(unit(0), 100);
    base.add(unit(90), 101);
    base.add(unit(3), 102);
    // Label 102 died after the graph was written: the graph still holds it, this generation has no row for it.
    const rowOfLabel = new Int32Array(103).fill(-1);
    rowOfLabel[100] = 0;
    rowOfLabel[101] = 1;
    const index = new LayeredVectorIndex(
      2,
      base,
      { labels: [], vectors: new Float32Array(0) },
      {
        rowOfLabel,
        hasDeadLabels: true,
      },
    );
    expect(index.size).toBe(2);
    expect(index.search(unit(4), 3).map((hit) => hit.label)).toEqual([0, 1]);
    expect(Array.from(index.rowVectors()).map((value) => Math.round(value * 1000) / 1000)).toEqual([
      1, 0, 0, 1,
    ]);
  });
});
