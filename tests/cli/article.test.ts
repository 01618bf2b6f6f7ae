// `npm run article`, `npm run gaps` and the terminal chat's /article and /gaps, run as a moderator would.
import { mkdtemp, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARBOUR_ARTICLE } from '../support/articleBotFixture.js';
import { STORIES } from '../ingest/support/newsPages.js';
import { useNewsServer } from '../ingest/support/newsServer.js';
import { runProgram } from './support.js';

const news = useNewsServer();
const FERRY_ID = '2024-04-05-sable-island-ferry-to-make-its-last-crossing-after-112-years';

describe('managing articles from the command line', () => {
  let directory: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-cli-article-'));
    const corpus = path.join(directory, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'harbour.md'), HARBOUR_ARTICLE);
    environment = {
      CORPUS_DIR: corpus,
      INDEX_DIR: path.join(directory, 'index'),
      DATA_DIR: path.join(directory, 'data'),
      ARTICLE_FETCH_ALLOW_PRIVATE: 'true',
    };
  });
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  it('GIVEN add --json with a link THEN prints exactly the documented object', async () => {
    const result = await runProgram(
      ['article', 'add', '--json', news.server.url('/open-graph')],
      environment,
    );
    expect(result.code).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const added = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(Object.keys(added)).toEqual([
      'id',
      'title',
      'published',
      'author',
      'source',
      'url',
      'file',
      'paragraphs',
      'people',
    ]);
    expect(added).toEqual({
      id: FERRY_ID,
      title: 'Sable Island ferry to make its last crossing after 112 years',
      published: '2024-04-05',
      author: 'Rhea Collins',
      source: 'Island Herald',
      url: 'https://island-herald.example/sable-ferry-final-crossing',
      file: `${FERRY_ID}.md`,
      paragraphs: 4,
      people: expect.arrayContaining(['Jonah Whitcombe']) as unknown,
    });
  });

  it('GIVEN the same link again THEN exits non-zero with one line saying it is already there', async () => {
    const result = await runProgram(
      ['article', 'add', '--json', news.server.url('/open-graph')],
      environment,
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim()).toBe(
      `Already there: “Sable Island ferry to make its last crossing after 112 years” (${FERRY_ID}) has the same link; nothing was added.`,
    );
  });

  it('GIVEN list --json THEN lists every article with its metadata', async () => {
    const result = await runProgram(['article', 'list', '--json'], environment);
    const { articles } = JSON.parse(result.stdout) as { articles: Array<{ id: string; url?: string }> };
    expect(articles.map((article) => article.id).sort()).toEqual([FERRY_ID, 'harbour'].sort());
    expect(articles.find((article) => article.id === FERRY_ID)?.url).toBe(
      'https://island-herald.example/sable-ferry-final-crossing',
    );
  });

  it('GIVEN remove --json THEN removes the article and prints what went', async () => {
    const result = await runProgram(['article', 'remove', '--json', FERRY_ID], environment);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      id: FERRY_ID,
      title: 'Sable Island ferry to make its last crossing after 112 years',
      file: `${FERRY_ID}.md`,
    });
    expect(await readdir(environment['CORPUS_DIR'] ?? '')).not.toContain(`${FERRY_ID}.md`);
  });

  it('GIVEN the terminal chat THEN /article adds a file, and unanswered questions show in /gaps there and in gaps --json', async () => {
    const file = path.join(directory, 'market.md');
    await writeFile(file, `# Tanner Street market reopens\n\n${STORIES.market.join('\n\n')}\n`);
    const chat = await runProgram(
      [],
      environment,
      [
        'What is the population of Port Alden?',
        'what is the population of port alden',
        'How tall is the harbour bridge?',
        `/article add ${file}`,
        `/article add ${news.server.url('/comments')}`,
        '/gaps 7',
        '/quit',
      ].join('\n'),
      'src/main.ts',
    );
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain('Added undated-tanner-street-market-reopens: Tanner Street market reopens');
    expect(chat.stdout).toMatch(/people\s+Priya Castellanos/);
    // The same story from its page: the text is already there.
    expect(chat.stdout).toContain(
      'Already there: “Tanner Street market reopens” (undated-tanner-street-market-reopens) has the same text',
    );
    expect(chat.stdout).toMatch(
      /Questions without a good answer in the last 7 days \(3 questions recorded\):/,
    );
    expect(chat.stdout).toMatch(/2×\s+what is the population of port alden\s+\(2 unanswered\)/);

    const result = await runProgram(['gaps', '--json'], environment);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as {
      days: number;
      total: number;
      gaps: Array<Record<string, unknown>>;
    };
    expect(report).toMatchObject({ days: 30, total: 3, recording: true });
    expect(report.gaps[0]).toMatchObject({
      question: 'what is the population of port alden',
      count: 2,
      unanswered: 2,
    });
  });
});
