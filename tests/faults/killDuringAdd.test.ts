// kill -9 of a process in the middle of adding an article: the previous corpus and index must keep serving.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createArticleBot } from '../../src/app.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { FAULT_READY_FILE_VARIABLE, FAULT_VARIABLE } from '../../src/index/faults.js';
import { root } from '../cli/support.js';
import { useNewsServer } from '../ingest/support/newsServer.js';
import { waitForFile } from '../index/support.js';
import { createBotFixture, HARBOUR_ARTICLE } from '../support/articleBotFixture.js';

const news = useNewsServer();
const DAM_ID = '2024-03-12-reservoir-lowered-after-crack-found-in-kessler-dam-spillway';
const DAM_QUESTION = 'How much will the repairs to the dam cost?';

async function articleFiles(corpus: string): Promise<string[]> {
  return (await readdir(corpus, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function killAndWait(pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid)) {
    if (Date.now() > deadline) throw new Error(`process ${pid} still exists ${timeoutMs} ms after SIGKILL`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('kill -9 in the middle of an add', () => {
  it('GIVEN `article add` killed while its index build runs THEN the bot serving keeps the old index, and the next start is back to the previous corpus and index', async () => {
    // The CLI makes the same hashing embedder (256 dimensions), so it finds the index current and builds only for the add.
    const fixture = await createBotFixture(
      { 'harbour.md': HARBOUR_ARTICLE },
      { embedder: new HashingEmbeddings(256) },
    );
    const readyFile = path.join(fixture.directory, 'fault-ready');
    const { config } = fixture;
    try {
      const filesBefore = await articleFiles(config.corpusDir);
      const generationBefore = await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8');
      const sourcesBefore = fixture.bot.sources();

      // Node itself (not the tsx wrapper, which would outlive its child) runs the CLI, so the kill hits it.
      const adding = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          path.join(root, 'src/cli/main.ts'),
          'article',
          'add',
          news.server.url('/json-ld'),
        ],
        {
          cwd: root,
          stdio: 'ignore',
          env: {
            PATH: process.env['PATH'] ?? '',
            CORPUS_DIR: config.corpusDir,
            INDEX_DIR: config.indexDir,
            DATA_DIR: config.dataDir,
            EMBEDDINGS: 'hashing',
            LOG_LEVEL: 'silent',
            ARTICLE_FETCH_ALLOW_PRIVATE: 'true',
            // The build process parks just before it would switch the index over, and says so.
            [FAULT_VARIABLE]: 'before-swap',
            [FAULT_READY_FILE_VARIABLE]: readyFile,
          },
        },
      );
      const exited = new Promise<NodeJS.Signals | null>((resolve) =>
        adding.once('exit', (_code, signal) => resolve(signal)),
      );
      const buildPid = Number(await waitForFile(readyFile, 30_000));

      // Mid-add: the new file is in the corpus, the new index is written but not in use.
      expect(await articleFiles(config.corpusDir)).toContain(`${DAM_ID}.md`);
      adding.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // A build process exits when the process it builds for disappears; this makes sure, and waits until the
      // system has reaped it, as a restart after a crash would find it.
      await killAndWait(buildPid);

      // The bot that was serving all along never saw the change.
      expect(fixture.bot.sources()).toEqual(sourcesBefore);
      const during = await fixture.bot.ask(DAM_QUESTION);
      expect(during.citations.every((citation) => citation.article === 'harbour')).toBe(true);

      // The next start settles the interrupted add against the index on disk: the corpus is as it was.
      const restarted = await createArticleBot({
        config,
        logger: pino({ level: 'silent' }),
        embedder: new HashingEmbeddings(256),
      });
      expect(await articleFiles(config.corpusDir)).toEqual(filesBefore);
      expect(await readFile(path.join(config.indexDir, 'CURRENT'), 'utf8')).toBe(generationBefore);
      expect(restarted.sources()).toEqual(sourcesBefore);
      const audit = await readFile(path.join(config.dataDir, 'audit.jsonl'), 'utf8');
      expect(JSON.parse(audit.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
        action: 'add',
        outcome: 'rolled-back',
        file: `${DAM_ID}.md`,
      });

      // And the add, tried again, goes through: no lock or half-written file is left in its way.
      const added = await restarted.addArticle({
        input: { kind: 'url', url: news.server.url('/json-ld') },
        requestedBy: 'fault-test',
      });
      expect(added.id).toBe(DAM_ID);
      expect((await restarted.ask(DAM_QUESTION)).citations[0]?.article).toBe(DAM_ID);
    } finally {
      await fixture.cleanup();
    }
  }, 90_000);
});
