import { describe, expect, it } from 'vitest';
import { quotedSentences } from '../../src/answer/extractiveAnswerer.js';
import { FITTED_MODELS } from '../../src/answer/fittedModels.js';
import { CLOSE_CALL } from '../../src/answer/sentenceRanker.js';
import { InputError } from '../../src/errors.js';
import { HARBOUR_ARTICLE, useBotFixture } from '../support/articleBotFixture.js';

describe('ExtractiveAnswerer', () => {
  const fixture = useBotFixture({ 'harbour.md': HARBOUR_ARTICLE });

  it('GIVEN a "how much" question THEN answers with the sentence holding the amount, cited verbatim', async () => {
    const answer = await fixture.bot.ask('How much did the bridge cost?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('310 million dollars');
    expect(answer.answer).toMatch(/\[1\]$/);
    const [citation] = answer.citations;
    expect(citation).toMatchObject({ n: 1, article: 'harbour', paragraph: 2 });
    expect(citation?.text).toContain('310 million dollars');
  });

  it('GIVEN any answer THEN every citation quotes its article exactly at its offsets', async () => {
    const answer = await fixture.bot.ask('Why did engineers choose a cable-stayed design?');
    expect(answer.answer).toContain('too soft');
    for (const citation of answer.citations) {
      const body = HARBOUR_ARTICLE.slice(HARBOUR_ARTICLE.indexOf('The city of Port Alden'));
      expect(body).toContain(citation.text);
    }
  });

  it('GIVEN a "when" question THEN prefers the sentence with a date', async () => {
    const answer = await fixture.bot.ask('When will the ferry service end?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('September 2024');
  });

  it.each([
    ['a name the articles never mention', 'What did President Okonkwo say about the bridge?'],
    ['a quantity the articles never give', 'How tall is the Harbour Bridge?'],
    ['a topic absent from the articles', 'What is the recipe for lemon cake?'],
  ])('GIVEN %s THEN abstains and shows the closest passages as such', async (_case, question) => {
    const answer = await fixture.bot.ask(question);
    expect(answer.abstained).toBe(true);
    expect(answer.answer).toMatch(/do not answer/);
    expect(answer.citations).toEqual([]);
  });

  it('GIVEN a question about the article itself THEN answers from its front matter, cited as its details', async () => {
    const answer = await fixture.bot.ask('Who wrote the article?');
    expect(answer).toMatchObject({ abstained: false, short: 'Dana Whitfield' });
    expect(answer.citations).toEqual([
      expect.objectContaining({ paragraph: 0, text: 'author: Dana Whitfield', article: 'harbour' }),
    ]);
  });

  it('GIVEN a question about the author rather than who wrote it THEN answers from what the article says of them', async () => {
    const answer = await fixture.bot.ask('What does the author cover?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Dana Whitfield is a reporter who covers city hall.');
  });

  it('GIVEN a question asking for a date THEN leads with the date as a short answer', async () => {
    const answer = await fixture.bot.ask('When will the ferry service end?');
    expect(answer.short).toBe('September 2024');
  });

  it('GIVEN a follow-up asking when THEN answers with the dated sentence, not the previous answer again', async () => {
    const first = await fixture.bot.ask('How much did the bridge cost?');
    expect(first.answer).toContain('310 million dollars');
    const followUp = await fixture.bot.ask('and when did it open?', {
      history: [{ question: first.question, answer: first }],
    });
    expect(followUp.answer).toContain('on Monday opened');
    expect(followUp.short).toBe('Monday');
  });

  it('GIVEN "who is" someone the article names THEN leads with their role, not the nearest other name', async () => {
    const answer = await fixture.bot.ask('Who is Lucia Brandt?');
    expect(answer).toMatchObject({ abstained: false, short: 'Mayor' });
    expect(answer.answer).toContain('Mayor Lucia Brandt');
  });

  it('GIVEN a known name alone, typed in lower case THEN says who that is rather than abstaining', async () => {
    const answer = await fixture.bot.ask('brandt??');
    expect(answer).toMatchObject({ abstained: false, short: 'Mayor', question: 'brandt??' });
    expect(answer.answer).toContain('Mayor Lucia Brandt');
  });

  it('GIVEN a model that would refuse everything THEN a sentence giving the named person a role still answers', () => {
    const refusing = {
      ...FITTED_MODELS,
      answerability: { ...FITTED_MODELS.answerability, abstainAbove: -1 },
    };
    const named = fixture.bot.compose(fixture.bot.analyse('brandt??'), refusing);
    expect(named).toMatchObject({ abstained: false, short: 'Mayor' });
    const other = fixture.bot.compose(fixture.bot.analyse('How much did the bridge cost?'), refusing);
    expect(other.abstained).toBe(true);
  });

  it('GIVEN chat shorthand THEN reads it spelled out and echoes the question as typed', async () => {
    const answer = await fixture.bot.ask('wat did brandt say the bridge cost');
    expect(answer.question).toBe('wat did brandt say the bridge cost');
    expect(answer.answer).toContain('310 million dollars');
  });

  it('GIVEN a name typed one letter off THEN answers about the person the article names', async () => {
    const answer = await fixture.bot.ask('What did Lucia Brnadt say?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('310 million dollars');
  });

  it('GIVEN only emoji and punctuation THEN abstains rather than failing', async () => {
    const answer = await fixture.bot.ask('🤔🤔 ?!');
    expect(answer.abstained).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['white space and zero-width characters', '  \u200b\t '],
    ['10,000 characters', 'why '.repeat(2500)],
  ])('GIVEN a question that is %s THEN rejects it with a clear InputError', async (_case, question) => {
    await expect(fixture.bot.ask(question)).rejects.toBeInstanceOf(InputError);
  });

  it('GIVEN page furniture after the article THEN it is never cited', async () => {
    const answer = await fixture.bot.ask('Are you having issues with commenting?');
    for (const citation of [...answer.citations, ...answer.closest]) {
      expect(citation.text).not.toMatch(/commenting|COMMENTS|Twitter/);
    }
  });
});

describe('ExtractiveAnswerer on a "who" answer that opens on a pronoun', () => {
  const ARTICLE = `---
title: Harbour works get a coordinator
published: 2024-06-01
---
The council appointed a project coordinator, Maria Okafor, on Tuesday. She will oversee the dredging of the old harbour and the new quay walls.

The dredging is expected to take two years.
`;
  const fixture = useBotFixture({ 'coordinator.md': ARTICLE });

  it('GIVEN the person is named only in the sentence before THEN quotes both, as one verbatim citation', async () => {
    const answer = await fixture.bot.ask('Who will oversee the dredging of the old harbour?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Maria Okafor');
    expect(answer.citations).toHaveLength(1);
    const [citation] = answer.citations;
    expect(citation?.text).toMatch(/^The council appointed .* quay walls\.$/);
    expect(ARTICLE).toContain(citation?.text ?? '∅');
  });

  it('GIVEN the pronoun answers "who" THEN the short answer is the person named before it', async () => {
    const answer = await fixture.bot.ask('Who will oversee the dredging of the old harbour?');
    expect(answer.short).toBe('Maria Okafor');
  });

  it('GIVEN a question that is not "who" THEN quotes the answering sentence alone', async () => {
    const answer = await fixture.bot.ask('What will be dredged?');
    expect(answer.citations.every((citation) => !citation.text.includes('appointed'))).toBe(true);
  });
});

describe('ExtractiveAnswerer on a date in one sentence and the act in the next', () => {
  const ARTICLE = `---
title: Port board approves expansion
published: 2024-06-01
---
The port board met on March 3. It approved the expansion of the container terminal by a wide margin.

Work on the terminal is planned to last three years.
`;
  const fixture = useBotFixture({ 'board.md': ARTICLE });

  it('GIVEN "when" and an answering sentence without a date THEN quotes the dated sentence before it with it', async () => {
    const answer = await fixture.bot.ask('When was the expansion of the container terminal approved?');
    expect(answer.abstained).toBe(false);
    expect(answer.short).toBe('March 3');
    expect(answer.citations).toHaveLength(1);
    expect(answer.citations[0]?.text).toMatch(/^The port board met on March 3\. It approved/);
  });
});

describe('ExtractiveAnswerer on a "why" answer that opens on a consequence', () => {
  const ARTICLE = `---
title: Ferry fares rise
published: 2024-06-01
---
Fuel prices doubled over the winter, and the operator passed the cost on to its passengers. As a result, ferry fares rose by a third in March.

Most commuters now take the bridge.
`;
  const fixture = useBotFixture({ 'fares.md': ARTICLE });

  it('GIVEN "why" and a sentence saying "As a result…" THEN quotes the cause before it too', async () => {
    const answer = await fixture.bot.ask('Why did ferry fares rise?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('Fuel prices doubled');
    expect(answer.citations).toHaveLength(1);
    expect(ARTICLE).toContain(answer.citations[0]?.text ?? '∅');
  });

  it('GIVEN "when" about the same sentence THEN quotes it alone', async () => {
    const answer = await fixture.bot.ask('When did ferry fares rise?');
    expect(answer.answer).toContain('March');
    expect(answer.answer).not.toContain('Fuel prices');
  });
});

describe('ExtractiveAnswerer on an article written a sentence a paragraph', () => {
  const ARTICLE = `---
title: Port names a new harbour master
published: 2024-06-01
---
The port authority today named Maria Okafor as its new harbour master.

She has worked at the port for 12 years, most recently as head of pilotage.

The previous harbour master retired in May.
`;
  const fixture = useBotFixture({ 'master.md': ARTICLE });

  it('GIVEN "She…" opening a paragraph THEN the paragraph before names her, and the sentence answers', async () => {
    const answer = await fixture.bot.ask('How long has Maria Okafor worked at the port?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toContain('12 years');
    expect(answer.citations.every((citation) => ARTICLE.includes(citation.text))).toBe(true);
  });
});

describe('ExtractiveAnswerer on "how many" with a lead that covers the question', () => {
  const ARTICLE = `---
title: Skyliner test flight delayed in Port Alden
published: 2024-06-01
---
A test flight of the new Skyliner jet, the largest passenger aircraft built in Port Alden, was delayed today after a minor accident at the harbour airfield.

The aircraft finally left four hours late, carrying 120 passengers and eight crew.
`;
  const fixture = useBotFixture({ 'skyliner.md': ARTICLE });

  it('GIVEN a sentence without any number THEN it is never the answer to "how many"', async () => {
    const answer = await fixture.bot.ask('How many passengers were on the delayed Skyliner test flight?');
    expect(answer.answer).not.toContain('was delayed today');
    if (!answer.abstained) expect(answer.answer).toContain('120 passengers');
  });
});

describe('ExtractiveAnswerer on "what did X say" answered by "She said…" paragraphs later', () => {
  const ARTICLE = `---
title: Port names a new harbour master
published: 2024-06-01
---
The port authority today named Maria Okafor as its new harbour master.

Okafor, 48, will be the first woman to hold the post.

She has worked at the port for 12 years.

She said in a statement: “The harbour is ready for its busiest decade.”
`;
  const fixture = useBotFixture({ 'master.md': ARTICLE });

  it('GIVEN the speaker named only paragraphs before THEN shows what she said, never the lead', async () => {
    const answer = await fixture.bot.ask('What did Maria Okafor say?');
    const shown = answer.abstained ? answer.closest[0]?.text : answer.answer;
    expect(shown).toContain('busiest decade');
    expect(answer.answer).not.toContain('today named');
  });
});

describe('ExtractiveAnswerer on "what did X say" when the best sentence only introduces the quotation', () => {
  const ARTICLE = `---
title: Harbour reopens after the storm
published: 2024-06-01
---
The harbour reopened on Monday after a week of repairs.

Harbour master Tomas Okafor commented on the damage to the piers.

"It is the worst storm I have seen," he said.

"The piers will need a year of work.

We will rebuild them."

Repairs are expected to cost $4 million.
`;
  const fixture = useBotFixture({ 'harbour.md': ARTICLE });

  it('GIVEN the quotation in the paragraphs after THEN quotes them with it, each cited, and no further', async () => {
    const answer = await fixture.bot.ask('What did Tomas Okafor say about the piers?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((citation) => citation.text)).toEqual([
      'Harbour master Tomas Okafor commented on the damage to the piers.',
      '"It is the worst storm I have seen," he said.',
      '"The piers will need a year of work.',
    ]);
    expect(answer.answer).toContain('[3]');
  });

  it('GIVEN a question that asks for no statement THEN the sentence alone answers', async () => {
    const answer = await fixture.bot.ask('How much will the repairs cost?');
    expect(answer.citations).toHaveLength(1);
  });
});

describe('ExtractiveAnswerer on a quotation split over paragraphs', () => {
  const ARTICLE = `---
title: Carmakers given a deadline
published: 2009-03-30
---
The government gave the two carmakers sixty days to restructure.

"We cannot and will not let our car industry vanish, not this year, not next year, and not while thousands of families depend on it.

This industry is an emblem of the national spirit,'' said President Dana Whitfield.

"Costs must fall by the summer," said analyst Ren Oduya.
`;
  const fixture = useBotFixture({ 'carmakers.md': ARTICLE });
  const WHOLE_QUOTE = [
    '"We cannot and will not let our car industry vanish, not this year, not next year, and not while thousands of families depend on it.',
    "This industry is an emblem of the national spirit,'' said President Dana Whitfield.",
  ];

  it('GIVEN "what did X say" and a quotation opened a long sentence before THEN quotes it from its opening, each part cited', async () => {
    const answer = await fixture.bot.ask('What did Dana Whitfield say about the car industry?');
    expect(answer.abstained).toBe(false);
    expect(answer.citations.map((citation) => citation.text)).toEqual(WHOLE_QUOTE);
  });

  it('GIVEN "who said" the quoted words THEN cites where the quote closes and leads with the speaker', async () => {
    const answer = await fixture.bot.ask(
      'Who said "we will not let our car industry vanish while thousands of families depend on it"?',
    );
    expect(answer.abstained).toBe(false);
    expect(answer.short).toBe('Dana Whitfield');
    expect(answer.citations.map((citation) => citation.text)).toEqual(WHOLE_QUOTE);
  });

  it('GIVEN "who said" a quotation closed in its own sentence THEN the sentence alone answers', async () => {
    const answer = await fixture.bot.ask('Who said costs must fall by the summer?');
    expect(answer.citations).toHaveLength(1);
    expect(answer.short).toBe('Ren Oduya');
  });
});

describe('ExtractiveAnswerer on a question that opens by setting the scene', () => {
  const ARTICLE = `---
title: Carmaker warns on its plants abroad
published: 2009-04-02
---
Chief executive Tom Reyes warned that its three Canadian plants might fold without $2 billion in aid.

Sales in Canada dropped 23 percent compared with March of last year.
`;
  const fixture = useBotFixture({ 'plants.md': ARTICLE });
  const weightsOf = (question: string) =>
    new Map(fixture.bot.analyse(question).ranking.terms.map((term) => [term.word, term.weight]));

  it('GIVEN the scene before a comma THEN its words weigh half what they weigh in what is asked', () => {
    const scene = weightsOf('After Tom Reyes warned, how much did sales drop?');
    const asked = weightsOf('How much did sales drop after Tom Reyes warned?');
    expect(scene.get('reyes')).toBeCloseTo((asked.get('reyes') ?? 0) / 2);
    expect(scene.get('sales')).toBeCloseTo(asked.get('sales') ?? 0);
    const during = weightsOf('How much did sales drop during the Reyes warning?');
    expect(during.get('reyes')).toBeCloseTo((asked.get('reyes') ?? 0) / 2);
  });
});

describe('quotedSentences', () => {
  const entry = (name: string, score: number, shape: number) => ({ name, score, shape });
  const names = (entries: { name: string }[]) => entries.map((quoted) => quoted.name);

  it('GIVEN a clear best sentence THEN quotes it alone', () => {
    expect(names(quotedSentences([entry('best', 5, 0.5), entry('far', 3, 1)]))).toEqual(['best']);
  });

  it('GIVEN a tie where the runner-up has the asked-for shape THEN it goes first and the best is still quoted', () => {
    const quoted = quotedSentences([entry('best', 5, 0), entry('dated', 5 - CLOSE_CALL / 2, 1)]);
    expect(names(quoted)).toEqual(['dated', 'best']);
  });

  it('GIVEN a tie of sentences alike in shape THEN quotes both, best first', () => {
    const quoted = quotedSentences([entry('best', 5, 1), entry('close', 5 - CLOSE_CALL / 2, 1)]);
    expect(names(quoted)).toEqual(['best', 'close']);
  });

  it('GIVEN a tie where the runner-up lacks the shape the best has THEN quotes the best alone', () => {
    expect(names(quotedSentences([entry('best', 5, 1), entry('close', 5 - CLOSE_CALL / 2, 0)]))).toEqual([
      'best',
    ]);
  });
});

describe('ExtractiveAnswerer across paragraphs', () => {
  const COUNCIL_ARTICLE = `---
title: Council approves east side library
published: 2024-03-10
---
The council of Port Alden met on March 3, 2024 for its yearly budget session in the old town hall, which reopened after two years of repairs.

On that day, the members approved a new public library for the east side of the city.
`;
  const RUPTURE_ARTICLE = `---
title: Alden answers the rupture of ties
published: 2024-04-02
---
The foreign ministry of Alden responded at once with a statement lamenting and rejecting the rupture of ties.

The government deemed the rupture “excessive and disproportionate,” and said it would not retaliate.
`;
  const HARVEST_ARTICLE = `---
title: Alden treasury reports on the harvest
published: 2024-05-02
---
The treasury of Alden published its spring report with a statement describing the harvest as a record.

Analyst Mira Holt called the weather “unusually warm for April,” and left early.
`;
  const TREATY_ARTICLE = `---
title: Alden signs the river treaty
published: 2024-06-03
---
Alden signed the river treaty with its neighbours on Monday after two years of talks.

“We will keep the river open to every boat,” Alden Foreign Minister Ana de Silva told reporters on Monday.

Foreign Minister de Silva spoke with Radio Alden on Monday morning about the treaty's next steps.
`;
  const fixture = useBotFixture({
    'treaty.md': TREATY_ARTICLE,
    'council.md': COUNCIL_ARTICLE,
    'rupture.md': RUPTURE_ARTICLE,
    'harvest.md': HARVEST_ARTICLE,
  });

  it('GIVEN a "when" question answered by a paragraph opening "On that day" THEN quotes the dated sentence before as its own citation', async () => {
    const answer = await fixture.bot.ask('When did the members approve the library?');
    expect(answer).toMatchObject({ abstained: false, short: 'March 3, 2024' });
    expect(answer.answer).toMatch(/March 3, 2024.*\[1\] On that day, .*\[2\]$/);
    expect(answer.citations.map((citation) => citation.paragraph)).toEqual([1, 2]);
  });

  it('GIVEN "how did X describe" answered by a sentence announcing a statement THEN the next sentence quoting its words follows', async () => {
    const answer = await fixture.bot.ask('How did the foreign ministry describe the rupture of ties?');
    expect(answer.abstained).toBe(false);
    expect(answer.answer).toMatch(/statement lamenting.*\[1\] … .*“excessive and disproportionate,”.*\[2\]$/);
  });

  it('GIVEN the next sentence quoting someone else about something else THEN it is not added', async () => {
    const answer = await fixture.bot.ask('How did the treasury describe the harvest?');
    expect(answer.answer).toContain('describing the harvest as a record');
    expect(answer.answer).not.toContain('unusually warm');
  });

  it('GIVEN "who is the <role>" THEN answers with the one the articles give that role, not the nearest name', async () => {
    const answer = await fixture.bot.ask('Who is the Alden foreign minister?');
    expect(answer).toMatchObject({ abstained: false, short: 'Ana de Silva' });
    expect(answer.answer).toContain('Alden Foreign Minister Ana de Silva');
  });
});
