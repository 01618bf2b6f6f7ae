import { describe, expect, it } from 'vitest';
import { expectedEntityTypes } from '../../src/answer/answerType.js';
import { questionKind } from '../../src/answer/question.js';
import { answerTypeOf } from '../../src/answer/sentenceRanker.js';
import { shortAnswer, shortAnswerAmong } from '../../src/answer/shortAnswer.js';
import { questionTerm, rankedSentence } from '../support/rankedSentence.js';

function short(question: string, sentence: string, words: string[]): string | null {
  const kind = questionKind(question);
  const entityTypes = expectedEntityTypes(question, kind, answerTypeOf(question));
  const terms = words.map((word) => questionTerm(word));
  return shortAnswer({ kind, text: question, entityTypes }, rankedSentence(sentence, terms));
}

describe('expectedEntityTypes', () => {
  it.each([
    ['Who did General Motors choose as chief executive?', 'person'],
    ['When is the phone scheduled to go on sale?', 'date'],
    ['Where did the jet take off?', 'place'],
    ['How much cash is GM offering?', 'money'],
    ['How much is Fiat paying for the stake?', 'money'],
    ['How many tankers will they supply?', 'number'],
    ['Which carmaker bought the stake?', 'organisation'],
    ['What percentage of sales will Apple keep?', 'percent'],
    ['How long has Australia built the Falcon?', 'duration'],
  ])('GIVEN "%s" THEN expects a %s first', (question, type) => {
    expect(expectedEntityTypes(question, questionKind(question), answerTypeOf(question))[0]).toBe(type);
  });

  it('GIVEN "how much" of a payment THEN only money answers; otherwise a number or a share may', () => {
    const paying = 'How much is Fiat paying for its stake?';
    expect(expectedEntityTypes(paying, questionKind(paying), answerTypeOf(paying))).toEqual(['money']);
    const risen = 'How much have the prices Fiat pays risen?';
    expect(expectedEntityTypes(risen, questionKind(risen), answerTypeOf(risen))).toEqual([
      'money',
      'number',
      'percent',
    ]);
    const fell = 'How much did the index fall?';
    expect(expectedEntityTypes(fell, questionKind(fell), answerTypeOf(fell))).toEqual([
      'money',
      'number',
      'percent',
    ]);
  });

  it('GIVEN a question asking why or how THEN expects no entity', () => {
    expect(expectedEntityTypes('Why did the index fall?', 'why', undefined)).toEqual([]);
  });
});

describe('shortAnswer', () => {
  it('GIVEN a "who" question THEN answers with the person the question does not name', () => {
    const sentence = 'General Motors today named Mary Barra as its new chief executive.';
    expect(
      short('Who did General Motors name as chief executive?', sentence, ['general', 'motors', 'named']),
    ).toBe('Mary Barra');
  });

  it('GIVEN a "how much" question THEN answers with the amount nearest the question’s words', () => {
    const sentence = 'The package includes a $20,000 cash payment and a $25,000 new vehicle voucher.';
    expect(short('How much cash is in the package?', sentence, ['cash', 'package'])).toBe('$20,000');
  });

  it('GIVEN a number followed by a comma THEN the short answer leaves the comma out', () => {
    expect(
      short('How much does the registration cost?', 'It costs US$200,000, the ministry said.', [
        'registration',
        'cost',
      ]),
    ).toBe('US$200,000');
  });

  it('GIVEN "how many years" THEN answers with the span whose unit the question names', () => {
    const sentence = 'Castillo faces up to 34 years in prison on rebellion charges.';
    expect(
      short('How many years in prison does Castillo face?', sentence, ['years', 'prison', 'castillo']),
    ).toBe('34 years');
  });

  it('GIVEN a "where" question THEN answers with the place, never with a name of unknown kind', () => {
    expect(
      short('Where was the minister arrested?', 'The minister was arrested in Lima on Monday.', ['arrested']),
    ).toBe('Lima');
    const noPlace = 'Jane Doe, the Acme Chief Executive Officer, presented the plan at a press conference.';
    expect(
      short('Where did Jane Doe present the plan?', noPlace, ['jane', 'doe', 'presented', 'plan']),
    ).toBeNull();
  });

  it('GIVEN a "when" question THEN answers with the date', () => {
    expect(short('When will the phone go on sale?', 'It goes on sale on June 24 in the US.', ['sale'])).toBe(
      'June 24',
    );
  });

  it('GIVEN a yes/no question and a sentence that denies it THEN says No; one that states it THEN Yes', () => {
    const question = 'Did the clinic issue the certificate?';
    expect(short(question, 'The clinic denied having ever issued it.', ['clinic', 'issue'])).toBe('No');
    expect(short(question, 'The clinic issued the certificate in May.', ['clinic', 'issue'])).toBe('Yes');
  });

  it('GIVEN a yes/no question and a sentence reporting that it was asked ("whether…") THEN says neither', () => {
    const question = 'Did the clinic issue the certificate?';
    const asked = 'Reporters asked whether the clinic issued the certificate.';
    expect(short(question, asked, ['clinic', 'issue'])).toBeNull();
  });

  it('GIVEN a yes/no question and a sentence saying the opposite about the same names THEN says No', () => {
    const terms = [questionTerm('dollar'), questionTerm('rise', { verb: true })];
    const kind = questionKind('Did the dollar rise against the yen?');
    const fell = rankedSentence('The dollar fell against the yen on Friday.', terms);
    expect(shortAnswer({ kind, text: 'Did the dollar rise against the yen?', entityTypes: [] }, fell)).toBe(
      'No',
    );
    const named = [questionTerm('ftse', { proper: true }), questionTerm('low')];
    const other = rankedSentence('The Dow closed at its highest level in a year.', named);
    expect(shortAnswer({ kind, text: 'Did the FTSE close at a low?', entityTypes: [] }, other)).toBeNull();
  });

  it('GIVEN a yes/no question whose verb the sentence lacks THEN says neither yes nor no', () => {
    const terms = [
      questionTerm('fed', { proper: true }),
      questionTerm('cut', { verb: true }),
      questionTerm('rate'),
    ];
    expect(
      short('Did the Fed cut its rate?', 'The Fed decided to maintain its rate of 5.25%.', []),
    ).toBeNull();
    const kind = questionKind('Did the Fed cut its rate?');
    const candidate = rankedSentence('The Fed decided to maintain its rate of 5.25%.', terms);
    expect(shortAnswer({ kind, text: 'Did the Fed cut its rate?', entityTypes: [] }, candidate)).toBeNull();
  });

  it('GIVEN a question offering alternatives THEN it is no yes/no question', () => {
    expect(short('Did gold go up or down?', 'Gold prices went up.', ['gold', 'went', 'up'])).toBeNull();
  });

  it('GIVEN a question asking why THEN there is no short answer', () => {
    expect(
      short('Why did the index fall?', 'It fell because of the jobs report.', ['index', 'fell']),
    ).toBeNull();
  });

  it('GIVEN a sentence with no entity of the kind asked for THEN there is no short answer', () => {
    expect(short('Who won the vote?', 'The vote will be held next year.', ['vote'])).toBeNull();
  });
});

describe('shortAnswerAmong', () => {
  it('GIVEN a close call quoting two sentences THEN the kind asked for comes first, from whichever has it', () => {
    const question = 'By what percentage did the FTSE 100 drop?';
    const kind = questionKind(question);
    const entityTypes = expectedEntityTypes(question, kind, answerTypeOf(question));
    const terms = ['ftse', '100', 'drop'].map((word) => questionTerm(word));
    const first = rankedSentence(
      'The FTSE 100 index was one of the indices that suffered large falls.',
      terms,
    );
    const second = rankedSentence('The FTSE 100 dropped in value by 6.50% to 4656.60.', terms);
    expect(shortAnswerAmong({ kind, text: question, entityTypes }, [first, second])).toBe('6.50%');
    expect(shortAnswerAmong({ kind, text: question, entityTypes }, [second, first])).toBe('6.50%');
  });
});
