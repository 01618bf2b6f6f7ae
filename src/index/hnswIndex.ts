// The only module that imports hnswlib-node: everything else sees the VectorIndex interface.
import hnswlib from 'hnswlib-node';
import type { Neighbour, VectorIndex } from './vectorIndex.js';

export interface HnswOptions {
  /** Graph degree (hnswlib's M). Default 16: recall ≥ 0.98 at 100k 100-d vectors with the ef below. */
  neighbours?: number;
  /** Candidate list size while building. Default 200. */
  efConstruction?: number;
  /** Candidate list size while searching; not saved by hnswlib, so it is set again after every load. Default 64. */
  efSearch?: number;
  /** Fixed so builds are reproducible. Default 100. */
  seed?: number;
}

const GROWTH = 1.5;

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
    return new HnswVectorIndex(graph, dimensions, options.efSearch ?? 64);
  }

  static async load(file: string, dimensions: number, options: HnswOptions = {}): Promise<HnswVectorIndex> {
    const graph = new hnswlib.HierarchicalNSW('cosine', dimensions);
    await graph.readIndex(file);
    return new HnswVectorIndex(graph, dimensions, options.efSearch ?? 64);
  }

  get size(): number {
    return this.graph.getCurrentCount() - this.removed.size;
  }

  add(vector: ArrayLike<number>, label: number): void {
    if (vector.length !== this.dimensions) {
      throw new RangeError(`vector has ${vector.length} dimensions, the index ${this.dimensions}`);
    }
    if (this.graph.getCurrentCount() >= this.graph.getMaxElements()) {
      this.graph.resizeIndex(Math.ceil(this.graph.getMaxElements() * GROWTH));
    }
    this.graph.addPoint(Array.from(vector), label);
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
