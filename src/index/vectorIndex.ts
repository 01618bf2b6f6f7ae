/** A nearest neighbour: `label` is the caller's integer id; `similarity` is cosine similarity (1 = same direction). */
export interface Neighbour {
  label: number;
  similarity: number;
}

/**
 * The one capability retrieval needs from a vector store: add labelled unit vectors, find the nearest.
 * Two implementations share a contract suite: the hnswlib graph (approximate, fast) and an exact scan
 * (the reference the graph's recall is measured against).
 */
export interface VectorIndex {
  readonly dimensions: number;
  readonly size: number;
  /** Adds a vector under `label`, replacing the vector already there. Throws `RangeError` on a wrong length. */
  add(vector: ArrayLike<number>, label: number): void;
  /** Removes a label; a later search never returns it. Unknown labels are ignored. */
  remove(label: number): void;
  /**
   * The `count` nearest vectors by cosine similarity, best first (ties by label), among those `accept` keeps.
   * Fewer when fewer are stored or accepted. Throws `RangeError` when `query` has the wrong length.
   */
  search(query: ArrayLike<number>, count: number, accept?: (label: number) => boolean): Neighbour[];
  save(file: string): Promise<void>;
}

/**
 * Brute-force cosine search over every vector: exact, O(n · dimensions) per query. Vectors are stored
 * normalised, so a query costs one dot product per vector and a bounded top-k list, not a sort of all n.
 */
export class ExactVectorIndex implements VectorIndex {
  private readonly vectors = new Map<number, Float32Array>();

  constructor(readonly dimensions: number) {}

  get size(): number {
    return this.vectors.size;
  }

  add(vector: ArrayLike<number>, label: number): void {
    this.checkLength(vector, 'vector');
    const norm = Math.sqrt(dot(vector, vector));
    // A zero vector stays zero: similarity 0 to everything, as hnswlib's cosine space treats it.
    this.vectors.set(
      label,
      Float32Array.from(vector, (value) => (norm === 0 ? 0 : value / norm)),
    );
  }

  remove(label: number): void {
    this.vectors.delete(label);
  }

  search(query: ArrayLike<number>, count: number, accept?: (label: number) => boolean): Neighbour[] {
    this.checkLength(query, 'query');
    if (count <= 0) return [];
    const queryNorm = Math.sqrt(dot(query, query)) || 1;
    const unitQuery = Float32Array.from(query, (value) => value / queryNorm);
    // Kept sorted best first; a candidate enters only if it beats the current worst.
    const best: Neighbour[] = [];
    for (const [label, vector] of this.vectors) {
      if (accept && !accept(label)) continue;
      const candidate = { label, similarity: dot(unitQuery, vector) };
      const worst = best[best.length - 1];
      if (best.length === count && worst && compareNeighbours(candidate, worst) >= 0) continue;
      let position = best.length;
      while (position > 0 && compareNeighbours(candidate, best[position - 1] as Neighbour) < 0) position--;
      best.splice(position, 0, candidate);
      if (best.length > count) best.pop();
    }
    return best;
  }

  save(): Promise<void> {
    return Promise.reject(new Error('ExactVectorIndex is rebuilt from stored vectors and is never saved'));
  }

  private checkLength(vector: ArrayLike<number>, what: string): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`${what} has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
  }
}

/** Higher similarity first, then the lower label, so equal scores come back in a stable order. */
function compareNeighbours(left: Neighbour, right: Neighbour): number {
  return right.similarity - left.similarity || left.label - right.label;
}

export function dot(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
