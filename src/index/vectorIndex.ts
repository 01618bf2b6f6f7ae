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
  add(vector: ArrayLike<number>, label: number): void;
  /** Removes a label; a later search never returns it. Unknown labels are ignored. */
  remove(label: number): void;
  search(query: ArrayLike<number>, count: number, accept?: (label: number) => boolean): Neighbour[];
  save(file: string): Promise<void>;
}

/** Brute-force cosine search over every vector: exact, O(n) per query. */
export class ExactVectorIndex implements VectorIndex {
  private readonly vectors = new Map<number, Float32Array>();

  constructor(readonly dimensions: number) {}

  get size(): number {
    return this.vectors.size;
  }

  add(vector: ArrayLike<number>, label: number): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    this.vectors.set(label, Float32Array.from(vector));
  }

  remove(label: number): void {
    this.vectors.delete(label);
  }

  search(query: ArrayLike<number>, count: number, accept?: (label: number) => boolean): Neighbour[] {
    const queryNorm = Math.sqrt(dot(query, query)) || 1;
    const scored: Neighbour[] = [];
    for (const [label, vector] of this.vectors) {
      if (accept && !accept(label)) continue;
      const norm = Math.sqrt(dot(vector, vector)) || 1;
      scored.push({ label, similarity: dot(query, vector) / (queryNorm * norm) });
    }
    return scored
      .sort((left, right) => right.similarity - left.similarity || left.label - right.label)
      .slice(0, count);
  }

  save(): Promise<void> {
    return Promise.reject(new Error('ExactVectorIndex is rebuilt from stored vectors and is never saved'));
  }
}

export function dot(left: ArrayLike<number>, right: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < left.length; index++) sum += (left[index] ?? 0) * (right[index] ?? 0);
  return sum;
}
