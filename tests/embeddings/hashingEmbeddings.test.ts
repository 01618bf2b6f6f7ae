import { describe, expect, it } from 'vitest';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { cosineSimilarity } from '../support/fixtures.js';

describe('HashingEmbeddings', () => {
  it('GIVEN the same text THEN gives the same vector, in this instance and in a new one', () => {
    const text = 'Peru breaks diplomatic ties with Mexico';
    expect(new HashingEmbeddings(64).embed(text)).toEqual(new HashingEmbeddings(64).embed(text));
  });

  it('GIVEN texts sharing content words THEN they are closer than texts sharing none', () => {
    const embeddings = new HashingEmbeddings(256);
    const shared = cosineSimilarity(
      embeddings.embed('diplomatic ties broken'),
      embeddings.embed('ties were broken'),
    );
    const none = cosineSimilarity(
      embeddings.embed('diplomatic ties broken'),
      embeddings.embed('banana orchard'),
    );
    expect(shared).toBeGreaterThan(none);
  });

  it('GIVEN only stopwords or inflections THEN matches by stem and ignores function words', () => {
    const embeddings = new HashingEmbeddings(256);
    expect(embeddings.embed('the ties of the hearings')).toEqual(embeddings.embed('tie hearing'));
  });

  it('GIVEN its size THEN the id and dimensions say it', () => {
    const embeddings = new HashingEmbeddings(32);
    expect(embeddings.id).toBe('hashing:32');
    expect(embeddings.dimensions).toBe(32);
    expect(embeddings.embed('anything')).toHaveLength(32);
  });

  it('GIVEN texts embedded THEN records them in order, for tests that count re-embedding', async () => {
    const embeddings = new HashingEmbeddings(16);
    await embeddings.embedDocuments(['one', 'two']);
    await embeddings.embedQuery('three');
    expect(embeddings.calls).toEqual(['one', 'two', 'three']);
  });

  it('GIVEN a long-running process THEN the record stays bounded and keeps the latest texts', () => {
    const embeddings = new HashingEmbeddings(4);
    for (let index = 0; index < 25_000; index++) embeddings.embed(String(index));
    expect(embeddings.calls.length).toBeLessThanOrEqual(20_000);
    expect(embeddings.calls.length).toBeGreaterThanOrEqual(10_000);
    expect(embeddings.calls.at(-1)).toBe('24999');
  });
});
