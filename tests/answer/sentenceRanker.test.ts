import { describe, expect, it } from 'vitest';
import { FITTED_MODELS } from '../../src/answer/fittedModels.js';
import {
  answerTypeOf,
  detailCoverage,
  longestCopiedRun,
  rankingFeatures,
  rankingScore,
  withoutQuestionWords,
  type RankingQuestion,
} from '../../src/answer/sentenceRanker.js';
import type { Article } from '../../src/corpus/types.js';
import type { QuestionTerm } from '../../src/retrieval/termMatcher.js';
import { questionTerm, rankedSentence as candidate } from '../support/rankedSentence.js';

const term = (word: string, proper = false): QuestionTerm => questionTerm(word, { proper });

function question(text: string, terms: readonly QuestionTerm[]): RankingQuestion {
  return {
    kind: /^who/i.test(text) ? 'who' : /^when/i.test(text) ? 'when' : 'what',
    expected: undefined,
    speaker: false,
    statement: false,
    terms,
    words:
      text
        .toLowerCase()
        .match(/[a-z0-9]+/g)
        ?.filter((word) => !/^(?:who|what|when|which)$/.test(word)) ?? [],
    answerType: answerTypeOf(text),
    entityTypes: [],
    relatedness: (left, right) => (left === 'country' && right === 'peru' ? 0.7 : 0.1),
  };
}

describe('longestCopiedRun', () => {
  it('GIVEN a sentence repeating part of the question in order THEN counts the words of that run', () => {
    const asked = 'proponents of the humoral theory of immunity'.split(' ');
    const said = 'the humoral theory of immunity held by koch'.split(' ');
    expect(longestCopiedRun(asked, said)).toBe(5);
  });

  it('GIVEN only function words in common THEN counts nothing', () => {
    expect(longestCopiedRun(['of', 'the', 'war'], ['of', 'the', 'peace'])).toBe(0);
  });
});

describe('answerTypeOf', () => {
  it.each([
    ['Which country broke ties with Mexico?', 'country'],
    ['Which Japanese life insurer went bust?', 'insurer'],
    ['Which French bank froze withdrawals from three funds?', 'bank'],
    ['Which union boss was delighted by the decision?', 'boss'],
    ['What type of engines does the car have?', 'engines'],
    ['What two scientists proposed the theory?', 'scientists'],
    ['What did the minister say?', undefined],
    ['Who appointed her?', undefined],
  ])('GIVEN "%s" THEN the thing asked for is %s', (text, expected) => {
    expect(answerTypeOf(text)).toBe(expected);
  });
});

describe('withoutQuestionWords', () => {
  it('GIVEN a sentence THEN blanks the question’s content words and keeps what it adds', () => {
    const rest = withoutQuestionWords(
      candidate('On 1 May 1191, Richard reached Cyprus.', [term('1191'), term('cyprus', true)]),
    );
    expect(rest).toBe('On 1 May xxxx, Richard reached xxxxxx.');
  });
});

describe('rankingFeatures', () => {
  const terms = [term('ruled'), term('cyprus', true), term('1191')];
  const asked = question('Who ruled Cyprus in 1191?', terms);

  it('GIVEN a sentence whose only name or date is the question’s own THEN it does not look like the answer', () => {
    const echo = rankingFeatures(asked, candidate('In 1191 Cyprus was ruled from abroad.', terms));
    expect(echo.newShape).toBe(0);
    const answer = rankingFeatures(asked, candidate('In 1191 Cyprus was ruled by Isaac Komnenos.', terms));
    expect(answer.newShape).toBe(1);
  });

  it('GIVEN a "which country" question THEN a sentence naming a country scores higher on answer type', () => {
    const countryTerms = [term('broke'), term('ties')];
    const which = question('Which country broke ties?', countryTerms);
    const naming = rankingFeatures(which, candidate('Peru broke ties on Monday.', countryTerms));
    const vague = rankingFeatures(which, candidate('Somebody broke ties on Monday.', countryTerms));
    expect(naming.answerType).toBeGreaterThan(vague.answerType);
  });

  it('GIVEN two sentences THEN the one covering the question with the answer’s shape ranks first', () => {
    const full = rankingFeatures(asked, candidate('In 1191 Cyprus was ruled by Isaac Komnenos.', terms));
    const partial = rankingFeatures(asked, candidate('Cyprus is an island.', terms));
    expect(rankingScore(full, FITTED_MODELS.ranking)).toBeGreaterThan(
      rankingScore(partial, FITTED_MODELS.ranking),
    );
  });

  it('GIVEN a sentence opening on a pronoun THEN says so', () => {
    expect(rankingFeatures(asked, candidate('He ruled Cyprus in 1191.', terms)).pronounStart).toBe(1);
  });
});

describe('detailCoverage', () => {
  // A story the question names by words of its headline and first paragraph ("GM", "buyout"), asking for a
  // detail ("cash") that only a later sentence gives.
  const leadSentence = 'GM offered a buyout package to its union workers on Monday.';
  const paragraph = `${leadSentence} The cash payment is $20,000.`;
  const story = {
    metadata: { title: 'GM offers buyouts to workers', language: 'en' },
    text: paragraph,
    paragraphs: [{ number: 1, text: paragraph, start: 0, end: paragraph.length }],
  } as unknown as Article;
  const terms = [term('gm', true), term('buyout'), term('cash')];

  it('GIVEN a question naming its story THEN counts only the terms the lead does not have', () => {
    const lead = candidate('GM offered a buyout package to its union workers on Monday.', terms, {
      article: story,
    });
    const detail = candidate('The package includes a cash payment of $20,000.', terms, { article: story });
    expect(detailCoverage(lead)).toBe(0);
    expect(detailCoverage(detail)).toBe(1);
    // Plain coverage prefers the lead, which repeats more of the question's words.
    expect(lead.coverage).toBeGreaterThan(detail.coverage);
  });

  it('GIVEN a term the first paragraph has only after its lead sentence THEN it is still a detail', () => {
    const detail = candidate('The package includes a cash payment.', terms, { article: story });
    const withoutCash = candidate('GM made the offer on Monday.', terms, { article: story });
    expect(detailCoverage(detail)).toBe(1);
    expect(detailCoverage(withoutCash)).toBe(0);
  });

  it('GIVEN every question term in the lead THEN it is the plain coverage', () => {
    const only = [term('gm', true), term('buyout')];
    const sentence = candidate('GM announced the buyout.', only, { article: story });
    expect(detailCoverage(sentence)).toBe(sentence.coverage);
  });
});
