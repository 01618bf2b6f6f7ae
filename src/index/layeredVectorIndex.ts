import type { HnswVectorIndex } from './hnswIndex.js';
import { dot, type Neighbour, type VectorIndex } from './vectorIndex.js';

export interface DeltaVectors {
  /** Graph label of each row of `vectors`. */
  labels: readonly number[];
  /** Row-major, `labels.length × dimensions`. */
  vectors: Float32Array;
}

export interface RowMapping {
  /** The row of each graph label, or -1 for a label this generation does not serve. */
  rowOfLabel: Int32Array;
  /**
   * True when the graph holds labels of chunks that died after it was written. The graph file (and, in a
   * serving process, the graph in memory) is shared by the generations that followed, so their deaths are not
   * marked in it: searches filter them by row instead.
   */
  hasDeadLabels: boolean;
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
  private readonly removedRows = new Set<number>();
  private readonly liveCount: number;

  constructor(
    readonly dimensions: number,
    private readonly base: HnswVectorIndex | undefined,
    private readonly delta: DeltaVectors,
    private readonly mapping: RowMapping,
  ) {
    this.deltaNorms = new Float32Array(delta.labels.length);
    for (let row = 0; row < delta.labels.length; row++) {
      const vector = delta.vectors.subarray(row * dimensions, (row + 1) * dimensions);
      this.deltaNorms[row] = Math.sqrt(dot(vector, vector)) || 1;
    }
    let live = 0;
    for (const row of mapping.rowOfLabel) if (row >= 0) live++;
    this.liveCount = live;
  }

  get size(): number {
    return this.liveCount - this.removedRows.size;
  }

  add(): void {
    throw new Error('an index generation is immutable; reindex to add articles');
  }

  /** Hides a row from later searches (the graph itself is left as it is). Unknown rows are ignored. */
  remove(row: number): void {
    if (row >= 0 && row < this.liveCount) this.removedRows.add(row);
  }

  search(query: ArrayLike<number>, count: number, accept?: (row: number) => boolean): Neighbour[] {
    const wanted = Math.min(count, this.size);
    if (wanted <= 0) return [];
    const { rowOfLabel } = this.mapping;
    const acceptLabel = (label: number): boolean => {
      const row = rowOfLabel[label] ?? -1;
      return row >= 0 && !this.removedRows.has(row) && (accept === undefined || accept(row));
    };
    const hits: Neighbour[] = [];
    if (this.base && this.base.size > 0) {
      // Without a filter hnswlib skips only the points deleted in its file; a filter costs a JS call per
      // candidate, so it is passed only when something else must be skipped.
      const filtered = accept !== undefined || this.removedRows.size > 0 || this.mapping.hasDeadLabels;
      for (const hit of this.base.search(query, wanted, filtered ? acceptLabel : undefined)) {
        const row = rowOfLabel[hit.label] ?? -1;
        if (row >= 0) hits.push({ label: row, similarity: hit.similarity });
      }
    }
    const queryNorm = Math.sqrt(dot(query, query)) || 1;
    const { dimensions } = this;
    this.delta.labels.forEach((label, index) => {
      if (!acceptLabel(label)) return;
      const vector = this.delta.vectors.subarray(index * dimensions, (index + 1) * dimensions);
      hits.push({
        label: rowOfLabel[label] ?? -1,
        similarity: dot(query, vector) / (queryNorm * (this.deltaNorms[index] ?? 1)),
      });
    });
    return hits
      .sort((left, right) => right.similarity - left.similarity || left.label - right.label)
      .slice(0, wanted);
  }

  /** Row i's vector (normalised) in row i, from whichever layer holds it: for diagnostics and benchmarks. */
  rowVectors(): Float32Array {
    const { dimensions } = this;
    const vectors = new Float32Array(this.liveCount * dimensions);
    const deltaIndex = new Map(this.delta.labels.map((label, index) => [label, index]));
    this.mapping.rowOfLabel.forEach((row, label) => {
      if (row < 0) return;
      const inDelta = deltaIndex.get(label);
      const norm = inDelta === undefined ? 1 : (this.deltaNorms[inDelta] ?? 1);
      const vector =
        inDelta === undefined
          ? (this.base?.vector(label) ?? [])
          : this.delta.vectors.subarray(inDelta * dimensions, (inDelta + 1) * dimensions);
      for (let dimension = 0; dimension < dimensions; dimension++) {
        vectors[row * dimensions + dimension] = (vector[dimension] ?? 0) / norm;
      }
    });
    return vectors;
  }

  save(): Promise<void> {
    return Promise.reject(new Error('a generation is written by the index store, never saved on its own'));
  }
}
