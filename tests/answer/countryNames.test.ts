import { describe, expect, it } from 'vitest';
import { countryStandIns } from '../../src/answer/countryNames.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { TermMatcher } from '../../src/retrieval/termMatcher.js';

const matcher = new TermMatcher(new HashingEmbeddings(64));
const termsOf = (question: string) =>
  matcher.questionTerms(
    question,
    () => 1,
    () => true,
  );

describe('countryStandIns', () => {
  it('GIVEN a demonym in the question THEN the sentence naming the country matches it', () => {
    const terms = termsOf('Which Japanese insurer went bankrupt?');
    const standIns = countryStandIns(terms);
    const japanese = matcher
      .match(terms, 'Japan saw the collapse of Yamato Life.', standIns)
      .find((match) => match.term.word === 'japanese');
    expect(japanese?.strength).toBe(1);
  });

  it('GIVEN "nationality" in the question THEN any demonym matches it, and a country name alone does not', () => {
    const terms = termsOf('What is the nationality of the writer?');
    const nationality = (text: string) =>
      matcher.match(terms, text, countryStandIns(terms)).find((match) => match.term.word === 'nationality');
    expect(nationality('The writer is Venezuelan.')?.strength).toBe(1);
    expect(nationality('The writer lives in Venezuela.')?.strength).toBeLessThan(1);
  });

  it('GIVEN a country in the question THEN its demonym matches, plural too', () => {
    const terms = termsOf('What did Mexico offer Peru?');
    const matches = matcher.match(terms, 'Mexican diplomats met Peruvians in Lima.', countryStandIns(terms));
    expect(matches.filter((match) => match.term.proper).map((match) => match.strength)).toEqual([1, 1]);
  });

  it('GIVEN the initials of a country of several words THEN its demonym stands in for them', () => {
    expect(countryStandIns(termsOf('Which US senator spoke?')).get('us')).toContain('american');
    expect(countryStandIns(termsOf('Which UK bank failed?')).get('uk')).toContain('british');
  });

  it('GIVEN a demonym of a country of several words THEN the name written out matches it by its initials', () => {
    const terms = termsOf('Which British prime minister spoke?');
    const british = matcher
      .match(
        terms,
        'Several United Kingdom politicians, including Gordon Brown, spoke.',
        countryStandIns(terms),
      )
      .find((match) => match.term.word === 'british');
    expect(british?.strength).toBe(1);
  });

  it('GIVEN names that are no country THEN nothing stands in', () => {
    expect(countryStandIns(termsOf('Who did Boeing hire in Seattle?')).size).toBe(0);
  });

  it('GIVEN a country THEN only its names in the Latin alphabet stand in, none of the native scripts', () => {
    const names = countryStandIns(termsOf('What did China export?')).get('china') ?? [];
    expect(names).toContain('chines');
    expect(names.every((name) => /^[a-z]+$/.test(name))).toBe(true);
  });
});
