// Adding and removing articles through the real bot: fetch, extract, write, reindex, answer.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../src/ingest/auditLog.js';
import { DuplicateArticleError } from '../../src/ingest/articleLibrary.js';
import { FAULT_VARIABLE } from '../../src/index/faults.js';
import {
  createBotFixture,
  HARBOUR_ARTICLE,
  useBotFixture,
  type BotFixture,
} from '../support/articleBotFixture.js';
import { STORIES } from './support/newsPages.js';
import { useNewsServer } from './support/newsServer.js';

const news = useNewsServer();

async function articleFiles(fixture: BotFixture): Promise<string[]> {
  return (await readdir(fixture.config.corpusDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
}

async function auditLog(fixture: BotFixture): Promise<AuditEntry[]> {
  const text = await readFile(path.join(fixture.config.dataDir, 'audit.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as AuditEntry);
}

async function currentGeneration(fixture: BotFixture): Promise<string> {
  return (await readFile(path.join(fixture.config.indexDir, 'CURRENT'), 'utf8')).trim();
}

const DAM_ID = '2024-03-12-reservoir-lowered-after-crack-found-in-kessler-dam-spillway';

describe('adding an article from a link', () => {
  const serving = useBotFixture({ 'harbour.md': HARBOUR_ARTICLE });

  it('GIVEN a news page THEN it is written with front matter, indexed, and answerable when the add returns', async () => {
    const { bot, fixture } = serving;
    const added = await bot.addArticle({
      input: { kind: 'url', url: news.server.url('/hop/1') },
      requestedBy: 'Moderator#0001 (111)',
    });
    expect(added).toMatchObject({
      id: DAM_ID,
      title: 'Reservoir lowered after crack found in Kessler Dam spillway',
      published: '2024-03-12',
      author: 'Tomasz Brenner, Ada Lindqvist',
      source: 'The Valley Courier',
      url: 'https://valley-courier.example/news/2024/03/12/kessler-dam-crack',
      file: `${DAM_ID}.md`,
      paragraphs: 5,
    });
    expect(added.people).toContain('Miriam Okafor');

    const answer = await bot.ask('How much will the repairs to the dam cost?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations[0]).toMatchObject({ article: DAM_ID, text: STORIES.dam[3] });

    const file = await readFile(path.join(fixture.config.corpusDir, `${DAM_ID}.md`), 'utf8');
    expect(file).toMatch(
      /^---\ntitle: Reservoir lowered after crack found in Kessler Dam spillway\npublished: 2024-03-12\nauthor: Tomasz Brenner, Ada Lindqvist\nsource: The Valley Courier\nurl: https:\/\/valley-courier\.example\/news\/2024\/03\/12\/kessler-dam-crack\nadded_by: Moderator#0001 \(111\)\nadded_at: \d{4}-\d\d-\d\dT[\d:.]+Z\n---\n/,
    );
    expect((await auditLog(fixture)).at(-1)).toMatchObject({
      by: 'Moderator#0001 (111)',
      action: 'add',
      outcome: 'done',
      article: DAM_ID,
      input: news.server.url('/hop/1'),
      file: `${DAM_ID}.md`,
    });
  });

  it('GIVEN the same story again by another link to it THEN says it is already there and adds nothing', async () => {
    const { bot, fixture } = serving;
    const before = await articleFiles(fixture);
    const generation = await currentGeneration(fixture);
    const again = bot.addArticle({
      input: { kind: 'url', url: `${news.server.url('/json-ld')}?utm_source=newsletter` },
      requestedBy: 'mod',
    });
    await expect(again).rejects.toThrow(DuplicateArticleError);
    await expect(again).rejects.toThrow(
      `Already there: “Reservoir lowered after crack found in Kessler Dam spillway” (${DAM_ID}) has the same link; nothing was added.`,
    );
    expect(await articleFiles(fixture)).toEqual(before);
    expect(await currentGeneration(fixture)).toBe(generation);
    expect((await auditLog(fixture)).at(-1)).toMatchObject({ action: 'add', outcome: 'refused', by: 'mod' });
  });

  it('GIVEN the same text from a file THEN says it is already there', async () => {
    const { bot, fixture } = serving;
    const copy = path.join(fixture.directory, 'copy.txt');
    await writeFile(copy, `Dam story, copied\n\n${STORIES.dam.join('\n\n')}\n`);
    await expect(
      bot.addArticle({ input: { kind: 'file', path: copy }, requestedBy: 'cli:test' }),
    ).rejects.toThrow('has the same text; nothing was added.');
  });

  it('GIVEN a page without an article THEN refuses it and the corpus and index stay as they were', async () => {
    const { bot, fixture } = serving;
    const before = await articleFiles(fixture);
    const generation = await currentGeneration(fixture);
    await expect(
      bot.addArticle({ input: { kind: 'url', url: news.server.url('/no-article') }, requestedBy: 'mod' }),
    ).rejects.toThrow('No readable article text found in');
    await expect(
      bot.addArticle({ input: { kind: 'url', url: news.server.url('/report.pdf') }, requestedBy: 'mod' }),
    ).rejects.toThrow('Refused: application/pdf is not a news page (HTML or text).');
    expect(await articleFiles(fixture)).toEqual(before);
    expect(await currentGeneration(fixture)).toBe(generation);
  });

  it('GIVEN an uploaded Markdown attachment THEN adds it with its front matter', async () => {
    const { bot } = serving;
    news.server.page(
      '/attachments/ferry.md',
      `---\ntitle: Sable Island ferry to stop\npublished: 2024-04-05\nsource: Island Herald\n---\n${STORIES.ferry.join('\n\n')}\n`,
      'text/markdown; charset=utf-8',
    );
    const added = await bot.addArticle({
      input: {
        kind: 'attachment',
        url: news.server.url('/attachments/ferry.md'),
        name: 'ferry.md',
        size: 900,
      },
      requestedBy: 'mod',
    });
    expect(added).toMatchObject({
      id: '2024-04-05-sable-island-ferry-to-stop',
      title: 'Sable Island ferry to stop',
      source: 'Island Herald',
      paragraphs: 4,
    });
    expect(added.url).toBeUndefined();
  });

  it('GIVEN an attachment that is not .html, .md or .txt, or over the cap THEN refuses it before downloading', async () => {
    const { bot } = serving;
    const requests = news.server.requested.length;
    await expect(
      bot.addArticle({
        input: { kind: 'attachment', url: news.server.url('/report.pdf'), name: 'report.pdf' },
        requestedBy: 'mod',
      }),
    ).rejects.toThrow('Refused: report.pdf is not an .html, .md or .txt file (PDF is not supported yet).');
    await expect(
      bot.addArticle({
        input: {
          kind: 'attachment',
          url: news.server.url('/json-ld'),
          name: 'big.html',
          size: 6 * 1024 * 1024,
        },
        requestedBy: 'mod',
      }),
    ).rejects.toThrow('Refused: big.html is 6 MB, more than the 5 MB limit.');
    expect(news.server.requested.length).toBe(requests);
  });

  it('GIVEN an article removed THEN it no longer answers and its file is kept aside', async () => {
    const { bot, fixture } = serving;
    const removed = await bot.removeArticle({ id: DAM_ID, requestedBy: 'mod' });
    expect(removed).toEqual({
      id: DAM_ID,
      title: 'Reservoir lowered after crack found in Kessler Dam spillway',
      file: `${DAM_ID}.md`,
    });
    expect(bot.sources().map((article) => article.id)).not.toContain(DAM_ID);
    const answer = await bot.ask('How much will the repairs to the dam cost?');
    expect(answer.citations.every((citation) => citation.article !== DAM_ID)).toBe(true);
    expect(await readdir(path.join(fixture.config.corpusDir, '.ingest', 'removed'))).toEqual([
      expect.stringContaining(`${DAM_ID}.md`),
    ]);
    expect((await auditLog(fixture)).at(-1)).toMatchObject({
      action: 'remove',
      outcome: 'done',
      article: DAM_ID,
    });
  });

  it('GIVEN an unknown id THEN says no article has it', async () => {
    await expect(serving.bot.removeArticle({ id: 'no-such-article', requestedBy: 'mod' })).rejects.toThrow(
      'No article has the id “no-such-article”.',
    );
  });

  it('GIVEN the story removed THEN it can be added again', async () => {
    const added = await serving.bot.addArticle({
      input: { kind: 'url', url: news.server.url('/json-ld') },
      requestedBy: 'mod',
    });
    expect(added.id).toBe(DAM_ID);
  });
});

describe('an add whose reindex fails', () => {
  it('GIVEN the index build fails (a full disk) THEN the new file is taken out: corpus and index exactly as they were', async () => {
    const fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE });
    try {
      const before = await articleFiles(fixture);
      const generation = await currentGeneration(fixture);
      // Read by the build process when it starts, which is at the first reindex.
      process.env[FAULT_VARIABLE] = 'fail:writing';
      const adding = fixture.bot.addArticle({
        input: { kind: 'url', url: news.server.url('/open-graph') },
        requestedBy: 'mod',
      });
      await expect(adding).rejects.toThrow(
        'Could not add the article: rebuilding the index failed, so nothing was changed.',
      );
      expect(await articleFiles(fixture)).toEqual(before);
      expect(await currentGeneration(fixture)).toBe(generation);
      expect(fixture.bot.sources().map((article) => article.id)).toEqual(['harbour']);
      expect((await auditLog(fixture)).at(-1)).toMatchObject({
        action: 'add',
        outcome: 'rolled-back',
        reason: expect.stringContaining('ENOSPC') as unknown,
      });
    } finally {
      delete process.env[FAULT_VARIABLE];
      await fixture.cleanup();
    }
  });
});
