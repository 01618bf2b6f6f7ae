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

  it('GIVEN words of the headline and the publication date THEN the article as a whole covers them', () => {
    const ranked = fixture.bot.retriever.rankSentences('What did the envoy trade row cost in June 2024?');
    const envoy = ranked.find((candidate) => candidate.article.id === 'envoy');
    const covered = envoy?.articleMatches
      .filter((match) => match.strength === 1)
      .map((match) => match.term.word);
    expect(covered).toEqual(expect.arrayContaining(['envoy', 'trade', 'row', 'june', '2024']));
    expect(envoy?.articleCoverage).toBeGreaterThan(envoy?.coverage ?? 1);
  });

  it('GIVEN a word in most of an article’s sentences and one in a single sentence THEN the rarer one counts more within it', () => {
    const ranked = fixture.bot.retriever.rankSentences('Why was the ambassador recalled?', {
      article: 'envoy',
    });
    const recalled = ranked.find((candidate) => candidate.sentence.text.includes('recalled'));
    const returning = ranked.find((candidate) => candidate.sentence.text.includes('return'));
    // Both share "ambassador"; only one has "recalled", which is rarer in the article.
    expect(recalled?.localCoverage).toBe(1);
    // "ambassador" stands in both sentences, so within the article it says less than across the corpus.
    expect(returning?.localCoverage).toBeLessThan(returning?.coverage ?? 0);
  });

  it('GIVEN a passage THEN the next paragraph’s first sentence is a candidate, knowing what the sentence before adds', () => {
    const ranked = fixture.bot.retriever.rankSentences(
      'What did the engineers say about the harbour floor?',
      {
        article: 'harbour',
      },
    );
    const next = ranked.find((candidate) => candidate.sentence.text.startsWith('The old ferry service'));
    expect(next).toBeDefined();
    const afterEngineers = ranked.find((candidate) => candidate.sentence.text.startsWith('The old ferry'));
    expect(afterEngineers?.previousCoverage).toBeGreaterThan(afterEngineers?.coverage ?? 1);
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
    const answer = await fixture.bot.ask('Which envoy was withdrawn from Ruritania?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]?.text).toContain('ambassador');
  });

  it('GIVEN a paraphrase of both the noun and the verb THEN still ranks the paraphrased sentence first', () => {
    const [best] = fixture.bot.retriever.rankSentences('Which diplomat was withdrawn from Ruritania?');
    expect(best?.sentence.text).toContain('ambassador');
  });
});
