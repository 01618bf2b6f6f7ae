import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { winkCachePath, loadWinkVectors } from '../../src/embeddings/winkVectors.js';
import { WordVectorEmbeddings } from '../../src/embeddings/wordVectorEmbeddings.js';
import { createBotFixture, HARBOUR_ARTICLE, type BotFixture } from '../support/articleBotFixture.js';

const SECOND_ARTICLE = `---
title: Envoy recalled after trade row
published: 2024-06-01
---
The government recalled its ambassador from Ruritania on Friday after talks on fishing rights collapsed.

Officials said the ambassador would return once a new agreement was signed.
`;

describe('HybridRetriever', () => {
  let fixture: BotFixture;
  beforeAll(async () => {
    fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE, 'envoy.md': SECOND_ARTICLE });
  });
  afterAll(async () => fixture.cleanup());

  it('GIVEN a question THEN returns LangChain Documents of sentences with where they stand', async () => {
    const documents = await fixture.bot.retriever.invoke('When will the ferry service end?');
    expect(documents.length).toBeGreaterThan(0);
    const [first] = documents;
    expect(first?.pageContent).toContain('ferry service will end');
    expect(first?.metadata).toMatchObject({ article: 'harbour', paragraph: 4 });
  });

  it('GIVEN an article filter THEN ranks passages of that article only', () => {
    const passages = fixture.bot.retriever.rankPassages('ambassador bridge', { article: 'envoy' });
    expect(passages.length).toBeGreaterThan(0);
    expect(passages.every((ranked) => ranked.passage.article.id === 'envoy')).toBe(true);
  });

  it('GIVEN an unknown article id in ask THEN answers from the whole corpus instead of failing', async () => {
    const answer = await fixture.bot.ask('How much did the bridge cost?', { article: 'no-such-article' });
    expect(answer.answer).toContain('310 million');
  });
});

// The synonym tests need the real word vectors, which `npm install` converts; skipped on a checkout without them.
const cache = winkCachePath('data/embeddings');
describe.skipIf(!existsSync(cache))('HybridRetriever with the offline word vectors', () => {
  let fixture: BotFixture;
  beforeAll(async () => {
    const embedder = new WordVectorEmbeddings(await loadWinkVectors('data/embeddings'));
    fixture = await createBotFixture(
      { 'harbour.md': HARBOUR_ARTICLE, 'envoy.md': SECOND_ARTICLE },
      { embedder },
    );
  });
  afterAll(async () => fixture.cleanup());

  it('GIVEN "envoy" THEN finds the sentence that says "ambassador"', () => {
    const [best] = fixture.bot.retriever.rankSentences('What happened to the envoy?');
    expect(best?.sentence.text).toContain('ambassador');
    expect(best?.matches.find((match) => match.term.word === 'envoy')?.matched).toBe('ambassador');
  });

  it('GIVEN a paraphrase THEN answers from the paraphrased sentence', async () => {
    const answer = await fixture.bot.ask('Which diplomat was withdrawn from Ruritania?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.text).toContain('ambassador');
  });
});
