import { describe, expect, it } from 'vitest';
import { entityTypeMatch, expectedEntityTypes } from '../../src/answer/answerType.js';
import { questionTerm, rankedSentence } from '../support/rankedSentence.js';

describe('entityTypeMatch', () => {
  it('GIVEN a person asked for and one named beyond the question THEN matches fully', () => {
    const candidate = rankedSentence('The council appointed Maria Okafor on Tuesday.', [
      questionTerm('appointed'),
    ]);
    expect(entityTypeMatch(['person'], candidate)).toBe(1);
  });

  it('GIVEN the only person is the one the question names THEN that is no answer', () => {
    const candidate = rankedSentence('Maria Okafor arrived on Tuesday.', [
      questionTerm('maria', { proper: true }),
      questionTerm('okafor', { proper: true }),
    ]);
    expect(entityTypeMatch(['person'], candidate)).toBe(0);
  });

  it('GIVEN a sentence opening on "She" after one naming a person THEN the pronoun stands for that person', () => {
    const terms = [questionTerm('oversee'), questionTerm('dredging')];
    const alone = rankedSentence('She will oversee the dredging.', terms);
    const after = rankedSentence('She will oversee the dredging.', terms, {
      context: ['The council appointed a coordinator, Maria Okafor, on Tuesday.'],
    });
    expect(entityTypeMatch(['person'], alone)).toBe(0);
    expect(entityTypeMatch(['person'], after)).toBe(1);
  });

  it('GIVEN "which diplomat" met by "ambassador", a more specific word THEN it answers in part', () => {
    const diplomat = { ...questionTerm('diplomat') };
    const candidate = rankedSentence('The government recalled its ambassador on Friday.', []);
    const matched = { ...candidate, matches: [{ term: diplomat, strength: 0.7, matched: 'ambassador' }] };
    expect(entityTypeMatch(['person'], matched, 'diplomat')).toBe(0.5);
    expect(entityTypeMatch(['person'], matched)).toBe(0);
  });

  it('GIVEN "what percentage" met only by "amount", a word near it THEN no quantity is named, so nothing matches', () => {
    const percentage = { ...questionTerm('percentage') };
    const candidate = rankedSentence('The amount of notes tendered was far less than required.', []);
    const matched = { ...candidate, matches: [{ term: percentage, strength: 0.6, matched: 'amount' }] };
    expect(entityTypeMatch(['percent', 'number', 'money'], matched, 'percentage')).toBe(0);
  });

  it('GIVEN a question asking for no kind of entity THEN nothing matches', () => {
    expect(entityTypeMatch([], rankedSentence('Maria Okafor spoke.', []))).toBe(0);
  });
});

describe('expectedEntityTypes', () => {
  it('GIVEN "what share of" THEN a proportion answers; GIVEN "what share price" THEN only money', () => {
    expect(expectedEntityTypes('What share of the market does it hold?', 'what', 'share')).toContain(
      'percent',
    );
    expect(expectedEntityTypes('What share price did Old Mutual close at?', 'what', 'price')).toEqual([
      'money',
    ]);
  });

  it('GIVEN "how long is" a thing THEN a length answers as well as a span of time; "how long did" wants time', () => {
    expect(expectedEntityTypes('How long is the section near Chur?', 'other', undefined)).toContain('number');
    expect(expectedEntityTypes('How long did the strike last?', 'other', undefined)).not.toContain('number');
  });
});
