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
