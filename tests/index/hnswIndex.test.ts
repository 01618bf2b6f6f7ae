import { describe, expect, it } from 'vitest';
import { defaultEfSearch } from '../../src/index/hnswIndex.js';

describe('the candidate list a graph searches with by default', () => {
  it('never falls below 128, where small graphs are searched all but exhaustively', () => {
    expect(defaultEfSearch(0)).toBe(128);
    expect(defaultEfSearch(22)).toBe(128);
    expect(defaultEfSearch(2_000)).toBe(128);
  });

  it('grows with the depth of the graph, reaching the 640 a million chunks need for recall@10 ≥ 0.98', () => {
    const sizes = [10_000, 100_000, 1_000_000, 10_000_000];
    const efs = sizes.map(defaultEfSearch);
    expect(efs).toEqual([...efs].sort((left, right) => left - right));
    expect(new Set(efs).size).toBe(sizes.length);
    expect(defaultEfSearch(100_000)).toBeGreaterThanOrEqual(256);
    expect(defaultEfSearch(1_000_000)).toBeGreaterThanOrEqual(640);
  });
});
