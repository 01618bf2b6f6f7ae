// One contract, run on every embedder: what the index and retrieval assume of any LangChain `Embeddings`.
import { Embeddings } from '@langchain/core/embeddings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderEmbeddings } from '../../src/embeddings/createEmbedder.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import type { TextEmbedder } from '../../src/embeddings/types.js';
import { WordVectorEmbeddings } from '../../src/embeddings/wordVectorEmbeddings.js';
import { euclideanNorm } from '../support/fixtures.js';
import { syntheticWordVectorTable } from '../support/fixturesWordVectors.js';
import type { FakeModelServer } from '../support/fakeModelServer.js';
import { startFakeOllamaServer } from '../support/fakeOllamaServer.js';
import { startFakeOpenAiServer } from '../support/fakeOpenAiServer.js';

// Provider embeddings over HTTP, through the real LangChain clients, to fake servers started for this file.
const servers: { openai?: FakeModelServer; ollama?: FakeModelServer } = {};
beforeAll(async () => {
  servers.openai = await startFakeOpenAiServer();
  servers.ollama = await startFakeOllamaServer();
});
afterAll(async () => {
  await servers.openai?.close();
  await servers.ollama?.close();
});

function providerEmbeddings(provider: 'openai' | 'ollama'): Promise<TextEmbedder> {
  const server = servers[provider];
  if (!server) throw new Error('the fake servers start before the tests');
  return createProviderEmbeddings(
    {
      provider,
      cacheDir: '',
      model: 'fake-embed',
      baseUrl: provider === 'openai' ? `${server.url}/v1` : server.url,
      apiKey: undefined,
      timeoutMs: 5000,
    },
    new HashingEmbeddings(64),
  );
}

const syntheticTable = syntheticWordVectorTable({
  words: ['the', 'of', 'peru', 'mexico', 'broke', 'ties', 'envoy', 'ambassador', 'asylum'],
  synonyms: [['envoy', 'ambassador']],
  dimensions: 12,
});

const implementations: { name: string; create: () => TextEmbedder | Promise<TextEmbedder> }[] = [
  { name: 'HashingEmbeddings', create: () => new HashingEmbeddings(64) },
  { name: 'WordVectorEmbeddings', create: () => new WordVectorEmbeddings(syntheticTable) },
  { name: 'ProviderEmbeddings (OpenAI-compatible)', create: () => providerEmbeddings('openai') },
  { name: 'ProviderEmbeddings (Ollama)', create: () => providerEmbeddings('ollama') },
];

const TEXTS = [
  'Peru broke diplomatic ties with Mexico.',
  'The Mexican ambassador must leave.',
  'Asylum for a former prime minister — “excessive and disproportionate”.',
  'José Jerí',
];

describe.each(implementations)('Embeddings contract: $name', ({ create }) => {
  it('GIVEN the implementation THEN it is a LangChain Embeddings with an id and a dimension', async () => {
    const embedder = await create();
    expect(embedder).toBeInstanceOf(Embeddings);
    expect(embedder.id).toMatch(/\S/);
    expect(Number.isInteger(embedder.dimensions) && embedder.dimensions > 0).toBe(true);
  });

  it('GIVEN documents THEN embedDocuments returns one vector per document, in order, equal to embedQuery', async () => {
    const embedder = await create();
    const documents = await embedder.embedDocuments(TEXTS);
    expect(documents).toHaveLength(TEXTS.length);
    for (const [index, text] of TEXTS.entries()) {
      expect(documents[index]).toEqual(await embedder.embedQuery(text));
      expect(documents[index]).toEqual(embedder.embed(text));
    }
  });

  it('GIVEN no documents THEN embedDocuments returns no vectors', async () => {
    expect(await (await create()).embedDocuments([])).toEqual([]);
  });

  it('GIVEN any text with words THEN the vector has .dimensions finite numbers and unit length', async () => {
    const embedder = await create();
    for (const vector of await embedder.embedDocuments(TEXTS)) {
      expect(Array.isArray(vector)).toBe(true);
      expect(vector).toHaveLength(embedder.dimensions);
      expect(vector.every(Number.isFinite)).toBe(true);
      expect(euclideanNorm(vector)).toBeCloseTo(1, 6);
    }
  });

  it('GIVEN the same text again, or to a new instance THEN the vector is identical', async () => {
    const first = await create();
    const second = await create();
    for (const text of TEXTS) {
      expect(await first.embedQuery(text)).toEqual(await first.embedQuery(text));
      expect(await first.embedQuery(text)).toEqual(await second.embedQuery(text));
    }
    expect(first.id).toBe(second.id);
  });

  it('GIVEN different texts THEN the vectors differ', async () => {
    const embedder = await create();
    const [left, right] = await embedder.embedDocuments(['Peru broke ties.', 'Asylum was granted.']);
    expect(left).not.toEqual(right);
  });

  it('GIVEN text without any word THEN the vector has the right size and no NaN', async () => {
    const embedder = await create();
    const vector = await embedder.embedQuery('?!');
    expect(vector).toHaveLength(embedder.dimensions);
    expect(vector.every(Number.isFinite)).toBe(true);
  });
});
