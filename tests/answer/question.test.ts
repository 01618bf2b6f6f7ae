import { describe, expect, it } from 'vitest';
import { expectedForm, expectedQuantity, shapeScore } from '../../src/answer/answerShape.js';
import {
  normalizeQuestion,
  questionKind,
  sceneAndAsked,
  sceneSetting,
  spelledOut,
} from '../../src/answer/question.js';
import { followUpQuery } from '../../src/answer/followUp.js';
import type { Answer } from '../../src/answer/types.js';

describe('questionKind', () => {
  it.each([
    ['Who appointed the minister?', 'who'],
    ['When did the strike start?', 'when'],
    ['In what year was it built?', 'when'],
    ['Where did they meet?', 'where'],
    ['How many people died?', 'how-many'],
    ['How tall is the tower?', 'how-many'],
    ['How much did it cost?', 'how-much'],
    ['Why did the court free him?', 'why'],
    ['Did the talks fail?', 'yes-no'],
    ['Where was Chávez when Mexico gave her asylum?', 'where'],
    ['When did the minister who resigned leave?', 'when'],
    ['Did Henderson say when GM would be profitable again?', 'yes-no'],
    ['Do you know when the strike started?', 'when'],
    ['can you tell me who appointed the minister', 'who'],
    ['Could you please tell me when the strike started?', 'when'],
    ['Do you happen to know who appointed the minister?', 'who'],
    ['Is there any reason why the court freed him?', 'why'],
    ['When Jobs resigned as CEO, what role did he say he wanted to keep?', 'what'],
    ['After the vote, who took over as premier?', 'who'],
    ['When the talks failed, did Peru recall its envoy?', 'yes-no'],
    ['When was it, roughly, that the talks failed?', 'when'],
    ['When the talks failed, the envoy left?', 'when'],
  ] as const)('GIVEN "%s" THEN the kind is %s', (question, kind) => {
    expect(questionKind(question)).toBe(kind);
  });
});

describe('sceneSetting', () => {
  it.each([
    ['After LaSorda warned of closures, how much did sales fall?', 'After LaSorda warned of closures, '],
    [
      'with the 717 line shut down, what is the only jet built in California?',
      'with the 717 line shut down, ',
    ],
    ['When the talks failed, did Peru recall its envoy?', 'When the talks failed, '],
    ['When was it, roughly, that the talks failed?', ''],
    ['In the Peru-Mexico asylum story, how long did she last as PM?', 'In the Peru-Mexico asylum story, '],
    ['In what year, roughly, did the talks fail?', ''],
    ['After the vote, the envoy left.', ''],
    ['Who left after the vote, and why?', ''],
  ])('GIVEN "%s" THEN the scene is "%s"', (question, scene) => {
    expect(sceneSetting(question)).toBe(scene);
  });
});

describe('sceneAndAsked', () => {
  it('GIVEN a closing "during…" phrase THEN it sets the scene with any opening clause', () => {
    expect(sceneAndAsked("What did gold prices do during Wall Street's best week?")).toEqual({
      scene: "during Wall Street's best week?",
      asked: 'What did gold prices do ',
    });
    expect(sceneAndAsked('After the crash, what did gold do amid the panic?')).toEqual({
      scene: 'After the crash, amid the panic?',
      asked: 'what did gold do ',
    });
    expect(sceneAndAsked('Who ruled Cyprus in 1191?')).toEqual({
      scene: '',
      asked: 'Who ruled Cyprus in 1191?',
    });
  });
});

describe('expectedQuantity', () => {
  it('GIVEN "how much does it weigh" THEN wants a weight, not an amount of money', () => {
    const pattern = expectedQuantity('how much does the ipod nano weigh');
    expect(pattern?.test('It weighs 1.5 ounces.')).toBe(true);
    expect(pattern?.test('It will cost $199.')).toBe(false);
  });

  it('GIVEN "how much did <something> rise" THEN a plain count after the verb answers, a number elsewhere does not', () => {
    const pattern = expectedQuantity('How much did weekly jobless claims rise?');
    expect(pattern?.test('Claims rose 15,000 last week to 444,000.')).toBe(true);
    expect(pattern?.test('The index fell 3 percent.')).toBe(true);
    expect(pattern?.test('Claims were counted on June 5.')).toBe(false);
    expect(expectedQuantity('How much did it cost?')?.test('Claims rose 15,000 last week.')).toBe(false);
  });

  it('GIVEN "how many <things>" THEN "the many <things>" counts nothing', () => {
    const pattern = expectedQuantity('How many Boeing 717s did AirTran Airways order?');
    expect(pattern?.test('We thank the many Boeing employees for their work.')).toBe(false);
    expect(pattern?.test('AirTran ordered 86 Boeing 717s.')).toBe(true);
  });

  it('GIVEN "how many points did it lose" THEN a number right after a verb of change counts them', () => {
    const pattern = expectedQuantity('How many points did the Dow lose on Thursday?');
    expect(pattern?.test('The Dow fell 344.65 at the close of trading Thursday.')).toBe(true);
    expect(pattern?.test('The Dow closed at 11,188 on Thursday.')).toBe(false);
    expect(expectedQuantity('How many points are on the star?')?.test('It fell 5 metres.')).toBe(false);
  });

  it('GIVEN "how many <noun>" THEN wants a number beside that noun', () => {
    const pattern = expectedQuantity('How many bullet points were there?');
    expect(pattern?.test('In a six bullet-point list')).toBe(true);
    const hearings = expectedQuantity('How many hearings did she miss?');
    expect(hearings?.test('She failed to show up to three October oral trial hearings.')).toBe(true);
    expect(pattern?.test('In April 2026 there was a vote')).toBe(false);
  });

  it('GIVEN "how far did it fall" or "how far behind" THEN the size of the move answers too, and a time', () => {
    const fallen = expectedQuantity('How far had the Bovespa index fallen by midday?');
    expect(fallen?.test('It has already fallen by 14.45% today.')).toBe(true);
    expect(fallen?.test('The index fell sharply.')).toBe(false);
    expect(expectedQuantity('How far did the climber fall?')?.test('He fell 300 feet.')).toBe(true);
    const behind = expectedQuantity('How far behind schedule was the first flight?');
    expect(behind?.test('It flew two years late.')).toBe(true);
    expect(
      expectedQuantity('How far is the plant from Toulouse?')?.test('It lies 40 km from Toulouse.'),
    ).toBe(true);
  });

  it('GIVEN "how many <acts>" THEN a number of times counts them, but not "many times" nor "three times as many"', () => {
    const pattern = expectedQuantity('How many rate hikes had the Federal Reserve made?');
    expect(pattern?.test('The Federal Reserve raised interest rates 17 times.')).toBe(true);
    expect(pattern?.test('It has raised rates many times.')).toBe(false);
    expect(pattern?.test('Prices rose three times as fast as wages.')).toBe(false);
    expect(expectedQuantity('How many people were killed?')?.test('The town was shelled three times.')).toBe(
      false,
    );
  });

  it('GIVEN a counted phrase of several words THEN the number may stand beside any of them', () => {
    const pattern = expectedQuantity('How many crank rotations are there in an engine cycle?');
    expect(pattern?.test('The cycle occupies one rotation of the crank and two piston strokes.')).toBe(true);
    expect(pattern?.test('The crank turns smoothly through the cycle.')).toBe(false);
  });

  it('GIVEN a name in the counted phrase ("how many GM workers") THEN a number beside the name counts nothing asked', () => {
    const pattern = expectedQuantity('How many GM workers took the 2009 buyout offer?');
    expect(pattern?.test('About 7,500 workers at GM took the offer.')).toBe(true);
    expect(pattern?.test('The deal is offered to union members - 62,000 at GM.')).toBe(false);
  });

  it('GIVEN a counted phrase of names only ("how many Boeing 717s") THEN the names are what is counted', () => {
    expect(
      expectedQuantity('How many Boeing 717s did AirTran order?')?.test('AirTran ordered 88 Boeing jets.'),
    ).toBe(true);
  });

  it('GIVEN "how many <things>" THEN a price beside them ("the $40.5 billion tanker deal") counts nothing', () => {
    const pattern = expectedQuantity('How many tankers does the contract cover?');
    expect(pattern?.test('The $40.5 billion tanker deal was signed.')).toBe(false);
    expect(pattern?.test('The US$40 billion tanker deal was signed.')).toBe(false);
    expect(pattern?.test('The deal covers 179 tankers.')).toBe(true);
  });

  it('GIVEN "how many years" THEN an age ("a 36-year-old lawmaker") is not a count of years', () => {
    const pattern = expectedQuantity('How many years behind bars is the former president risking?');
    expect(pattern?.test('He faces up to 34 years in prison.')).toBe(true);
    expect(pattern?.test('Chávez, a 36-year-old former lawmaker, served as minister.')).toBe(false);
    expect(pattern?.test('She is 36 years old.')).toBe(false);
  });

  it('GIVEN "how long has … been" THEN "since 1960" answers as a length does', () => {
    const pattern = expectedQuantity('How long has Australia been manufacturing the Ford Falcon?');
    expect(pattern?.test('The Falcon, which has been made in Australia since 1960.')).toBe(true);
    expect(pattern?.test('She has been with the company for 33 years.')).toBe(true);
    expect(pattern?.test('Ever since, the plant has made the Falcon.')).toBe(false);
  });

  it('GIVEN "how tall" THEN wants a length unit, not any number', () => {
    const pattern = expectedQuantity('How tall is the mayor?');
    expect(pattern?.test('The tower is 300 metres high')).toBe(true);
    expect(pattern?.test('elected in 2022 in the city')).toBe(false);
  });

  it('GIVEN "how old" THEN takes an age in any of the forms news gives it', () => {
    const pattern = expectedQuantity('How old is Mary Barra?');
    expect(pattern?.test('Barra, 51, will be the first woman to lead the firm.')).toBe(true);
    expect(pattern?.test('the 36-year-old former lawmaker')).toBe(true);
    expect(pattern?.test('Jobs, aged 55, has taken leave')).toBe(true);
    expect(pattern?.test('On May 3, 2024, she was named chief.')).toBe(false);
    expect(pattern?.test('Sales rose 1, 2 and 3 percent.')).toBe(false);
  });

  it('GIVEN a question with no quantity THEN sets no expectation and shapes fall back to the kind', () => {
    expect(expectedQuantity('Who won?')).toBeUndefined();
    expect(shapeScore('when', 'It opened on Monday.')).toBe(1);
    expect(shapeScore('when', 'It opened with a ceremony.')).toBe(0);
  });
});

describe('shapeScore for "why"', () => {
  it('GIVEN a stated cause THEN it is a reason; a cause given as a circumstance is half of one', () => {
    expect(shapeScore('why', 'The plant closed because demand fell.')).toBe(1);
    expect(shapeScore('why', 'Peru broke off ties in response to the asylum granted to Chávez.')).toBe(1);
    expect(shapeScore('why', 'Workers walked out in protest at the cuts.')).toBe(1);
    expect(shapeScore('why', 'The mayor resigned following a heart attack.')).toBe(0.5);
    expect(shapeScore('why', 'Shares fell amid fears of a recession.')).toBe(0.5);
    expect(shapeScore('why', 'The firm moved its offices in a bid to cut costs.')).toBe(0.5);
    expect(shapeScore('why', 'The mayor resigned on Tuesday.')).toBe(0);
  });
});

describe('expectedForm for "what did X say"', () => {
  const { expected, speaker } = expectedForm('What did union leader Tony Smith say about the plan?');

  it('GIVEN the name beside the speech verb, before it or after a long apposition THEN the form is there', () => {
    expect(speaker).toBe(true);
    expect(expected?.test('Smith said the plan was fair.')).toBe(true);
    expect(
      expected?.test('"It is fair," said the general secretary of the British union Unite, Tony Smith.'),
    ).toBe(true);
  });

  it('GIVEN the name with a verb of speaking to someone ("spoke with", "informed") THEN the form is there', () => {
    expect(expected?.test('Smith spoke with Radio Alden on Monday and informed it of the vote.')).toBe(true);
    expect(expected?.test('The vote was close, with union leader Tony Smith saying "it was fair".')).toBe(
      true,
    );
  });

  it('GIVEN the name without a speech verb THEN it is not', () => {
    expect(expected?.test('Tony Smith leads the union.')).toBe(false);
  });

  it('GIVEN the name after a verb that takes it as its object ("accused Tony Smith") THEN he is not speaking', () => {
    expect(expected?.test('The minister accused Tony Smith of lying.')).toBe(false);
    expect(expected?.test('The board spoke with Tony Smith on Monday.')).toBe(false);
  });

  it.each(['What does the Orange Free State export?', 'What did the flood leave the state of the roads in?'])(
    'GIVEN "%s" (a noun, not a speech verb) THEN no one is asked to be speaking',
    (question) => {
      expect(expectedForm(question).speaker).toBe(false);
    },
  );

  it('GIVEN a name before the speech verb THEN the speaker is still found past it', () => {
    expect(expectedForm('What did the Orange Free State say about the treaty?').speaker).toBe(true);
  });
});

describe('normalizeQuestion', () => {
  it('GIVEN Discord mention markup and control characters THEN strips them', () => {
    expect(normalizeQuestion('<@123456789012345678>  who\u0007 won?\u200b')).toBe('who won?');
  });
});

describe('followUpQuery', () => {
  const earlier: Answer = {
    question: 'Who appointed the harbour master?',
    answer: 'Mayor Lucia Brandt appointed him. [1]',
    abstained: false,
    short: null,
    citations: [],
    closest: [],
    ms: 1,
  };

  it('GIVEN a follow-up that points back THEN reads it with the previous turn', () => {
    const query = followUpQuery('and when did that happen?', [
      { question: earlier.question, answer: earlier },
    ]);
    expect(query).toContain('harbour master');
    expect(query).toContain('Lucia Brandt');
  });

  it('GIVEN a short question that names two things THEN it stands on its own', () => {
    const question = 'What is the population of Port Alden?';
    expect(followUpQuery(question, [{ question: earlier.question, answer: earlier }])).toBe(question);
  });

  it('GIVEN a question that stands on its own THEN leaves it unchanged', () => {
    const question = 'How much did the new harbour bridge cost the city?';
    expect(followUpQuery(question, [{ question: earlier.question, answer: earlier }])).toBe(question);
  });
});

describe('spelledOut', () => {
  it.each([
    ['wat did the analyst say??', 'what did the analyst say??'],
    ['how many ppl can it carry b4 2010', 'how many people can it carry before 2010'],
    ['dow jones value oct 6 2008', 'dow jones value October 6 2008'],
    ['rate on 24 aug. 2007', 'rate on 24 August 2007'],
    ['Wat did the analyst say', 'what did the analyst say'],
    ['wen did peru break ties w mexico', 'when did peru break ties with mexico'],
    ['where r the tankers gonna be built', 'where are the tankers going to be built'],
    ['y is the yen rising', 'why is the yen rising'],
    ["GM's Q1 2009 loss", "GM's first quarter 2009 loss"],
    ['dow value after it sank under 10k', 'dow value after it sank under 10,000'],
    ['a 1.5k bonus', 'a 1,500 bonus'],
  ])('GIVEN "%s" THEN reads "%s"', (question, spelled) => {
    expect(spelledOut(question)).toBe(spelled);
  });

  it.each([
    'What did U.S. officials say?',
    'Who owns Mar-a-Lago?',
    'What did the dec say?',
    'Who runs the U of C?',
    'How many u-boats sank?',
    'what did wen jiabao say?',
    'Wen Jiabao did what?',
    'who is george W Bush',
    'how much did r&d cost w/o the grant',
    'what does the Audi Q3 cost',
  ])('GIVEN "%s" THEN leaves it as typed', (question) => {
    expect(spelledOut(question)).toBe(question);
  });
});
