import { describe, expect, it } from 'vitest';
import {
  answerabilityFeatures,
  typedCoverageOf,
  unanswerableProbability,
} from '../../src/answer/answerability.js';
import { FITTED_MODELS } from '../../src/answer/fittedModels.js';
import { shapeScore } from '../../src/answer/answerShape.js';
import { questionKind } from '../../src/answer/question.js';
import { questionTerm, rankedSentence } from '../support/rankedSentence.js';

function features(
  question: string,
  sentence: string,
  words: string[],
  scores = [10, 6],
  metadata: { title?: string; published?: string } = {},
) {
  const terms = words.map((word) => questionTerm(word, { proper: /^\p{Lu}/u.test(word) }));
  const lowered = terms.map((term) => ({
    ...term,
    word: term.word.toLowerCase(),
    stem: term.stem.toLowerCase(),
    family: term.family.toLowerCase(),
  }));
  const kind = questionKind(question);
  return answerabilityFeatures(
    question,
    kind,
    undefined,
    rankedSentence(sentence, lowered, {
      article: { metadata: { title: '', ...metadata }, paragraphs: [] } as never,
    }),
    // As the ranker would find it for a question that sets no exact form and asks for no kind of entity.
    { shape: shapeScore(kind, sentence), entityType: 0 },
    false,
    scores,
  );
}

describe('answerabilityFeatures', () => {
  it('GIVEN a year in the question that the sentence does not have THEN marks the number missing', () => {
    const asked = 'Who led the reinforcements in 1765?';
    expect(
      features(asked, 'Montcalm led the reinforcements in 1756.', ['led', 'reinforcements', '1765'])
        .missingNumber,
    ).toBe(1);
    expect(
      features(asked, 'Montcalm led the reinforcements in 1765.', ['led', 'reinforcements', '1765'])
        .missingNumber,
    ).toBe(0);
  });

  it('GIVEN a letter naming one of a series ("vitamin K") that the sentence lacks THEN marks it missing', () => {
    const asked = 'What binds to vitamin K?';
    const words = ['binds', 'vitamin', 'k'];
    expect(features(asked, 'The T-cell binds to vitamin D.', words).missingNumber).toBe(1);
    expect(features(asked, 'The T-cell binds to vitamin K.', words).missingNumber).toBe(0);
  });

  it('GIVEN a name only the article’s headline gives THEN it is not missing from the sentences below', () => {
    const asked = "Who is the chairman of Russia's central bank?";
    const words = ['chairman', 'Russia', 'central', 'bank'];
    const sentence = 'Central bank chairman Sergei Ignatiev announced new reserve rules.';
    const headline = { title: 'Russia closes its stock markets for two days' };
    expect(features(asked, sentence, words, [10, 6], headline).missingName).toBe(0);
    expect(features(asked, sentence, words, [10, 6], { title: 'Markets close' }).missingName).toBe(1);
  });

  it('GIVEN an acronym of the headline’s name ("GM" for "General Motors") THEN it is not missing either', () => {
    const asked = 'Who did GM name as chief executive?';
    const words = ['GM', 'name', 'chief', 'executive'];
    const sentence = 'The board named Mary Barra as chief executive.';
    const headline = { title: 'Mary Barra appointed as General Motors chief' };
    expect(features(asked, sentence, words, [10, 6], headline).missingName).toBe(0);
  });

  it('GIVEN a negative question and a positive sentence THEN says the negation is only in the question', () => {
    const words = ['war', 'fought'];
    expect(
      features("Where wasn't the war fought?", 'The war was fought in Ohio.', words).negationOnlyInQuestion,
    ).toBe(1);
    expect(
      features('Where was the war fought?', 'The war was fought in Ohio.', words).negationOnlyInQuestion,
    ).toBe(0);
    expect(
      features('What cannot be solved by mechanical steps?', 'Problems are solved by mechanical steps.', [
        'solved',
        'mechanical',
        'steps',
      ]).negationOnlyInQuestion,
    ).toBe(1);
  });

  it('GIVEN "without" in the question or the sentence THEN it is no negation', () => {
    const words = ['war', 'fought'];
    const asked = 'Where was the war fought without allies?';
    expect(features(asked, 'The war was fought in Ohio.', words).negationOnlyInQuestion).toBe(0);
    const never = "Where wasn't the war fought?";
    expect(features(never, 'The war was fought without allies.', words).negationOnlyInQuestion).toBe(1);
  });

  it('GIVEN "said no" in the question THEN the refusal reported is no negation', () => {
    const words = ['bondholders', 'bankruptcy'];
    const asked = 'Who expected bankruptcy after the bondholders said no?';
    const sentence = 'They will file for bankruptcy, said a professor.';
    expect(features(asked, sentence, words).negationOnlyInQuestion).toBe(0);
    const denied = 'Who said the bondholders would not face bankruptcy?';
    expect(features(denied, sentence, words).negationOnlyInQuestion).toBe(1);
  });

  it('GIVEN a close runner-up THEN counts both shown sentences in the confidence', () => {
    const words = ['war', 'fought'];
    const clear = features('Where was the war fought?', 'The war was fought in Ohio.', words, [10, 6]);
    const tie = features('Where was the war fought?', 'The war was fought in Ohio.', words, [10, 9.9]);
    expect(tie.confidence).toBeGreaterThan(0.95);
    expect(clear.confidence).toBeLessThan(tie.confidence);
  });
});

describe('unanswerableProbability', () => {
  it('GIVEN the same sentence THEN a question naming a missing name is likelier unanswerable', () => {
    const sentence = 'The governor signed the budget on Friday.';
    const named = features('Did Senator Okafor sign the budget?', sentence, ['Okafor', 'sign', 'budget']);
    const plain = features('Who signed the budget?', sentence, ['signed', 'budget']);
    expect(unanswerableProbability(named, FITTED_MODELS.answerability)).toBeGreaterThan(
      unanswerableProbability(plain, FITTED_MODELS.answerability),
    );
  });

  it('GIVEN a question asking for a name and a sentence naming no one new THEN the attribute is missing', () => {
    const words = ['Chavez', 'lawyer', 'name'];
    const nameless = features(
      "What is Chavez's lawyer's name?",
      'On October 24 her lawyer met Chavez in court.',
      words,
    );
    expect(nameless.missingAttribute).toBe(1);
    const named = features(
      "What is Chavez's lawyer's name?",
      'Her lawyer, Raul Noblecilla, met Chavez.',
      words,
    );
    expect(named.missingAttribute).toBe(0);
    expect(unanswerableProbability(nameless, FITTED_MODELS.answerability)).toBeGreaterThan(
      unanswerableProbability(named, FITTED_MODELS.answerability),
    );
  });

  it.each([
    [
      'Which judge is overseeing the GM bankruptcy case?',
      ['judge', 'overseeing', 'GM', 'bankruptcy', 'case'],
    ],
    ['Who were the pilots on the first flight?', ['pilots', 'first', 'flight']],
  ])('GIVEN "%s" and a sentence calling no one that THEN the attribute is missing', (question, words) => {
    const sentence = 'The GM bankruptcy case began on the first flight, said analyst Himanshu Patel.';
    expect(features(question, sentence, words).missingAttribute).toBe(1);
    const stated =
      'Judge Robert Gerber and pilots Mike Carriker and Randy Neville took the GM case on its first flight.';
    expect(features(question, stated, words).missingAttribute).toBe(0);
  });

  it('GIVEN a role noun used as an adjective ("which major airline") THEN no role is asked', () => {
    const words = ['major', 'airline', 'ordered', 'planes'];
    const sentence = 'ANA ordered 55 planes.';
    expect(features('Which major airline ordered the planes?', sentence, words).missingAttribute).toBe(0);
    const witnesses = features('Who were the witnesses of the crash?', 'Two people saw the crash.', [
      'witnesses',
      'crash',
    ]);
    expect(witnesses.missingAttribute).toBe(1);
  });

  it('GIVEN "which diplomat" and a sentence naming an ambassador THEN the nearer word says the role', () => {
    const question = 'Which diplomat has a strict deadline to depart?';
    const terms = ['diplomat', 'strict', 'deadline'].map((word) => questionTerm(word));
    const sentence = 'Jerí said that Mexican ambassador Karla Ornela has a strict deadline to leave.';
    const candidate = rankedSentence(sentence, terms);
    // The word-vector match the term matcher gives "ambassador" for "diplomat".
    const near = (matches: typeof candidate.matches) =>
      matches.map((match) =>
        match.term.word === 'diplomat' ? { ...match, strength: 0.499, matched: 'ambassador' } : match,
      );
    const withNear = {
      ...candidate,
      matches: near(candidate.matches),
      contextMatches: near(candidate.contextMatches),
    };
    const kind = questionKind(question);
    const missingAttributeOf = (said: typeof candidate) =>
      answerabilityFeatures(question, kind, undefined, said, { shape: 0.5, entityType: 1 }, true, [10, 6])
        .missingAttribute;
    expect(missingAttributeOf(withNear)).toBe(0);
    expect(missingAttributeOf(candidate)).toBe(1);
  });

  it.each([
    ['What salary will Barra get as chief executive?', ['salary', 'Barra', 'chief', 'executive']],
    ["What is Barra's salary?", ['Barra', 'salary']],
  ])('GIVEN "%s" and a sentence with no salary THEN the attribute is missing', (question, words) => {
    const sentence = 'The carmaker today named Barra as its new chief executive.';
    expect(features(question, sentence, words).missingAttribute).toBe(1);
    const paid = 'Barra will earn a salary of $1.6 million as chief executive.';
    expect(features(question, paid, words).missingAttribute).toBe(0);
  });

  it('GIVEN a measured attribute the sentence never mentions THEN it is missing', () => {
    const attribute = features('What is the population of Lima?', 'Lima is the capital of Peru.', [
      'population',
      'Lima',
    ]);
    expect(attribute.missingAttribute).toBe(1);
  });

  it('GIVEN a sentence saying the opposite of a word it lacks ("after" for "before") THEN it contradicts', () => {
    const words = ['proteins', 'activate', 'bind'];
    const opposite = features(
      'What do the proteins activate before they bind?',
      'After the proteins bind, they activate their protease.',
      words,
    );
    expect(opposite.contradicted).toBe(1);
  });

  it('GIVEN a yes/no question and the opposite in the sentence THEN that is its answer (a no), not a contradiction', () => {
    const words = ['dollar', 'rise', 'yen'];
    const sentence = 'The dollar fell against the yen on Friday.';
    expect(features('Why did the dollar rise against the yen?', sentence, words).contradicted).toBe(1);
    expect(features('Did the dollar rise against the yen?', sentence, words).contradicted).toBe(0);
  });

  it('GIVEN the question has both words, or the sentence has the asked one too THEN nothing is contradicted', () => {
    const words = ['proteins', 'activate', 'bind'];
    expect(
      features(
        'What do the proteins activate after they bind, before they split?',
        'After the proteins bind, they activate their protease.',
        words,
      ).contradicted,
    ).toBe(0);
    expect(
      features(
        'What do the proteins activate before they bind?',
        'Before the proteins bind, and after they fold, they activate their protease.',
        words,
      ).contradicted,
    ).toBe(0);
  });

  it('GIVEN a year the question gives and the sentence lacks THEN the number is missing, and likelier unanswerable', () => {
    const words = ['led', 'reinforcements', '1765'];
    const changed = features(
      'Who led the reinforcements in 1765?',
      'Montcalm led the reinforcements in 1756.',
      words,
    );
    const kept = features(
      'Who led the reinforcements in 1765?',
      'Montcalm led the reinforcements in 1765.',
      words,
    );
    expect(changed.missingNumber).toBe(1);
    expect(unanswerableProbability(changed, FITTED_MODELS.answerability)).toBeGreaterThan(
      unanswerableProbability(kept, FITTED_MODELS.answerability),
    );
  });

  it('GIVEN the date asked is the article’s publication date THEN the number counts as there', () => {
    const asked = 'What did Peru announce on November 3?';
    const words = ['peru', 'announce', 'november', '3'];
    const sentence = 'On Monday, Peru will announce that it breaks ties, ministers said in November.';
    expect(features(asked, sentence, words, [10, 6], { published: '2025-11-03' }).missingNumber).toBe(0);
    expect(features(asked, sentence, words, [10, 6], { published: '2025-11-04' }).missingNumber).toBe(1);
    const monthOnly = features(
      'What did Peru announce in November?',
      'On Monday, Peru will announce that it breaks ties.',
      ['peru', 'announce', 'november'],
      [10, 6],
      { published: '2025-11-03' },
    );
    expect(monthOnly.missingNouns).toBe(0);
  });
});

describe('answerability on the kind asked for', () => {
  it('GIVEN a "who" question and a sentence naming no one THEN the kind asked for is missing', () => {
    const logo = questionTerm('logo');
    const bridge = questionTerm('bridge');
    const candidate = rankedSentence('The city opened the new bridge on Monday.', [bridge, logo]);
    const found = answerabilityFeatures(
      'Who designed the bridge logo?',
      'who',
      undefined,
      candidate,
      { shape: 1, entityType: 0 },
      true,
      [10, 6],
    );
    expect(found.entityMissing).toBe(1);
  });

  it('GIVEN candidates of the kind asked for and not THEN the typed coverage is the best of the former', () => {
    const terms = [questionTerm('bridge'), questionTerm('opened')];
    const named = rankedSentence('Mayor Lucia Brandt said the bridge cost a lot.', terms);
    const unnamed = rankedSentence('The bridge opened on Monday.', terms);
    const candidates = [
      { candidate: unnamed, features: { entityType: 0 } },
      { candidate: named, features: { entityType: 1 } },
    ];
    expect(typedCoverageOf(candidates, true)).toBe(0.5);
    expect(typedCoverageOf(candidates, false)).toBe(1);
  });
});

describe('answerability on whether the best sentence holds the thing asked for', () => {
  /** Features for question terms of given weights (the rarest weighs most), the first one a verb. */
  function weighted(question: string, sentence: string, terms: readonly [string, number][]) {
    const kind = questionKind(question);
    const questionTerms = terms.map(([word, weight], position) => ({
      ...questionTerm(word, { verb: position === 0 }),
      weight,
    }));
    return answerabilityFeatures(
      question,
      kind,
      undefined,
      rankedSentence(sentence, questionTerms),
      { shape: shapeScore(kind, sentence), entityType: 0 },
      false,
      [10, 6],
    );
  }

  it('GIVEN the sentence lacks the question’s rarest noun THEN its focus is missing, and not otherwise', () => {
    const asked = 'Who designed the logo of the bridge?';
    const terms: [string, number][] = [
      ['designed', 1],
      ['bridge', 1],
      ['logo', 3],
    ];
    expect(weighted(asked, 'Smith designed the bridge.', terms).focusMissing).toBe(1);
    expect(weighted(asked, 'Smith designed the logo.', terms).focusMissing).toBe(0);
    expect(weighted(asked, 'Smith designed the logo of the bridge.', terms).focusMissing).toBe(0);
  });

  it('GIVEN a verb is all the sentence lacks THEN the focus is not missing: it is a noun or a name', () => {
    const terms: [string, number][] = [
      ['built', 5],
      ['bridge', 1],
    ];
    expect(weighted('Who built the bridge?', 'Smith painted the bridge.', terms).focusMissing).toBe(0);
  });

  it('GIVEN a count asked and a number only among the question’s words THEN the new shape is missing', () => {
    const asked = 'How many iPhone 4 orders did Apple take?';
    const terms: [string, number][] = [
      ['take', 1],
      ['iphone', 2],
      ['4', 2],
      ['orders', 1],
      ['apple', 1],
    ];
    expect(weighted(asked, 'Orders of the iPhone 4 began at Apple on Tuesday.', terms).newShapeMissing).toBe(
      1,
    );
    expect(weighted(asked, 'Apple took 600,000 orders of the iPhone 4.', terms).newShapeMissing).toBe(0);
    // No number at all is `shapeMissing`, not this.
    expect(weighted(asked, 'Orders of the phone began at Apple.', terms).newShapeMissing).toBe(0);
  });
});

describe('answerability on the question’s detail terms', () => {
  const story = {
    metadata: { title: 'GM offers buyouts to workers', language: 'en' },
    text: 'GM offered a buyout package to its workers.',
    paragraphs: [{ number: 1, text: 'GM offered a buyout package to its workers.', start: 0, end: 43 }],
  } as never;
  const terms = [questionTerm('offering', { verb: true }), questionTerm('gm'), questionTerm('cash')];

  function detailsMissing(sentence: string): number {
    return answerabilityFeatures(
      'How much cash is GM offering?',
      'how-much',
      undefined,
      rankedSentence(sentence, terms, { article: story }),
      { shape: 1, entityType: 0 },
      false,
      [10, 6],
    ).missingNouns;
  }

  it('GIVEN a best sentence lacking a term the article’s lead does not have THEN that term is missing', () => {
    expect(detailsMissing('The package is worth $20,000 to each worker.')).toBeGreaterThan(0);
    expect(detailsMissing('The package includes a cash payment of $20,000.')).toBe(0);
  });

  it('GIVEN a name the article’s lead sentence gives THEN it is not missing from the sentences below', () => {
    const named = [questionTerm('cash'), questionTerm('gm', { proper: true })];
    const missingName = (article: unknown) =>
      answerabilityFeatures(
        'How much cash is GM offering?',
        'how-much',
        undefined,
        rankedSentence('The package includes a cash payment of $20,000.', named, {
          article: article as never,
        }),
        { shape: 1, entityType: 0 },
        false,
        [10, 6],
      ).missingName;
    expect(missingName(story)).toBe(0);
    const elsewhere = 'The carmaker offered a buyout package to its workers.';
    expect(
      missingName({
        metadata: { title: 'Buyouts offered', language: 'en' },
        text: elsewhere,
        paragraphs: [{ number: 1, text: elsewhere, start: 0, end: elsewhere.length }],
      }),
    ).toBe(1);
  });

  it('GIVEN a noun only the article’s lead sentence gives THEN no noun is missing either', () => {
    const nouns = [questionTerm('cash'), questionTerm('buyout')];
    const found = answerabilityFeatures(
      'How much cash is in the buyout?',
      'how-much',
      undefined,
      rankedSentence('It includes a cash payment of $20,000.', nouns, { article: story }),
      { shape: 1, entityType: 0 },
      false,
      [10, 6],
    );
    expect(found.missingNouns).toBe(0);
    expect(found.focusMissing).toBe(0);
  });

  it('GIVEN a number only the article’s lead sentence gives THEN it is not missing', () => {
    const numbered = (lead: string) => {
      const article = {
        metadata: { title: 'Buyouts offered', language: 'en' },
        text: lead,
        paragraphs: [{ number: 1, text: lead, start: 0, end: lead.length }],
      } as never;
      return answerabilityFeatures(
        'How much cash is in the 2009 buyout?',
        'how-much',
        undefined,
        rankedSentence(
          'It includes a cash payment of $20,000.',
          [questionTerm('cash'), questionTerm('2009')],
          {
            article,
          },
        ),
        { shape: 1, entityType: 0 },
        false,
        [10, 6],
      ).missingNumber;
    };
    expect(numbered('GM offered a 2009 buyout package to its workers.')).toBe(0);
    expect(numbered('GM offered a buyout package to its workers.')).toBe(1);
  });

  it('GIVEN the rarest noun names the story THEN the focus is the rarest of the others', () => {
    const focused = (sentence: string) =>
      answerabilityFeatures(
        'How much cash is in the buyout?',
        'how-much',
        undefined,
        rankedSentence(sentence, [{ ...questionTerm('buyout'), weight: 3 }, questionTerm('cash')], {
          article: story,
        }),
        { shape: 1, entityType: 0 },
        false,
        [10, 6],
      ).focusMissing;
    expect(focused('It is worth $20,000 to each worker.')).toBe(1);
    expect(focused('It includes a cash payment of $20,000.')).toBe(0);
  });

  it('GIVEN a term only the article’s headline and lead have THEN its absence is no missing detail', () => {
    // "gm" names the story; "cash" is there, so nothing the question details is missing.
    expect(detailsMissing('It includes a cash payment of $20,000.')).toBe(0);
  });
});

describe('answerability on a date in the sentence before the act', () => {
  it('GIVEN "when" and the date only in the sentence before, in the same paragraph THEN the shape is not missing', () => {
    const asked = 'When was the expansion approved?';
    const terms = [questionTerm('expansion'), questionTerm('approved', { verb: true })];
    const shapeMissing = (context: string[]) =>
      answerabilityFeatures(
        asked,
        'when',
        undefined,
        rankedSentence('It approved the expansion by a wide margin.', terms, { context }),
        { shape: 0, entityType: 0 },
        false,
        [10, 6],
      ).shapeMissing;
    expect(shapeMissing(['The board met on March 3.'])).toBe(0);
    expect(shapeMissing(['The board met in the harbour office.'])).toBe(1);
    expect(shapeMissing([])).toBe(1);
  });
});
