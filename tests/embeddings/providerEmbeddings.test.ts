// EMBEDDINGS=openai|ollama end to end: the index is built with the provider's vectors, questions are embedded
// by it before the synchronous retrieval, and the manifest's embedder id makes a change of embedder rebuild.
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createArticleBot } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { createProviderEmbeddings } from '../../src/embeddings/createEmbedder.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { readCurrentManifest } from '../../src/index/index.js';
import { HARBOUR_ARTICLE } from '../support/articleBotFixture.js';
import type { FakeModelServer } from '../support/fakeModelServer.js';
import { startFakeOllamaServer } from '../support/fakeOllamaServer.js';
import { startFakeOpenAiServer } from '../support/fakeOpenAiServer.js';
import { temporaryFolders, writeFiles } from '../support/fixtures.js';

const PROVIDERS = [
  { name: 'openai', start: startFakeOpenAiServer, baseUrl: (url: string) => `${url}/v1` },
  { name: 'ollama', start: startFakeOllamaServer, baseUrl: (url: string) => url },
] as const;

describe.each(PROVIDERS)('embeddings from $name', (provider) => {
  let server: FakeModelServer;
  const folders = temporaryFolders();
  beforeAll(async () => {
    server = await provider.start();
  });
  afterAll(() => server.close());
  afterEach(async () => {
    server.failEmbeddings(undefined);
    await folders.removeAll();
  });

  /**
   * A bot as `npm start` builds it from these settings; `offline` swaps the word vectors the provider embedder
   * compares sentences with for the hashing embedder, which needs no cache to load.
   */
  async function openBot(folder: string, embeddings: Record<string, string>, offline = false) {
    const lines: { msg: string; level: number }[] = [];
    const logger = pino(
      { level: 'info' },
      { write: (line: string) => lines.push(JSON.parse(line) as never) },
    );
    const config = loadConfig({
      CORPUS_DIR: path.join(folder, 'corpus'),
      INDEX_DIR: path.join(folder, 'index'),
      LOG_LEVEL: 'silent',
      ...embeddings,
    });
    const embedder =
      offline && config.embeddings.provider !== 'wink' && config.embeddings.provider !== 'hashing'
        ? await createProviderEmbeddings(config.embeddings, new HashingEmbeddings(64), (message) =>
            logger.warn(message),
          )
        : undefined;
    return {
      bot: await createArticleBot({ config, logger, ...(embedder ? { embedder } : {}) }),
      config,
      lines,
    };
  }

  const providerSettings = () => ({
    EMBEDDINGS: provider.name,
    EMBEDDINGS_MODEL: 'fake-embed',
    EMBEDDINGS_BASE_URL: provider.baseUrl(server.url),
    // Bounds each embedding call, the clients' retries after a failure included: the failure cases end sooner.
    LLM_TIMEOUT_MS: '1500',
  });

  it('GIVEN EMBEDDINGS set to the provider THEN the index holds its vectors and a question is embedded by it', async () => {
    const folder = await folders.create();
    await writeFiles(path.join(folder, 'corpus'), { 'harbour.md': HARBOUR_ARTICLE });
    server.requests.splice(0);
    const { bot, config, lines } = await openBot(folder, providerSettings());
    const manifest = await readCurrentManifest(config.indexDir);
    expect(manifest?.embedder).toEqual({
      id: `${provider.name}:fake-embed:${server.dimensions}`,
      dimensions: server.dimensions,
    });
    const inputs = server.requests.flatMap((request) =>
      Array.isArray(request.body.input) ? request.body.input.map(String) : [String(request.body.input)],
    );
    expect(inputs.some((input) => input.includes('310 million dollars'))).toBe(true);

    server.requests.splice(0);
    const answer = await bot.ask('How much did the bridge cost?');
    expect(answer.answer).toContain('310 million');
    expect(server.requests.map((request) => request.body.input)).toEqual([['How much did the bridge cost?']]);
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
  });

  it('GIVEN the provider down when a question comes THEN it is still answered, by its words', async () => {
    const folder = await folders.create();
    await writeFiles(path.join(folder, 'corpus'), { 'harbour.md': HARBOUR_ARTICLE });
    const { bot, lines } = await openBot(folder, providerSettings(), true);
    server.failEmbeddings(503);
    const answer = await bot.ask('When will the old ferry service end?');
    expect(answer.answer).toContain('September 2024');
    expect(lines.some((line) => line.msg.includes('searching its words only'))).toBe(true);
  });

  it('GIVEN the embedder changed since the index was built THEN it is rebuilt, saying why', async () => {
    const folder = await folders.create();
    await writeFiles(path.join(folder, 'corpus'), { 'harbour.md': HARBOUR_ARTICLE });
    await openBot(folder, { EMBEDDINGS: 'hashing' });
    const { config, lines } = await openBot(folder, providerSettings(), true);
    expect(lines.some((line) => /embedder/.test(line.msg) && line.msg.startsWith('building the index'))).toBe(
      true,
    );
    expect((await readCurrentManifest(config.indexDir))?.embedder.id).toMatch(
      new RegExp(`^${provider.name}:`),
    );
  });

  it('GIVEN the provider unreachable at start-up THEN start-up fails with one clear line naming it', async () => {
    const folder = await folders.create();
    await writeFiles(path.join(folder, 'corpus'), { 'harbour.md': HARBOUR_ARTICLE });
    server.failEmbeddings(500);
    await expect(openBot(folder, providerSettings(), true)).rejects.toThrow(
      new RegExp(`EMBEDDINGS=${provider.name}: fake-embed at .* did not embed a test text`),
    );
  });
});
