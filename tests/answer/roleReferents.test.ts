import { describe, expect, it } from 'vitest';
import { stem } from '../../src/corpus/tokens.js';
import { nameStandIns, roleStandIns } from '../../src/answer/roleReferents.js';
import type { Person } from '../../src/answer/types.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { TermMatcher } from '../../src/retrieval/termMatcher.js';

const matcher = new TermMatcher(new HashingEmbeddings(64));
const person = (name: string, roles: string[], aliases: string[] = []): Person => ({
  name,
  roles,
  aliases,
  summary: '',
  citations: [],
});
const people = [
  person('Lucia Brandt', ['Mayor of Port Alden'], ['Brandt']),
  person('Tomas Okafor', ['former harbour master']),
];
const termsOf = (question: string) =>
  matcher.questionTerms(
    question,
    () => 1,
    () => true,
  );

describe('roleStandIns', () => {
  it('GIVEN a question naming someone by role THEN their name stands in for the role words', () => {
    const standIns = roleStandIns(termsOf('What did the former harbour master warn about?'), people, matcher);
    // Keyed by stem, which reads "harbour" as "harbor".
    expect(standIns.get(stem('harbour'))).toEqual(['toma', 'okafor']);
    expect(standIns.get('master')).toEqual(['toma', 'okafor']);
  });

  it('GIVEN only a modifier in common THEN nobody is meant', () => {
    expect(roleStandIns(termsOf('What did the former owner sell?'), people, matcher).size).toBe(0);
  });

  it('GIVEN a single role word THEN it is too weak to name anyone', () => {
    expect(roleStandIns(termsOf('Which mayor spoke?'), people, matcher).size).toBe(0);
  });
});

describe('nameStandIns', () => {
  it('GIVEN a question giving someone’s full name THEN each name word stands in for the others', () => {
    const terms = termsOf('How old is Lucia Brandt?');
    const standIns = nameStandIns(terms, people);
    expect(standIns.get('lucia')).toContain('brandt');
    const [lucia] = matcher.match(
      terms.filter((term) => term.word === 'lucia'),
      'Brandt, 51, was elected in May.',
      standIns,
    );
    expect(lucia?.strength).toBe(1);
  });

  it('GIVEN only one word of a name THEN stands in nothing (it may be someone else)', () => {
    expect(nameStandIns(termsOf('How old is Brandt?'), people).size).toBe(0);
  });
});
