import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { createArticleBot } from '../../src/app.js';
import type { ArticleBotService } from '../../src/articleBotService.js';
import { loadConfig, type Config } from '../../src/config/config.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import type { TextEmbedder } from '../../src/embeddings/types.js';
import type { FeedbackLog } from '../../src/feedback/types.js';

export interface BotFixture {
  bot: ArticleBotService;
  config: Config;
  directory: string;
  cleanup: () => Promise<void>;
}

export interface BotFixtureOptions {
  embedder?: TextEmbedder;
  /** More settings, as environment variables (`LLM_PROVIDER`, …). */
  environment?: Record<string, string>;
  /** Default: silent. */
  logger?: Logger;
  /** Replaces the feedback store the config asks for. */
  feedback?: FeedbackLog;
}

/**
 * A bot over a corpus written to a fresh temporary folder, with its own index folder. The embedder defaults
 * to the deterministic hashing one, so tests need no word-vector cache and no network.
 */
export async function createBotFixture(
  articles: Record<string, string>,
  { embedder = new HashingEmbeddings(128), environment = {}, logger, feedback }: BotFixtureOptions = {},
): Promise<BotFixture> {
  const directory = await mkdtemp(path.join(tmpdir(), 'article-bot-test-'));
  const corpusDir = path.join(directory, 'corpus');
  await mkdir(corpusDir);
  for (const [name, text] of Object.entries(articles)) await writeFile(path.join(corpusDir, name), text);
  const config = loadConfig({
    CORPUS_DIR: corpusDir,
    INDEX_DIR: path.join(directory, 'index'),
    EMBEDDINGS: 'hashing',
    LOG_LEVEL: 'silent',
    REINDEX_MIN_INTERVAL_SECONDS: '0',
    DATA_DIR: path.join(directory, 'data'),
    // The tests' news pages are served from 127.0.0.1.
    ARTICLE_FETCH_ALLOW_PRIVATE: 'true',
    ...environment,
  });
  const bot = await createArticleBot({
    config,
    logger: logger ?? pino({ level: 'silent' }),
    embedder,
    ...(feedback ? { feedback } : {}),
  });
  return { bot, config, directory, cleanup: () => rm(directory, { recursive: true, force: true }) };
}

/**
 * A bot over these articles for the tests of the enclosing `describe`: built before them, removed after.
 * Read `bot` inside a test, not while the tests are being declared.
 */
export function useBotFixture(
  articles: Record<string, string>,
  options: BotFixtureOptions | (() => BotFixtureOptions) = {},
): { readonly bot: ArticleBotService; readonly fixture: BotFixture } {
  let fixture: BotFixture | undefined;
  beforeAll(async () => {
    // A function is read when the suite starts: a fake server's address is known only then.
    fixture = await createBotFixture(articles, typeof options === 'function' ? options() : options);
  });
  afterAll(async () => fixture?.cleanup());
  const ready = (): BotFixture => {
    if (!fixture) throw new Error('the bot fixture is ready only inside a test');
    return fixture;
  };
  return {
    get bot() {
      return ready().bot;
    },
    get fixture() {
      return ready();
    },
  };
}

/** A short made-up news article: nothing here is from the seed corpus or the evaluation sets. */
export const HARBOUR_ARTICLE = `---
title: Port city opens new harbour bridge
author: Dana Whitfield
source: Example Gazette
published: 2024-05-06
---
The city of Port Alden on Monday opened the new Harbour Bridge after four years of construction.

Mayor Lucia Brandt said the bridge cost 310 million dollars and will carry 40,000 vehicles a day.

Engineers chose a cable-stayed design because the harbour floor is too soft for deep piers.

The old ferry service will end in September 2024, according to the transport authority.

Dana Whitfield is a reporter who covers city hall. You can follow her on Twitter here.

COMMENTS

Please let us know if you're having issues with commenting.
`;
