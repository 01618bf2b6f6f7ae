// The one test that reads the real word vectors. The cache is made by `npm install` (postinstall); where it is
// absent (a checkout that skipped install scripts) the test is skipped rather than converting 300 MB of JSON.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WINK_PACKAGE, winkCachePath } from '../../src/embeddings/winkVectors.js';
import { readWordVectorCache } from '../../src/embeddings/wordVectorCache.js';
import { WordVectorEmbeddings } from '../../src/embeddings/wordVectorEmbeddings.js';
import { cosineSimilarity } from '../support/fixtures.js';

const CACHE = winkCachePath(fileURLToPath(new URL('../../data/embeddings', import.meta.url)));

describe.skipIf(!existsSync(CACHE))('the real word vectors', () => {
  it('GIVEN the converted cache THEN it loads, and meaning carries across different words', async () => {
    const table = await readWordVectorCache(CACHE);
    expect(table.header.source.startsWith(`${WINK_PACKAGE}@`)).toBe(true);
    expect(table.count).toBeGreaterThan(300_000);
    expect(table.dimensions).toBe(100);
    expect(table.rowOf('the')).toBeLessThan(10);
    expect(table.rowOf('ambassador')).toBeGreaterThan(0);

    const embeddings = new WordVectorEmbeddings(table);
    const similarity = (left: string, right: string): number =>
      cosineSimilarity(embeddings.embed(left), embeddings.embed(right));
    expect(similarity('envoy', 'ambassador')).toBeGreaterThan(similarity('envoy', 'banana') + 0.4);
    expect(similarity('sever relations', 'the breaking of its diplomatic ties')).toBeGreaterThan(
      similarity('sever relations', 'a recipe for banana bread') + 0.4,
    );
    expect(similarity('behind bars', 'prison')).toBeGreaterThan(similarity('behind bars', 'orchard') + 0.2);
  });
});
