import { describe, expect, it } from 'vitest';
import { stem, wordFamily } from '../../src/corpus/tokens.js';
import { HashingEmbeddings } from '../../src/embeddings/hashingEmbeddings.js';
import {
  initialismsOf,
  MISSPELLED,
  misspelling,
  SAME_FAMILY,
  TermMatcher,
  type QuestionTerm,
} from '../../src/retrieval/termMatcher.js';

const properTerm = (word: string): QuestionTerm => ({
  word,
  stem: word,
  family: word,
  weight: 1,
  proper: true,
  verb: false,
});

describe('initialismsOf', () => {
  it('GIVEN runs of capitalised words THEN yields their initials, linking words skipped', () => {
    const found = initialismsOf('Officials of the Organization of American States met in New York City.');
    expect(found).toContain('oas');
    expect(found).toContain('nyc');
  });

  it('GIVEN a run that starts the sentence THEN its tail counts too', () => {
    expect(initialismsOf('The United States objected.')).toContain('us');
  });

  it('GIVEN a run naming more than the acronym ("United States Air Force") THEN its head counts too', () => {
    const found = initialismsOf('Emails among United States Air Force officials were released.');
    expect(found).toContain('usaf');
    expect(found).toContain('us');
    expect(found).toContain('af');
  });

  it('GIVEN an initialism written with stops THEN it is one, and a lone initial or a name with a dot is not', () => {
    const found = initialismsOf('The U.S. and the U.N. met J. Smith in St. Louis.');
    expect(found).toContain('us');
    expect(found).toContain('un');
    expect([...found].filter((initials) => initials.length === 1 || initials === 'js')).toEqual([]);
  });

  it('GIVEN single capitalised words THEN yields nothing', () => {
    expect(initialismsOf('Peru broke ties with Mexico.').size).toBe(0);
  });
});

describe('TermMatcher.match', () => {
  const matcher = new TermMatcher(new HashingEmbeddings(32));

  it('GIVEN an acronym in the question and the name written out in the text THEN matches it fully', () => {
    const [match] = matcher.match(
      [properTerm('oas')],
      'The Organization of American States condemned the move.',
    );
    expect(match?.strength).toBe(1);
  });

  it('GIVEN an acronym whose name the text does not spell THEN does not match it', () => {
    const [match] = matcher.match(
      [properTerm('oas')],
      'The Organization of Petroleum Exporting Countries met.',
    );
    expect(match?.strength).toBe(0);
  });

  it('GIVEN a word of the same family ("improvement" for "improved") THEN matches it most of the way', () => {
    const term = { word: 'improved', stem: stem('improved'), family: wordFamily('improved') };
    const [match] = matcher.match(
      [{ ...term, weight: 1, proper: false, verb: true }],
      'Bento de Moura introduced an ingenious improvement of the pump.',
    );
    expect(match).toMatchObject({ strength: SAME_FAMILY, matched: 'improvement' });
  });

  it('GIVEN a month THEN another month does not match it, however close their word vectors', () => {
    const december = {
      word: 'december',
      stem: 'december',
      family: 'decemb',
      weight: 1,
      proper: false,
      verb: false,
    };
    // Every word the same vector: the closest word vectors can put two words.
    const alike = Object.assign(new HashingEmbeddings(32), {
      embed: () => [1, ...new Array<number>(31).fill(0)],
    });
    const [match] = new TermMatcher(alike).match([december], 'Henderson resigned on June 1.');
    expect(match?.strength).toBe(0);
    const quit = { ...december, word: 'quit', stem: 'quit', family: 'quit' };
    const [plain] = new TermMatcher(alike).match([quit], 'Henderson resigned.');
    expect(plain?.strength).toBe(1);
  });

  it('GIVEN a whole number THEN a number with decimals cut or rounded to it matches, another number does not', () => {
    const number = { word: '344', stem: '344', family: '344', weight: 1, proper: false, verb: false };
    const matcher = new TermMatcher(new HashingEmbeddings(32));
    const fall = "The Dow's 344.65-point fall left it at 11,188.73.";
    expect(matcher.match([number], fall)[0]?.strength).toBe(1);
    expect(matcher.match([number], 'The Dow fell 34.4 points.')[0]?.strength).toBe(0);
    const rounded = { ...number, word: '345', stem: '345', family: '345' };
    expect(matcher.match([rounded], fall)[0]?.strength).toBe(1);
    const thousands = { ...number, word: '11,189', stem: '11,189', family: '11,189' };
    expect(matcher.match([thousands], fall)[0]?.strength).toBe(1);
    const small = { ...number, word: '1', stem: '1', family: '1' };
    expect(matcher.match([small], 'It rose 1.5 percent.')[0]?.strength).toBe(0);
  });

  it.each([
    ['10,000', 'The Dow has a value of 9936.94 points, below the ten thousand mark.', 1],
    ['250', 'It will cut two hundred and fifty jobs.', 1],
    ['8', 'Over eight million iPhones were sold.', 1],
    ['6', 'It closed at its lowest level in over six years.', 1],
    ['1', 'The FTSE hit a one-year high.', 1],
    ['1', 'One of the plants will close.', 0],
    ['20', 'It will cut two hundred jobs.', 0],
    ['2', 'It will cut two hundred jobs.', 0],
  ])(
    'GIVEN the digits %s and a text writing numbers in words ("%s") THEN the match is %d',
    (digits, text, strength) => {
      const number = { word: digits, stem: digits, family: digits, weight: 1, proper: false, verb: false };
      const matcher = new TermMatcher(new HashingEmbeddings(32));
      expect(matcher.match([number], text)[0]?.strength).toBe(strength);
    },
  );

  it('GIVEN no word of its family THEN the family gives nothing', () => {
    const term = { word: 'improved', stem: stem('improved'), family: wordFamily('improved') };
    const [match] = matcher.match(
      [{ ...term, weight: 1, proper: false, verb: true }],
      'Bento de Moura introduced an ingenious change to the pump.',
    );
    expect(match?.strength ?? 0).toBeLessThan(SAME_FAMILY);
  });
});

describe('misspelling', () => {
  it.each([
    ['dusquesne', 'duquesne'],
    ['boularte', 'boluarte'],
    ['chavezz', 'chavez'],
  ])('GIVEN "%s" typed for "%s" THEN it is the same name misspelled', (typed, word) => {
    expect(misspelling(typed, word)).toBe(true);
  });

  it.each([
    ['lima', 'lina'],
    ['austria', 'australia'],
    ['peru', 'perus'],
    ['mexico', 'mexico'],
    ['jones', 'bones'],
  ])('GIVEN "%s" and "%s" THEN they are not taken for one name', (typed, word) => {
    expect(misspelling(typed, word)).toBe(false);
  });
});

describe('TermMatcher.match on words no article uses', () => {
  const matcher = new TermMatcher(new HashingEmbeddings(32));
  const typed = (word: string, unseen: boolean): QuestionTerm => ({
    word,
    stem: stem(word),
    family: wordFamily(word),
    weight: 1,
    proper: false,
    verb: false,
    ...(unseen ? { unseen } : {}),
  });

  it('GIVEN a word typed one letter off ("targt") THEN matches the word almost fully', () => {
    const [match] = matcher.match([typed('targt', true)], 'The Fed kept its target rate at 5.25%.');
    expect(match).toMatchObject({ strength: MISSPELLED, matched: 'target' });
  });

  it('GIVEN a word the articles use THEN a word one letter off is another word, not a typo', () => {
    const [match] = matcher.match([typed('prize', false)], 'The price of oil rose.');
    expect(match?.strength ?? 0).toBeLessThan(MISSPELLED);
  });

  it('GIVEN an unseen word with a word of its family in the text THEN the family match stands', () => {
    const [match] = matcher.match([typed('originally', true)], 'The original home of Douglas Aircraft.');
    expect(match).toMatchObject({ strength: SAME_FAMILY, matched: 'original' });
  });
});

describe('TermMatcher.match on names', () => {
  const matcher = new TermMatcher(new HashingEmbeddings(32));

  it('GIVEN a name typed one letter off THEN matches it almost fully, below an exact mention', () => {
    const name = properTerm('boularte');
    const [typo] = matcher.match([name], 'Castillo was succeeded by Dina Boluarte.');
    expect(typo?.strength).toBeGreaterThan(0.5);
    expect(typo?.strength).toBeLessThan(1);
  });

  it('GIVEN a different name THEN does not match it', () => {
    const [other] = matcher.match([properTerm('okafor')], 'Castillo was succeeded by Dina Boluarte.');
    expect(other?.strength).toBe(0);
  });
});

describe('TermMatcher.questionTerms', () => {
  const matcher = new TermMatcher(new HashingEmbeddings(32));
  const termsOf = (question: string) =>
    matcher
      .questionTerms(
        question,
        () => 1,
        () => true,
      )
      .map((term) => term.word);

  it('GIVEN "how old", "how long" THEN the measure is not a term: the answer gives a number, not the word', () => {
    expect(termsOf('How old is the mayor?')).toEqual(['mayor']);
    expect(termsOf('How long did the strike last?')).toEqual(['strike', 'last']);
  });

  it('GIVEN a word of five letters or more that no article uses THEN it may be a typo; a short one may not', () => {
    const unseen = matcher
      .questionTerms(
        'fed targt rate in aug',
        () => 1,
        (termStem) => termStem !== 'targt' && termStem !== 'aug',
      )
      .filter((term) => term.unseen)
      .map((term) => term.word);
    expect(unseen).toEqual(['targt']);
  });

  it('GIVEN a hedge or emphasis ("exactly", "actually") THEN it is no term: an answer need not repeat it', () => {
    expect(termsOf('exactly how many points did the dow lose?')).toEqual(['points', 'dow', 'lose']);
    expect(termsOf('What did the minister actually say?')).toEqual(['minister']);
  });

  it('GIVEN the same word elsewhere THEN it stays a term', () => {
    expect(termsOf('Who restored the old harbour?')).toContain('old');
  });

  const weightsOf = (question: string) =>
    new Map(
      matcher
        .questionTerms(
          question,
          () => 1,
          () => true,
        )
        .map((term) => [term.word, term.weight]),
    );

  it('GIVEN "the full name of", "the term for" THEN those words weigh less than the topic', () => {
    const weights = weightsOf('What is the full name of the ASER?');
    expect(weights.get('full')).toBeLessThan(0.5);
    expect(weights.get('name')).toBeLessThan(0.5);
    expect(weights.get('aser')).toBe(1);
    expect(weightsOf('What is the Irish term for private schools?').get('term')).toBeLessThan(0.5);
  });

  it('GIVEN "name" as the topic THEN it keeps its weight', () => {
    expect(weightsOf('Why did the club change its name?').get('name')).toBe(1);
  });

  it('GIVEN initials written with stops ("U.S.") THEN they are one name, which the name written out matches', () => {
    const names = matcher
      .questionTerms(
        'Why did the U.S. raise tariffs?',
        () => 1,
        () => true,
      )
      .filter((term) => term.proper);
    expect(names.map((term) => term.word)).toEqual(['us']);
    expect(
      matcher
        .questionTerms(
          'Why did tariffs (in the U.S.) rise?',
          () => 1,
          () => true,
        )
        .filter((term) => term.proper)
        .map((term) => term.word),
    ).toEqual(['us']);
    expect(matcher.match(names, 'The United States raised tariffs.')[0]?.strength).toBe(1);
  });
});
