import type { HnswVectorIndex } from './hnswIndex.js';
import { dot, type Neighbour, type VectorIndex } from './vectorIndex.js';

export interface DeltaVectors {
  /** Graph label of each row of `vectors`. */
  labels: readonly number[];
  /** Row-major, `labels.length × dimensions`. */
  vectors: Float32Array;
}

/**
 * The vectors of one index generation as retrieval sees them: labels are the rows of the store (0..n-1), whatever
 * labels the points carry on disk. Two layers: the HNSW graph written at the last full or merged build, and the
 * few vectors added since, which are scanned exactly. Keeping recent additions out of the graph is what makes a
 * small reindex cheap: the graph file is shared with the previous generation untouched, and the serving process
 * never runs hnswlib's synchronous `addPoint` on its event loop.
 *
 * Immutable once built (a reindex swaps in a new generation instead), so `add` refuses.
 */
export class LayeredVectorIndex implements VectorIndex {
  private readonly deltaNorms: Float32Array;
  private readonly rowOfLabel: Map<number, number>;
  private removedRows = 0;

  constructor(
    readonly dimensions: number,
    private readonly base: HnswVectorIndex | undefined,
    private readonly delta: DeltaVectors,
    rowOfLabel: ReadonlyMap<number, number>,
  ) {
    this.rowOfLabel = new Map(rowOfLabel);
    this.deltaNorms = new Float32Array(delta.labels.length);
    for (let row = 0; row < delta.labels.length; row++) {
      const vector = delta.vectors.subarray(row * dimensions, (row + 1) * dimensions);
      this.deltaNorms[row] = Math.sqrt(dot(vector, vector)) || 1;
    }
  }

  get size(): number {
    return this.rowOfLabel.size;
  }

  add(): void {
    throw new Error('an index generation is immutable; reindex to add articles');
  }

  /** Hides a row from later searches (the graph itself is left as it is). Unknown rows are ignored. */
  remove(row: number): void {
    for (const [label, candidate] of this.rowOfLabel) {
      if (candidate !== row) continue;
      this.rowOfLabel.delete(label);
      this.removedRows++;
      return;
    }
  }

  search(query: ArrayLike<number>, count: number, accept?: (row: number) => boolean): Neighbour[] {
    const wanted = Math.min(count, this.size);
    if (wanted <= 0) return [];
    const acceptLabel = (label: number): boolean => {
      const row = this.rowOfLabel.get(label);
      return row !== undefined && (accept === undefined || accept(row));
    };
    const hits: Neighbour[] = [];
    if (this.base && this.base.size > 0) {
      // Without a caller's filter, hnswlib already skips deleted points; a filter costs a JS call per candidate.
      const filter = accept !== undefined || this.removedRows > 0 ? acceptLabel : undefined;
      for (const hit of this.base.search(query, wanted, filter)) {
        const row = this.rowOfLabel.get(hit.label);
        if (row !== undefined) hits.push({ label: row, similarity: hit.similarity });
      }
    }
    const queryNorm = Math.sqrt(dot(query, query)) || 1;
    const { dimensions } = this;
    this.delta.labels.forEach((label, index) => {
      if (!acceptLabel(label)) return;
      const row = this.rowOfLabel.get(label);
      if (row === undefined) return;
      const vector = this.delta.vectors.subarray(index * dimensions, (index + 1) * dimensions);
      hits.push({ label: row, similarity: dot(query, vector) / (queryNorm * (this.deltaNorms[index] ?? 1)) });
    });
    return hits
      .sort((left, right) => right.similarity - left.similarity || left.label - right.label)
      .slice(0, wanted);
  }

  save(): Promise<void> {
    return Promise.reject(new Error('a generation is written by the index store, never saved on its own'));
  }
}
