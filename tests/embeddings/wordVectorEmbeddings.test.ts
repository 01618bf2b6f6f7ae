import { describe, expect, it } from 'vitest';
import { WordVectorEmbeddings } from '../../src/embeddings/wordVectorEmbeddings.js';
import { cosineSimilarity, euclideanNorm } from '../support/fixtures.js';
import { syntheticWordVectorTable } from '../support/fixturesWordVectors.js';

// Most frequent first: the row order is the frequency rank SIF weighting reads. Filler words stand in for the
// bulk of a real vocabulary, so function words and topic words sit at realistic ranks.
const WORDS = [
  'the',
  'of',
  'to',
  'a',
  'said',
  ...Array.from({ length: 3000 }, (_, index) => `filler${index}`),
  'envoy',
  'ambassador',
  'prison',
  'jail',
  'banana',
  'orchard',
  'election',
  'jeri',
  'minister',
];
const table = syntheticWordVectorTable({
  words: WORDS,
  synonyms: [
    ['envoy', 'ambassador'],
    ['prison', 'jail'],
  ],
  dimensions: 24,
});

describe('WordVectorEmbeddings', () => {
  const embeddings = new WordVectorEmbeddings(table);
  const similarity = (left: string, right: string): number =>
    cosineSimilarity(embeddings.embed(left), embeddings.embed(right));

  it('GIVEN synonyms in the vectors THEN texts that share no word but mean the same are close', () => {
    expect(similarity('the envoy', 'the ambassador')).toBeGreaterThan(0.9);
    expect(similarity('prison', 'jail')).toBeGreaterThan(0.9);
    expect(similarity('the envoy', 'the banana')).toBeLessThan(0.5);
  });

  it('GIVEN frequent words THEN SIF weighting lets the rare word decide', () => {
    expect(similarity('the envoy of the', 'envoy')).toBeGreaterThan(0.99);
    expect(similarity('the envoy of the', 'the of')).toBeLessThan(0.3);
  });

  it('GIVEN a higher smoothing constant THEN frequent words count for more', () => {
    const flat = new WordVectorEmbeddings(table, { smoothing: 1 });
    const withFunctionWords = (embedder: WordVectorEmbeddings): number =>
      cosineSimilarity(embedder.embed('the of envoy'), embedder.embed('the of'));
    expect(withFunctionWords(flat)).toBeGreaterThan(withFunctionWords(embeddings));
  });

  it('GIVEN a word missing from the vocabulary THEN it gets the same direction every time, in every instance', () => {
    const other = new WordVectorEmbeddings(table);
    expect(embeddings.embed('zyzzyva')).toEqual(other.embed('zyzzyva'));
    expect(euclideanNorm(embeddings.embed('zyzzyva'))).toBeCloseTo(1, 6);
    expect(similarity('zyzzyva', 'quokka')).toBeLessThan(0.6);
  });

  it('GIVEN a rare unknown name shared by two texts THEN it brings them together', () => {
    for (const [left, right] of [
      ['minister', 'election'],
      ['banana', 'prison'],
      ['orchard', 'envoy'],
    ] as const) {
      expect(similarity(`${left} Ornela`, `${right} Ornela`)).toBeGreaterThan(similarity(left, right) + 0.05);
    }
  });

  it('GIVEN an accented spelling of a known word THEN falls back to the unaccented one', () => {
    expect(embeddings.embed('Jerí')).toEqual(embeddings.embed('jeri'));
  });

  it('GIVEN capitals and punctuation THEN they do not change the vector', () => {
    expect(embeddings.embed('The ENVOY, said...')).toEqual(embeddings.embed('the envoy said'));
  });

  it('GIVEN text without words THEN the vector is all zeros, never NaN', () => {
    for (const text of ['', '   ', '?!…', '🙂🙂']) {
      const vector = embeddings.embed(text);
      expect(vector).toHaveLength(table.dimensions);
      expect(vector.every((value) => value === 0)).toBe(true);
    }
  });

  it('GIVEN its settings THEN the id names the vectors and the parameters, so a change rebuilds the index', () => {
    expect(embeddings.id).toBe('sif-pc:synthetic:a=0.001:u=0.6');
    expect(new WordVectorEmbeddings(table, { smoothing: 0.01 }).id).not.toBe(embeddings.id);
    expect(new WordVectorEmbeddings(table, { removeCommonDirection: false }).id).toBe(
      'sif:synthetic:a=0.001:u=0.6',
    );
  });

  it('GIVEN the common direction removed THEN search vectors spread apart while comparison vectors keep the plain average', () => {
    const texts = ['the minister resigned', 'the bridge opened', 'a storm hit the coast'];
    const spread = (embed: (text: string) => number[]): number => {
      const vectors = texts.map(embed);
      let total = 0;
      for (let left = 0; left < vectors.length; left++) {
        for (let right = left + 1; right < vectors.length; right++) {
          total += (vectors[left] ?? []).reduce(
            (sum, value, index) => sum + value * (vectors[right]?.[index] ?? 0),
            0,
          );
        }
      }
      return total / 3;
    };
    const plain = new WordVectorEmbeddings(table, { removeCommonDirection: false });
    expect(spread((text) => embeddings.embed(text))).toBeLessThan(spread((text) => plain.embed(text)));
    expect(embeddings.embedForComparison('the bridge opened')).toEqual(plain.embed('the bridge opened'));
    expect(embeddings.dimensions).toBe(24);
  });
});
