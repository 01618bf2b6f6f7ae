import { describe, expect, it } from 'vitest';
import { chooseClause, QUOTED_WHOLE } from '../../src/answer/clause.js';
import { questionTerm, rankedSentence } from '../support/rankedSentence.js';

const LONG =
  'In contrast, the humoral theory of immunity, held, among others, by Robert Koch and Emil von Behring, ' +
  'stated that the active immune agents were soluble components (molecules) found in the organism’s humors ' +
  'rather than its cells.';

describe('chooseClause', () => {
  const terms = ['humoral', 'theory', 'immunity'].map((word) => questionTerm(word));

  it('GIVEN a short sentence THEN returns it whole', () => {
    const short = rankedSentence('The humoral theory was held by Koch.', terms);
    expect(chooseClause(short, 'what')).toBe('The humoral theory was held by Koch.');
  });

  it('GIVEN a plain question THEN trims to the shortest run of clauses holding its terms', () => {
    expect(chooseClause(rankedSentence(LONG, terms), 'what', { shortEnough: 200 })).toBe(
      'In contrast, the humoral theory of immunity',
    );
  });

  it('GIVEN a sentence no longer than an answer may quote whole THEN it is quoted whole by default', () => {
    expect(LONG.length).toBeGreaterThan(200);
    expect(LONG.length).toBeLessThanOrEqual(QUOTED_WHOLE);
    expect(chooseClause(rankedSentence(LONG, terms), 'what')).toBe(LONG);
  });

  it('GIVEN a question asking for a kind of thing THEN keeps the clause naming what the question does not', () => {
    const clause = chooseClause(rankedSentence(LONG, terms), 'what', {
      shortEnough: 200,
      asksForThing: true,
    });
    expect(clause).toContain('Robert Koch and Emil von Behring');
    expect(clause.length).toBeLessThan(LONG.length);
    expect(LONG).toContain(clause);
  });

  it('GIVEN the short answer the reply leads with THEN the clause quoted holds it', () => {
    const sentence =
      'One of the first known experiments on the relationship between combustion and air was conducted by the ' +
      '2nd century BCE Greek writer on mechanics, Philo of Byzantium, in his work Pneumatica.';
    const asked = ['experiments', 'combustion', 'air', 'greek', 'writer'].map((word) => questionTerm(word));
    const ranked = rankedSentence(sentence, asked);
    expect(chooseClause(ranked, 'what', { shortEnough: 100, asksForThing: true })).not.toContain('Philo');
    const clause = chooseClause(ranked, 'what', {
      shortEnough: 100,
      asksForThing: true,
      keep: 'Philo of Byzantium',
    });
    expect(clause).toContain('Philo of Byzantium');
    expect(sentence).toContain(clause);
  });

  it('GIVEN any trimming THEN the clause is a verbatim piece of the sentence', () => {
    expect(LONG).toContain(chooseClause(rankedSentence(LONG, terms), 'what'));
  });
});

describe('chooseClause for "what did X say"', () => {
  const QUOTE =
    '“The airline would like to thank the many employees for their hard work and dedication over the years, ' +
    'and for enabling us to build a world-class aircraft fleet that is unparalleled in the aviation industry,” ' +
    'said Joe Leonard, chairman and chief operating officer of the airline.';
  const terms = [questionTerm('joe', { proper: true }), questionTerm('leonard', { proper: true })];

  it('GIVEN a plain question THEN the shortest clause with the names would do', () => {
    expect(chooseClause(rankedSentence(QUOTE, terms), 'what', { shortEnough: 200 })).not.toContain('thank');
  });

  it('GIVEN a question asking what someone said THEN keeps what was said, not only who said it', () => {
    const clause = chooseClause(rankedSentence(QUOTE, terms), 'what', { asksForStatement: true });
    expect(clause).toContain('would like to thank the many employees');
    expect(QUOTE).toContain(clause);
  });
});

describe('chooseClause on a sentence that opens by repeating the question', () => {
  const SENTENCE =
    'The Dow Jones Industrial Average, a stock market index used to gauge the performance of American ' +
    'stock exchanges, fell 344.65 points at the close of trading on Thursday after a long and nervous day.';
  const terms = ['dow', 'jones', 'industrial', 'average'].map((word) => questionTerm(word));

  it('GIVEN a clause holding only the question’s words THEN prefers one that adds something', () => {
    const clause = chooseClause(rankedSentence(SENTENCE, terms), 'what', { shortEnough: 100 });
    expect(clause).toContain('stock market index');
  });
});

describe('chooseClause on an elaborating clause', () => {
  const APPOSITIVE =
    'This traditional name continues as the standard in the United States, but it obscures the fact that ' +
    'Indians fought on both sides of the conflict, and that this was part of the Seven Years’ War, a much ' +
    'larger conflict between France and Great Britain.';
  const EXAMPLES =
    'Although building projects include common elements, such as design and legal considerations, many ' +
    'projects of varying sizes reach undesirable end results, such as structural collapse, cost overruns, ' +
    'and/or litigation.';

  it('GIVEN an appositive right after the question’s words THEN keeps it: it says what they name', () => {
    const terms = ['seven', 'years', 'war'].map((word) => questionTerm(word));
    const clause = chooseClause(rankedSentence(APPOSITIVE, terms), 'what');
    expect(clause).toContain('a much larger conflict between France and Great Britain');
    expect(APPOSITIVE).toContain(clause);
  });

  it('GIVEN "such as" after the question’s words THEN keeps the whole list, to its last item', () => {
    const terms = ['undesirable', 'end', 'results'].map((word) => questionTerm(word));
    const clause = chooseClause(rankedSentence(EXAMPLES, terms), 'what', { shortEnough: 100 });
    expect(clause).toContain('structural collapse, cost overruns, and/or litigation');
  });

  it('GIVEN "such as" after a word the question does not have THEN it is no reason to keep that clause', () => {
    const terms = ['undesirable', 'end', 'results'].map((word) => questionTerm(word));
    const clause = chooseClause(rankedSentence(EXAMPLES, terms), 'what', { shortEnough: 100 });
    expect(clause).not.toContain('design and legal');
  });
});
