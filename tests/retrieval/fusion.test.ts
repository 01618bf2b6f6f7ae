import { describe, expect, it } from 'vitest';
import { fuseKeepingLeaders, reciprocalRankFusion } from '../../src/retrieval/fusion.js';

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
