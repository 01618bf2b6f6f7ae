import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import { words as tokenize } from '../corpus/tokens.js';
import type { WordVectorTable } from './wordVectorCache.js';

export interface WordVectorEmbeddingsOptions extends EmbeddingsParams {
  /**
   * Smooth inverse frequency constant `a` of Arora et al. (2017): a word of corpus probability p weighs
   * a / (a + p), so "the" counts ~1% of a rare word. Default 1e-3, the paper's recommended range.
   */
  smoothing?: number;
  /**
   * How much a word missing from the vocabulary (a rare name, a typo) counts, as a fixed pseudo-random
   * direction of its own: exact matches of such words still bring texts together. Default 0.6.
   */
  unknownWordWeight?: number;
  /**
   * Remove the direction every averaged vector leans towards from what `embed` returns (SIF's second step).
   * Default true: stored and query vectors then spread out (two unrelated sentences ~0.17 apart instead of
   * ~0.74), which the HNSW graph needs to find true neighbours in a large corpus.
   */
  removeCommonDirection?: boolean;
}

/** How many of the most frequent words estimate the direction every text leans towards. */
const COMMON_DIRECTION_WORDS = 50_000;

/** Words whose table row is remembered: ~100 bytes each, so at most ~20 MB, past any news corpus's vocabulary. */
const ROWS_REMEMBERED = 200_000;

/**
 * Sentence embeddings from pre-trained word vectors: the SIF-weighted mean of the words' vectors,
 * L2-normalised. Offline and deterministic; it knows that "envoy" is near "ambassador" and "prison" near
 * "behind bars" because the vectors were trained on co-occurrence, which shared-word matching cannot know.
 *
 * Word probabilities come from the vocabulary's frequency order (Zipf's law: p(rank) ≈ 1 / (rank · H)).
 *
 * For vector search, `embed` also removes the common direction: the expected SIF vector of running text,
 * Σ p(w)·weight(w)·v(w) over the 50,000 most frequent words, a function of the vocabulary alone, so every corpus
 * gets the same embedding. `embedForComparison` keeps the plain average, which the answerer's features (and the
 * abstention model fitted on them) compare questions and sentences with.
 */
export class WordVectorEmbeddings extends Embeddings {
  readonly dimensions: number;
  readonly id: string;
  private readonly smoothing: number;
  private readonly harmonic: number;
  private readonly unknownWordWeight: number;
  private readonly unknownVectors = new Map<string, Float32Array>();
  private readonly rows = new Map<string, number>();
  private readonly commonDirection: Float64Array | undefined;

  constructor(
    private readonly table: WordVectorTable,
    {
      smoothing = 1e-3,
      unknownWordWeight = 0.6,
      removeCommonDirection = true,
      ...params
    }: WordVectorEmbeddingsOptions = {},
  ) {
    super(params);
    this.dimensions = table.header.dimensions;
    this.id = `sif${removeCommonDirection ? '-pc' : ''}:${table.header.source}:a=${smoothing}:u=${unknownWordWeight}`;
    this.unknownWordWeight = unknownWordWeight;
    this.smoothing = smoothing;
    this.harmonic = Math.log(table.count) + 0.5772;
    this.commonDirection = removeCommonDirection
      ? this.expectedTextDirection(Math.min(table.count, COMMON_DIRECTION_WORDS))
      : undefined;
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return Promise.resolve(documents.map((document) => this.embed(document)));
  }

  embedQuery(document: string): Promise<number[]> {
    return Promise.resolve(this.embed(document));
  }

  /** Synchronous core, for callers that embed many texts in a loop (index builds, benchmarks). */
  embed(text: string): number[] {
    const sum = this.weightedSum(text);
    const direction = this.commonDirection;
    if (direction) {
      const projection = sum.reduce((total, value, column) => total + value * (direction[column] ?? 0), 0);
      for (let column = 0; column < this.dimensions; column++) {
        sum[column] = (sum[column] ?? 0) - projection * (direction[column] ?? 0);
      }
    }
    return normalize(sum);
  }

  embedForComparison(text: string): number[] {
    return normalize(this.weightedSum(text));
  }

  private weightedSum(text: string): Float64Array {
    const sum = new Float64Array(this.dimensions);
    const { scales, values } = this.table;
    for (const word of tokenize(text)) {
      const row = this.rowOf(word);
      if (row < 0) {
        const vector = this.unknownVector(word);
        for (let column = 0; column < this.dimensions; column++) {
          sum[column] = (sum[column] ?? 0) + this.unknownWordWeight * (vector[column] ?? 0);
        }
        continue;
      }
      const weight = this.weightOf(row) * (scales[row] ?? 0);
      const offset = row * this.dimensions;
      for (let column = 0; column < this.dimensions; column++) {
        sum[column] = (sum[column] ?? 0) + weight * (values[offset + column] ?? 0);
      }
    }
    return sum;
  }

  private weightOf(row: number): number {
    const probability = 1 / ((row + 1) * this.harmonic);
    return this.smoothing / (this.smoothing + probability);
  }

  private expectedTextDirection(words: number): Float64Array {
    const direction = new Float64Array(this.dimensions);
    const { scales, values } = this.table;
    for (let row = 0; row < words; row++) {
      const weight = (1 / ((row + 1) * this.harmonic)) * this.weightOf(row) * (scales[row] ?? 0);
      const offset = row * this.dimensions;
      for (let column = 0; column < this.dimensions; column++) {
        direction[column] = (direction[column] ?? 0) + weight * (values[offset + column] ?? 0);
      }
    }
    return Float64Array.from(normalize(direction));
  }

  /**
   * The table row of a word, or of its unaccented spelling, or -1. Remembered: answering a question embeds
   * dozens of sentences whose words recur, and a lookup (UTF-8 encoding, hashing, probing) costs more than
   * adding the word's vector.
   */
  private rowOf(word: string): number {
    let row = this.rows.get(word);
    if (row === undefined) {
      row = this.table.rowOf(word);
      if (row < 0) row = this.table.rowOf(word.normalize('NFD').replace(/\p{M}+/gu, ''));
      if (this.rows.size < ROWS_REMEMBERED) this.rows.set(word, row);
    }
    return row;
  }

  /** A unit vector fixed by the word's hash, in the same scale as a typical known word vector. */
  private unknownVector(word: string): Float32Array {
    let vector = this.unknownVectors.get(word);
    if (!vector) {
      vector = new Float32Array(this.dimensions);
      const digest = createHash('sha256').update(word).digest();
      let seed = digest.readUInt32LE(0) || 1;
      for (let column = 0; column < this.dimensions; column++) {
        // xorshift32: cheap, deterministic, well spread for this use.
        seed ^= seed << 13;
        seed ^= seed >>> 17;
        seed ^= seed << 5;
        vector[column] = ((seed >>> 0) / 0xffffffff - 0.5) * 1.2;
      }
      if (this.unknownVectors.size < 50_000) this.unknownVectors.set(word, vector);
    }
    return vector;
  }
}

export function normalize(vector: ArrayLike<number>): number[] {
  let norm = 0;
  for (let index = 0; index < vector.length; index++) norm += (vector[index] ?? 0) ** 2;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}
