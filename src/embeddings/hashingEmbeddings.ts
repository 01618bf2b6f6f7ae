import { Embeddings, type EmbeddingsParams } from '@langchain/core/embeddings';
import { createHash } from 'node:crypto';
import { contentTerms } from '../corpus/tokens.js';
import { normalize } from './wordVectorEmbeddings.js';

const CALLS_KEPT = 10_000;

/**
 * Feature hashing of content terms: each term adds ±1 to one of `dimensions` buckets.
 * Needs no data at all, so it is the deterministic stand-in for tests and the fallback provider
 * (`EMBEDDINGS=hashing`); it matches shared words only, never synonyms.
 */
export class HashingEmbeddings extends Embeddings {
  readonly id: string;
  /**
   * Texts embedded, in order, so tests can assert what was (and was not) re-embedded. Bounded: as the fallback
   * provider of a long-running bot it would otherwise keep every question forever; past `CALLS_KEPT` × 2 the
   * older half is dropped, so at least the last `CALLS_KEPT` texts are always there.
   */
  readonly calls: string[] = [];

  constructor(
    readonly dimensions = 64,
    params: EmbeddingsParams = {},
  ) {
    super(params);
    this.id = `hashing:${dimensions}`;
  }

  embedDocuments(documents: string[]): Promise<number[][]> {
    return Promise.resolve(documents.map((document) => this.embed(document)));
  }

  embedQuery(document: string): Promise<number[]> {
    return Promise.resolve(this.embed(document));
  }

  embed(text: string): number[] {
    if (this.calls.length >= CALLS_KEPT * 2) this.calls.splice(0, CALLS_KEPT);
    this.calls.push(text);
    const vector = new Float64Array(this.dimensions);
    for (const term of contentTerms(text)) {
      const digest = createHash('md5').update(term).digest();
      const bucket = digest.readUInt32LE(0) % this.dimensions;
      vector[bucket] = (vector[bucket] ?? 0) + ((digest[4] ?? 0) & 1 ? 1 : -1);
    }
    return normalize(vector);
  }
}
