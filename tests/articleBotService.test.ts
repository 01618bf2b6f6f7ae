// What the service records for /gaps, and when; the store itself is tested in tests/feedback.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeedbackLog } from '../src/app.js';
import type { Answer } from '../src/answer/types.js';
import { answerMode } from '../src/articleBotService.js';
import { loadConfig } from '../src/config/config.js';
import type { FeedbackEntry, FeedbackLog } from '../src/feedback/types.js';
import { createBotFixture, HARBOUR_ARTICLE, useBotFixture } from './support/articleBotFixture.js';
import { groundedJson, numberOf } from './support/fakeModelServer.js';
import { startFakeOpenAiServer } from './support/fakeOpenAiServer.js';
import { temporaryFolders } from './support/fixtures.js';

const UNANSWERABLE = 'What is the population of Port Alden?';
const ANSWERABLE = 'How much did the bridge cost?';

describe('recording what members could not get answered', () => {
  const serving = useBotFixture({ 'harbour.md': HARBOUR_ARTICLE });

  it('GIVEN a chat question the articles do not answer THEN it is recorded; the same from the JSON CLI is not', async () => {
    const { bot } = serving;
    expect((await bot.ask(UNANSWERABLE)).abstained).toBe(true);
    expect(bot.gaps().total).toBe(0);
    await bot.ask(UNANSWERABLE, { recordUnanswered: true });
    await bot.ask(ANSWERABLE, { recordUnanswered: true });
    expect(bot.gaps().gaps).toEqual([
      expect.objectContaining({
        question: UNANSWERABLE,
        count: 1,
        unanswered: 1,
        disliked: 0,
        articles: ['harbour'],
      }),
    ]);
  });

  it('GIVEN a 👎 on an answer THEN it is recorded as disliked; a 👍, or a 👎 on an abstention, adds nothing', async () => {
    const { bot } = serving;
    const before = bot.gaps().total;
    const answer = await bot.ask(ANSWERABLE);
    bot.rateAnswer(answer, 'helpful');
    bot.rateAnswer(await bot.ask(UNANSWERABLE), 'unhelpful');
    expect(bot.gaps().total).toBe(before);
    bot.rateAnswer(answer, 'unhelpful');
    expect(bot.gaps().gaps).toContainEqual(
      expect.objectContaining({ question: ANSWERABLE, disliked: 1, unanswered: 0, articles: ['harbour'] }),
    );
  });

  it('GIVEN a period that is not a whole number of days from 1 to 3650 THEN says so', () => {
    expect(() => serving.bot.gaps({ days: 0 })).toThrow(
      'The period must be a whole number of days, from 1 to 3650.',
    );
    expect(() => serving.bot.gaps({ days: 2.5 })).toThrow('whole number of days');
  });
});

describe('feedback that cannot be kept', () => {
  const folders = temporaryFolders('article-bot-service-');
  afterEach(folders.removeAll);

  it('GIVEN FEEDBACK_LOG=false THEN nothing is recorded and no file is written', async () => {
    const directory = await folders.create();
    const log = createFeedbackLog(loadConfig({ DATA_DIR: directory, FEEDBACK_LOG: 'false' }));
    log.record({
      kind: 'unanswered',
      question: 'Anything?',
      mode: 'extractive',
      articles: [],
      at: new Date(),
    });
    expect(log.gaps({ days: 30, limit: 10 })).toMatchObject({ recording: false, total: 0, gaps: [] });
    expect(existsSync(path.join(directory, 'feedback.sqlite'))).toBe(false);
  });

  it('GIVEN a store that fails THEN the member still gets the answer', async () => {
    const recorded: FeedbackEntry[] = [];
    const failing: FeedbackLog = {
      recording: true,
      record: (entry) => {
        recorded.push(entry);
        throw new Error('SQLITE_FULL: database or disk is full');
      },
      gaps: () => {
        throw new Error('SQLITE_CORRUPT');
      },
      close: () => undefined,
    };
    const fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE }, { feedback: failing });
    try {
      const answer = await fixture.bot.ask(UNANSWERABLE, { recordUnanswered: true });
      expect(answer.abstained).toBe(true);
      expect(recorded).toHaveLength(1);
      expect(() => fixture.bot.gaps()).toThrow('The feedback database could not be read (SQLITE_CORRUPT).');
    } finally {
      await fixture.cleanup();
    }
  });
});

describe('the answer mode recorded', () => {
  it('GIVEN an answer without a mode THEN it is extractive; one that names its mode keeps it', async () => {
    const fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE });
    try {
      const answer = await fixture.bot.ask(ANSWERABLE);
      const withoutMode: Answer = { ...answer };
      delete withoutMode.mode;
      expect(answerMode(withoutMode)).toBe('extractive');
      expect(answerMode({ ...answer, mode: 'generated' })).toBe('generated');
    } finally {
      await fixture.cleanup();
    }
  });

  it('GIVEN a language model THEN its abstention and a 👎 on its answer are recorded as generated', async () => {
    const server = await startFakeOpenAiServer();
    const recorded: FeedbackEntry[] = [];
    const memory: FeedbackLog = {
      recording: true,
      record: (entry) => {
        recorded.push(entry);
      },
      gaps: () => ({ days: 30, since: '', recording: true, total: 0, gaps: [] }),
      close: () => undefined,
    };
    const quote = 'the bridge cost 310 million dollars';
    server.script(
      { kind: 'reply', content: groundedJson({ answerable: false, answer: '', citations: [] }) },
      (request) => ({
        kind: 'reply',
        content: groundedJson({
          answer: `It cost 310 million dollars [${numberOf(request, quote)}].`,
          citations: [{ n: numberOf(request, quote), quote }],
        }),
      }),
    );
    const fixture = await createBotFixture(
      { 'harbour.md': HARBOUR_ARTICLE },
      {
        feedback: memory,
        environment: { LLM_PROVIDER: 'openai', LLM_BASE_URL: `${server.url}/v1`, LLM_MODEL: 'fake-model' },
      },
    );
    try {
      const abstention = await fixture.bot.ask(UNANSWERABLE, { recordUnanswered: true });
      const answer = await fixture.bot.ask(ANSWERABLE, { recordUnanswered: true });
      expect([abstention.mode, abstention.abstained, answer.mode, answer.abstained]).toEqual([
        'generated',
        true,
        'generated',
        false,
      ]);
      fixture.bot.rateAnswer(answer, 'unhelpful');
      expect(recorded.map(({ kind, question, mode }) => ({ kind, question, mode }))).toEqual([
        { kind: 'unanswered', question: UNANSWERABLE, mode: 'generated' },
        { kind: 'disliked', question: ANSWERABLE, mode: 'generated' },
      ]);
    } finally {
      await fixture.cleanup();
      await server.close();
    }
  });
});
