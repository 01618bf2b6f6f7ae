/**
 * Reciprocal rank fusion (Cormack, Clarke & Büttcher, 2009): an item's fused score is Σ_lists 1 / (k + rank),
 * rank starting at 1. It needs no score calibration between lists (cosine similarities and BM25 scores live on
 * different scales), and k = 60 damps the influence of any single list's top ranks, as the paper recommends.
 */
export function reciprocalRankFusion<Key>(
  rankings: readonly (readonly Key[])[],
  { k = 60, weights }: { k?: number; weights?: readonly number[] } = {},
): Map<Key, number> {
  const fused = new Map<Key, number>();
  rankings.forEach((ranking, list) => {
    const weight = weights?.[list] ?? 1;
    ranking.forEach((key, position) => {
      fused.set(key, (fused.get(key) ?? 0) + weight / (k + position + 1));
    });
  });
  return fused;
}

/**
 * The best `limit` items by reciprocal rank fusion, in fused order, together with each list's first `leaders`
 * wherever fusion ranks them. Fusion favours items that every list ranks fairly well; an item only one list
 * puts at its top (a passage with the question's rare name and word, worded unlike it) would otherwise fall
 * past the limit behind many middling ones.
 */
export function fuseKeepingLeaders(
  rankings: readonly (readonly number[])[],
  { limit, leaders = 3 }: { limit: number; leaders?: number },
): [number, number][] {
  const byFusion = [...reciprocalRankFusion(rankings)].sort(
    (left, right) => right[1] - left[1] || left[0] - right[0],
  );
  const kept = new Set([
    ...byFusion.slice(0, limit).map(([key]) => key),
    ...rankings.flatMap((ranking) => ranking.slice(0, leaders)),
  ]);
  return byFusion.filter(([key]) => kept.has(key));
}
