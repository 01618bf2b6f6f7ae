// A tiny word-vector table built in memory, so embedding and retrieval tests can check meaning ("envoy" near
// "ambassador") without the 38 MB cache of the real vectors.
import {
  decodeWordVectors,
  encodeWordVectors,
  type WordVectorTable,
} from '../../src/embeddings/wordVectorCache.js';
import { gaussian, seededRandom } from './fixtures.js';

export interface SyntheticWordVectorsOptions {
  /** Every word, most frequent first: the row order is the frequency rank that SIF weighting reads. */
  words: readonly string[];
  /**
   * Groups of words that mean nearly the same thing. Words of a group share one random direction plus a
   * little noise; every other word gets a direction of its own.
   */
  synonyms?: readonly (readonly string[])[];
  /** Default 16. */
  dimensions?: number;
  /** How far a synonym strays from its group's direction, relative to the direction's length. Default 0.15. */
  noise?: number;
  /**
   * Standard deviation of each component. Default 0.45, about that of the real vectors, so words missing from
   * the table (which the embedder gives vectors of a fixed scale) weigh what they would with the real ones.
   */
  spread?: number;
  /** Default 7. */
  seed?: number;
  /** Recorded in the table's header as its source. Default "synthetic". */
  source?: string;
}

/** The raw vectors of a synthetic table, by word, before quantisation. */
export function syntheticWordVectors({
  words,
  synonyms = [],
  dimensions = 16,
  noise = 0.15,
  spread = 0.45,
  seed = 7,
}: SyntheticWordVectorsOptions): Map<string, number[]> {
  const random = seededRandom(seed);
  const direction = (): number[] => Array.from({ length: dimensions }, () => spread * gaussian(random));
  const groupOf = new Map<string, number[]>();
  for (const group of synonyms) {
    const centre = direction();
    for (const word of group) groupOf.set(word, centre);
  }
  const vectors = new Map<string, number[]>();
  for (const word of words) {
    const centre = groupOf.get(word);
    vectors.set(
      word,
      centre ? centre.map((value) => value + spread * noise * gaussian(random)) : direction(),
    );
  }
  return vectors;
}

/** A `WordVectorTable` exactly as the binary cache would give it (encoded, then decoded). */
export function syntheticWordVectorTable(options: SyntheticWordVectorsOptions): WordVectorTable {
  const vectors = syntheticWordVectors(options);
  return decodeWordVectors(
    encodeWordVectors(
      options.source ?? 'synthetic',
      options.words,
      options.words.map((word) => vectors.get(word) ?? []),
    ),
  );
}
