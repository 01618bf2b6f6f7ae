import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HARBOUR_ARTICLE } from '../support/articleBotFixture.js';
import { groundedJson, numberOf, type FakeModelServer } from '../support/fakeModelServer.js';
import { startFakeOpenAiServer } from '../support/fakeOpenAiServer.js';
import { runProgram, type CliResult } from './support.js';

/** Runs the CLI as a user would, with its own corpus and index folders and the offline hashing embedder. */
function cli(args: string[], environment: Record<string, string>, input?: string): Promise<CliResult> {
  return runProgram(args, environment, input);
}

describe('the JSON CLI', () => {
  let directory: string;
  let environment: Record<string, string>;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-cli-'));
    const corpus = path.join(directory, 'corpus');
    await mkdir(corpus);
    await writeFile(path.join(corpus, 'harbour.md'), HARBOUR_ARTICLE);
    await writeFile(path.join(corpus, 'broken.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    environment = { CORPUS_DIR: corpus, INDEX_DIR: path.join(directory, 'index') };
  });
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  it('GIVEN questions on stdin THEN prints one JSON answer a line, in order, and logs only to stderr', async () => {
    const result = await cli(
      ['ask', '--json'],
      environment,
      'How much did the bridge cost?\nWhat is the capital of Peru?\n',
    );
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ question: 'How much did the bridge cost?', abstained: false });
    expect(first?.['answer']).toEqual(expect.stringContaining('310 million'));
    const citations = first?.['citations'] as {
      n: number;
      article: string;
      paragraph: number;
      text: string;
    }[];
    expect(citations).toHaveLength(1);
    expect(citations[0]).toMatchObject({ n: 1, article: 'harbour', paragraph: 2 });
    expect(citations[0]?.text).toContain('310');
    expect(typeof first?.['ms']).toBe('number');
    // Without a language model: today's answer plus the mode, no model, and every quote marked checked.
    expect(Object.keys(first ?? {})).toEqual([
      'question',
      'answer',
      'abstained',
      'short',
      'citations',
      'closest',
      'ms',
      'mode',
      'model',
    ]);
    expect(first).toMatchObject({ mode: 'extractive', model: null });
    expect(citations.every((citation) => (citation as { verified?: boolean }).verified === true)).toBe(true);
    expect(second).toMatchObject({ abstained: true, mode: 'extractive', model: null });
  });

  it('GIVEN a binary file in the corpus THEN skips it with a warning naming it', async () => {
    const result = await cli(['ask', '--json', 'When will the ferry service end?'], {
      ...environment,
      INDEX_DIR: path.join(directory, 'index-binary'),
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('broken.txt');
    expect(JSON.parse(result.stdout)).toMatchObject({ abstained: false });
  });

  it.each([
    ['an empty question', ['ask', '--json', ' '], /empty/i],
    ['a 10,000-character question', ['ask', '--json', 'x'.repeat(10_000)], /characters long/],
  ])('GIVEN %s THEN exits non-zero with a clear message and no stack trace', async (_case, args, message) => {
    const result = await cli(args, environment);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('GIVEN a missing corpus folder THEN says which folder and exits non-zero', async () => {
    const missing = path.join(directory, 'nowhere');
    const result = await cli(['ask', 'anything?'], {
      CORPUS_DIR: missing,
      INDEX_DIR: path.join(directory, 'i2'),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(missing);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('GIVEN an empty corpus folder THEN says there is no usable article', async () => {
    const empty = path.join(directory, 'empty');
    await mkdir(empty, { recursive: true });
    const result = await cli(['ask', 'anything?'], {
      CORPUS_DIR: empty,
      INDEX_DIR: path.join(directory, 'i3'),
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/no usable article/);
  });

  it('GIVEN an invalid setting THEN names the key and exits with code 2', async () => {
    const result = await cli(['ask', 'x?'], { ...environment, COOLDOWN_SECONDS: 'soon' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('COOLDOWN_SECONDS');
  });

  it('GIVEN who --json THEN lists people with roles, aliases and verbatim citations', async () => {
    const result = await cli(['who', '--json'], environment);
    expect(result.code).toBe(0);
    const { people } = JSON.parse(result.stdout) as {
      people: { name: string; roles: string[]; aliases: string[]; citations: { text: string }[] }[];
    };
    const mayor = people.find((person) => person.name === 'Lucia Brandt');
    expect(mayor?.roles.join(' ')).toMatch(/Mayor/);
    expect(mayor?.citations.every((citation) => HARBOUR_ARTICLE.includes(citation.text))).toBe(true);
    expect(people.map((person) => person.name)).not.toContain('Port Alden');
  });

  it('GIVEN who --json with an unknown name THEN returns no people and the closest names', async () => {
    const result = await cli(['who', '--json', 'Brant'], environment);
    expect(JSON.parse(result.stdout)).toMatchObject({
      people: [],
      suggestions: expect.arrayContaining(['Lucia Brandt']) as unknown,
    });
  });

  it('GIVEN timeline --json THEN prints dated events in order, relative dates resolved', async () => {
    const result = await cli(['timeline', '--json'], environment);
    expect(result.code).toBe(0);
    const { events } = JSON.parse(result.stdout) as {
      events: { date: string; inferred: boolean; what: string }[];
    };
    const dates = events.map((event) => event.date);
    expect(dates).toEqual([...dates].sort());
    // "on Monday" in an article published Monday 2024-05-06 is that day.
    expect(events).toContainEqual(expect.objectContaining({ date: '2024-05-06', inferred: true }));
    expect(dates).toContain('2024-09');
  });

  it('GIVEN timeline --png FILE THEN it writes a picture that decodes and says where, in text and in JSON', async () => {
    const file = path.join(directory, 'pictures', 'timeline.png');
    await mkdir(path.dirname(file), { recursive: true });
    const text = await cli(['timeline', '--png', file], environment);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('≈ 6 May 2024  ');
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe(
      `Timeline picture written to ${file} (640×${PNG.sync.read(await readFile(file)).height}, 2 events).`,
    );
    const json = await cli(
      ['timeline', '--json', '--png', file, '--theme', 'light', '--from', '2024-09'],
      environment,
    );
    const parsed = JSON.parse(json.stdout) as {
      events: unknown[];
      png: { file: string; width: number; drawn: number };
    };
    expect(parsed.png).toMatchObject({ file, width: 640, drawn: parsed.events.length });
    expect(PNG.sync.read(await readFile(file)).width).toBe(640);
  });

  it('GIVEN /timeline --png in the terminal chat THEN it writes timeline.png where it was started and says so', async () => {
    const folder = await mkdtemp(path.join(directory, 'chat-'));
    const chat = await runProgram([], environment, '/timeline --png\n/quit\n', 'src/main.ts', folder);
    expect(chat.code).toBe(0);
    expect(chat.stdout).toContain(`Timeline picture written to ${path.join(folder, 'timeline.png')} (640×`);
    expect(PNG.sync.read(await readFile(path.join(folder, 'timeline.png'))).width).toBe(640);
  });

  it('GIVEN reindex twice THEN the first reports what it added and the second that nothing changed', async () => {
    const fresh = { ...environment, INDEX_DIR: path.join(directory, 'index-reindex') };
    const first = await cli(['reindex', '--json'], fresh);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ rebuilt: true, articles: { added: ['harbour'] } });
    const second = await cli(['reindex'], fresh);
    expect(second.stdout).toMatch(/up to date \(1 article, \d+ chunks\); nothing to do/);
  });
});

describe('the JSON CLI with a language model', () => {
  let directory: string;
  let server: FakeModelServer;

  beforeAll(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'article-bot-cli-llm-'));
    await mkdir(path.join(directory, 'corpus'));
    await writeFile(path.join(directory, 'corpus', 'harbour.md'), HARBOUR_ARTICLE);
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('GIVEN LLM settings in the environment THEN each answer says it was generated, by which model, its quotes verified', async () => {
    const quote = 'the bridge cost 310 million dollars';
    server.script((request) => ({
      kind: 'reply',
      content: groundedJson({
        answer: `It cost 310 million dollars [${numberOf(request, quote)}].`,
        citations: [{ n: numberOf(request, quote), quote }],
      }),
    }));
    const result = await cli(['ask', '--json', 'How much did the bridge cost?'], {
      CORPUS_DIR: path.join(directory, 'corpus'),
      INDEX_DIR: path.join(directory, 'index'),
      LLM_PROVIDER: 'openai',
      LLM_BASE_URL: `${server.url}/v1`,
      LLM_MODEL: 'fake-model',
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      answer: 'It cost 310 million dollars [1].',
      mode: 'generated',
      model: 'fake-model',
      citations: [{ n: 1, paragraph: 2, text: quote, verified: true }],
    });
  });
});
