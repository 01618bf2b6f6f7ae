// The only module that imports hnswlib-node: everything else sees the VectorIndex interface.
import hnswlib from 'hnswlib-node';
import type { Neighbour, VectorIndex } from './vectorIndex.js';

export interface HnswOptions {
  /** Graph degree (hnswlib's M). Default 16. */
  neighbours?: number;
  /** Candidate list size while building. Default 200. */
  efConstruction?: number;
  /**
   * Candidate list size while searching; not saved by hnswlib, so it is set again after every load.
   * Default: grows with the graph (`defaultEfSearch`).
   */
  efSearch?: number;
  /** Fixed so builds are reproducible. Default 100. */
  seed?: number;
}

const GROWTH = 1.5;

/**
 * The candidate list a graph of `points` vectors needs for recall@10 ≥ 0.98 against exact search (ties within
 * 0.001 counted, as ann-benchmarks does): a greedy walk through a bigger graph passes more near-misses, so the
 * list grows with the graph's depth, 64 per doubling past a thousand points. Measured on news-like SIF vectors
 * (`npm run bench`): 100,000 chunks reach 0.98 near ef 256 (this gives 448); a million need 640 (0.988, 1.3 ms
 * a search, where 320 gave 0.966). Never below 128: small graphs are searched all but exhaustively anyway.
 */
export function defaultEfSearch(points: number): number {
  return Math.max(128, 64 * Math.ceil(Math.log2(Math.max(1, points) / 1000)));
}

/** hnswlib's HNSW graph in cosine space; hnswlib reports distance = 1 − cosine, turned back into similarity here. */
export class HnswVectorIndex implements VectorIndex {
  private readonly removed = new Set<number>();

  private constructor(
    private readonly graph: hnswlib.HierarchicalNSW,
    readonly dimensions: number,
    private readonly efSearch: number,
  ) {
    graph.setEf(efSearch);
  }

  static create(dimensions: number, capacity: number, options: HnswOptions = {}): HnswVectorIndex {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    graph.initIndex({
      maxElements: Math.max(16, capacity),
      m: options.neighbours ?? 16,
      efConstruction: options.efConstruction ?? 200,
      randomSeed: options.seed ?? 100,
      allowReplaceDeleted: false,
    });
    return new HnswVectorIndex(graph, dimensions, options.efSearch ?? defaultEfSearch(capacity));
  }

  /**
   * Reads a graph written by `save`. `deletedInFile` names the labels already marked deleted in the file:
   * hnswlib keeps the marks but offers no way to list them, and they must not count in `size`.
   */
  static async load(
    file: string,
    dimensions: number,
    options: HnswOptions & { deletedInFile?: Iterable<number> } = {},
  ): Promise<HnswVectorIndex> {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await graph.readIndex(file);
    const index = new HnswVectorIndex(
      graph,
      dimensions,
      options.efSearch ?? defaultEfSearch(graph.getCurrentCount()),
    );
    for (const label of options.deletedInFile ?? []) index.removed.add(label);
    return index;
  }

  get size(): number {
    return this.graph.getCurrentCount() - this.removed.size;
  }

  /** Points stored, deleted ones included: what the file holds. */
  get storedCount(): number {
    return this.graph.getCurrentCount();
  }

  /** Every label stored, deleted ones included. */
  labels(): number[] {
    return this.graph.getIdsList();
  }

  isRemoved(label: number): boolean {
    return this.removed.has(label);
  }

  /** The stored vector of a live label; hnswlib keeps cosine vectors normalised, which is all search needs. */
  vector(label: number): number[] {
    return this.graph.getPoint(label);
  }

  /** Grows the capacity once before a bulk add, instead of several times by `GROWTH` while adding. */
  reserve(additional: number): void {
    const needed = this.graph.getCurrentCount() + additional;
    if (needed > this.graph.getMaxElements()) this.graph.resizeIndex(needed);
  }

  add(vector: ArrayLike<number>, label: number): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) {
      this.graph.resizeIndex(Math.ceil(this.graph.getMaxElements() * GROWTH));
    }
    this.graph.addPoint(Array.from(vector), label);
    // hnswlib's addPoint on a deleted label replaces its vector and un-deletes it; the count must follow.
    this.removed.delete(label);
  }

  remove(label: number): void {
    if (this.removed.has(label)) return;
    try {
      this.graph.markDelete(label);
      this.removed.add(label);
    } catch {
      // hnswlib throws for a label it never had; removing nothing is the contract.
    }
  }

  search(query: ArrayLike<number>, count: number, accept?: (label: number) => boolean): Neighbour[] {
    const available = this.size;
    if (available === 0 || count <= 0) return [];
    const wanted = Math.min(count, available);
    // A filter can leave fewer than ef candidates; widen ef for this query so it still finds `wanted`.
    if (wanted > this.efSearch) this.graph.setEf(wanted);
    const result = this.graph.searchKnn(Array.from(query), wanted, accept);
    if (wanted > this.efSearch) this.graph.setEf(this.efSearch);
    return result.neighbors
      .map((label, index) => ({ label, similarity: 1 - (result.distances[index] ?? 1) }))
      .sort((left, right) => right.similarity - left.similarity || left.label - right.label);
  }

  async save(file: string): Promise<void> {
    await this.graph.writeIndex(file);
  }
}
