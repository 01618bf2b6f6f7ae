import { describe, expect, it } from 'vitest';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import { initialismsOf, TermMatcher, type QuestionTerm } from '../../src/retrieval/termMatcher.js';

const acronym = (word: string): QuestionTerm => ({ word, stem: word, weight: 1, proper: true, verb: false });

describe('initialismsOf', () => {
  it('GIVEN runs of capitalised words THEN yields their initials, linking words skipped', () => {
    const found = initialismsOf('Officials of the Organization of American States met in New York City.');
    expect(found).toContain('oas');
    expect(found).toContain('nyc');
  });

  it('GIVEN a run that starts the sentence THEN its tail counts too', () => {
    expect(initialismsOf('The United States objected.')).toContain('us');
  });

  it('GIVEN single capitalised words THEN yields nothing', () => {
    expect(initialismsOf('Peru broke ties with Mexico.').size).toBe(0);
  });
});

describe('TermMatcher.match', () => {
  const matcher = new TermMatcher(new HashingEmbeddings(32));

  it('GIVEN an acronym in the question and the name written out in the text THEN matches it fully', () => {
    const [match] = matcher.match(
      [acronym('oas')],
      'The Organization of American States condemned the move.',
    );
    expect(match?.strength).toBe(1);
  });

  it('GIVEN an acronym whose name the text does not spell THEN does not match it', () => {
    const [match] = matcher.match([acronym('oas')], 'The Organization of Petroleum Exporting Countries met.');
    expect(match?.strength).toBe(0);
  });
});
