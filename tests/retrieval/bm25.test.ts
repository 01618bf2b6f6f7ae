import { describe, expect, it } from 'vitest';
import { stem } from '../../src/corpus/tokens.js';
import { Bm25Index } from '../../src/retrieval/bm25.js';
import { fuseKeepingLeaders, reciprocalRankFusion } from '../../src/retrieval/fusion.js';

describe('Bm25Index', () => {
  const index = new Bm25Index([
    'The mayor opened the bridge on Monday.',
    'The bridge cost 310 million dollars, the mayor said.',
    'Ferries will stop running in September.',
  ]);

  it('GIVEN a query THEN ranks documents by shared rare terms, best first', () => {
    const hits = index.search('ferries September', 3);
    expect(hits[0]?.index).toBe(2);
    expect(hits).toHaveLength(1);
  });

  it('GIVEN inflected and accented forms THEN matches them to their stems', () => {
    expect(index.search('bridges', 3).map((hit) => hit.index)).toEqual(expect.arrayContaining([0, 1]));
    expect(new Bm25Index(['José Jerí spoke.']).search('jose jeri', 1)[0]?.index).toBe(0);
  });

  it('GIVEN a term in every document THEN it weighs less than a term in one', () => {
    expect(index.idf(stem('bridge'))).toBeLessThan(index.idf(stem('ferries')));
    expect(index.idf('unseen')).toBeGreaterThan(index.idf(stem('ferries')));
  });

  it('GIVEN a filter THEN returns only accepted documents', () => {
    expect(index.search('mayor bridge', 3, (document) => document !== 0).map((hit) => hit.index)).toEqual([
      1,
    ]);
  });
});

describe('reciprocalRankFusion', () => {
  it('GIVEN two rankings THEN an item ranked well in both beats one ranked first in only one', () => {
    const fused = reciprocalRankFusion([
      ['a', 'b', 'c'],
      ['b', 'c', 'a'],
    ]);
    const order = [...fused].sort((left, right) => right[1] - left[1]).map(([key]) => key);
    expect(order[0]).toBe('b');
    expect(fused.get('b')).toBeCloseTo(1 / 62 + 1 / 61);
  });
});

describe('fuseKeepingLeaders', () => {
  // Items 10–19 are middling in both lists; item 1 leads the lexical list and is absent from the vector one.
  const middling = Array.from({ length: 10 }, (_, index) => 10 + index);
  const vector = [...middling];
  const lexical = [1, ...middling];

  it('GIVEN an item only one list ranks first THEN keeps it past the limit, in its fused place', () => {
    const fused = fuseKeepingLeaders([vector, lexical], { limit: 5 }).map(([key]) => key);
    expect(fused).toContain(1);
    expect(fused.slice(0, 5)).toEqual([10, 11, 12, 13, 14]);
  });

  it('GIVEN plain fusion THEN that item would have fallen past the limit', () => {
    const fused = fuseKeepingLeaders([vector, lexical], { limit: 5, leaders: 0 }).map(([key]) => key);
    expect(fused).toEqual([10, 11, 12, 13, 14]);
  });
});
