import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { createBotFixture, HARBOUR_ARTICLE, type BotFixture } from '../support/articleBotFixture.js';

// What users type is never trusted: each of these gets an answer, an abstention or a clear InputError,
// never a crash or an answer that is not quoted from the articles.
describe('questions users should not be able to break', () => {
  let fixture: BotFixture;
  beforeAll(async () => {
    fixture = await createBotFixture({ 'harbour.md': HARBOUR_ARTICLE });
  });
  afterAll(async () => fixture.cleanup());

  it('GIVEN a 6,000-character question THEN refuses it with the limit in the message', async () => {
    await expect(fixture.bot.ask('bridge '.repeat(858))).rejects.toThrow(/keep it under 1000/);
  });

  it.each([
    ['control characters', 'How much\u0000 did the\u0007 bridge cost?'],
    ['zero-width characters inside words', 'How mu\u200bch did the bri\u200cdge cost?'],
    ['a user mention', '<@123456789012345678> how much did the bridge cost?'],
  ])('GIVEN %s THEN answers as if they were not there', async (_case, question) => {
    const answer = await fixture.bot.ask(question);
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('310 million dollars');
  });

  it.each([
    ['only mentions', '<@123456789012345678> <@&123456789012345679>'],
    ['only zero-width characters', '\u200b\u200d\ufeff'],
  ])('GIVEN %s THEN says the question was empty', async (_case, question) => {
    await expect(fixture.bot.ask(question)).rejects.toBeInstanceOf(InputError);
  });

  it('GIVEN Markdown that would break a code block THEN the answer is still only quoted text', async () => {
    const answer = await fixture.bot.ask('```js\nhow much did the bridge cost?\n``` **@everyone**');
    expect(answer.answer).not.toContain('```');
    for (const citation of answer.citations) expect(HARBOUR_ARTICLE).toContain(citation.text);
  });

  it.each([
    ['Spanish', '¿Cuánto costó el puente?'],
    ['Chinese', '这座桥花了多少钱？'],
    ['Arabic', 'كم كلفة الجسر؟'],
  ])(
    'GIVEN a question in %s THEN replies without failing, quoting only the articles',
    async (_case, question) => {
      const answer = await fixture.bot.ask(question);
      for (const citation of [...answer.citations, ...answer.closest])
        expect(HARBOUR_ARTICLE).toContain(citation.text);
    },
  );

  it('GIVEN the same question from 200 users at once THEN every one gets the same answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => fixture.bot.ask('When will the ferry service end?')),
    );
    expect(new Set(answers.map((answer) => answer.answer)).size).toBe(1);
    expect(answers[0]?.answer).toContain('September 2024');
  });
});
