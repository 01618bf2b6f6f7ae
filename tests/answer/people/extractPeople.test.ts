import { describe, expect, it } from 'vitest';
import { extractPeople } from '../../../src/answer/people/index.js';
import type { Article } from '../../../src/corpus/types.js';
import type { Person } from '../../../src/answer/types.js';
import { makeArticle } from './articleFixture.js';

function byName(people: readonly Person[], name: string): Person {
  const person = people.find((candidate) => candidate.name === name);
  if (!person)
    throw new Error(`${name} not found among ${people.map((candidate) => candidate.name).join(', ')}`);
  return person;
}

function expectVerbatimCitations(people: readonly Person[], articles: readonly Article[]): void {
  for (const person of people) {
    for (const citation of person.citations) {
      const article = articles.find((candidate) => candidate.id === citation.article);
      expect(article?.text).toContain(citation.text);
      const paragraph = article?.paragraphs.find((candidate) => candidate.number === citation.paragraph);
      expect(paragraph?.text).toContain(citation.text);
    }
  }
}

describe('extractPeople', () => {
  it('GIVEN a full name, a surname alone and an honorific with an extra surname THEN they are one person, honorific stripped', () => {
    const article = makeArticle('aliases', [
      'Former Prime Minister Elena Vargas left the country on Monday.',
      'Vargas, a 52-year-old economist, served as finance minister until 2021.',
      'The embassy said it had granted asylum to Ms. Elena Vargas Quintero.',
      'Elena Vargas denied the allegations, and Vargas’s lawyer appealed.',
    ]);
    const people = extractPeople([article]);
    expect(people.map((person) => person.name)).toEqual(['Elena Vargas']);
    const [vargas] = people;
    expect(vargas?.aliases).toEqual(expect.arrayContaining(['Vargas', 'Elena Vargas Quintero']));
    expect(vargas?.aliases.some((alias) => alias.startsWith('Ms'))).toBe(false);
    expect(vargas?.roles).toEqual(
      expect.arrayContaining(['Former Prime Minister', 'economist', 'finance minister']),
    );
  });

  it('GIVEN titles, appositives, possessive relations and successions THEN each person gets the role the text gives', () => {
    const article = makeArticle('roles', [
      'Interim President Tomás Rivera said that Chilean ambassador Ana Beltrán must leave the country.',
      'Argentine Foreign Minister Rafael de Souza told reporters that the decision was final.',
      'Carla Mendes was arrested at the border. Mendes, a 36-year-old former senator, denied wrongdoing.',
      'The court also summoned Rivera’s wife Lucía Ortega as a witness.',
      'Rivera was later succeeded by Head of Congress Pablo Ibáñez.',
      '“We will not negotiate,” de Souza said.',
    ]);
    const people = extractPeople([article]);
    expect(byName(people, 'Tomás Rivera').roles).toContain('Interim President');
    expect(byName(people, 'Ana Beltrán').roles).toContain('Chilean ambassador');
    expect(byName(people, 'Rafael de Souza').roles).toContain('Argentine Foreign Minister');
    expect(byName(people, 'Rafael de Souza').aliases).toContain('de Souza');
    expect(byName(people, 'Carla Mendes').roles).toContain('former senator');
    expect(byName(people, 'Lucía Ortega').roles).toContain('Rivera’s wife');
    expect(byName(people, 'Pablo Ibáñez').roles).toContain('Head of Congress');
  });

  it('GIVEN an author in the metadata and a closing bio line THEN the author is a person with both roles', () => {
    const article = makeArticle(
      'author',
      [
        'Lawmakers in Lima voted on Monday to censure the cabinet.',
        'Tomás R. Okafor is a Nigerian writer and covers politics in the Andes.',
      ],
      { author: 'Tomás R. Okafor', published: '2025-11-03' },
    );
    const author = byName(extractPeople([article]), 'Tomás R. Okafor');
    expect(author.roles).toEqual(expect.arrayContaining(['author', 'Nigerian writer']));
    expect(author.citations[0]?.text).toBe(
      'Tomás R. Okafor is a Nigerian writer and covers politics in the Andes.',
    );
  });

  it('GIVEN a full name in one article and the surname with a title in another THEN both are one person', () => {
    const articles = [
      makeArticle('one', ['Health Minister Ingrid Solberg announced the plan on Monday.']),
      makeArticle('two', [
        'Minister Solberg defended the plan in parliament.',
        'Solberg said costs would fall.',
      ]),
    ];
    const people = extractPeople(articles);
    expect(people.map((person) => person.name)).toEqual(['Ingrid Solberg']);
    expect(people[0]?.citations.map((citation) => citation.article)).toEqual(
      expect.arrayContaining(['one', 'two']),
    );
  });

  it('GIVEN a byline with two authors or a wire desk THEN only the named authors are people', () => {
    const twoAuthors = makeArticle('byline', ['The vote was delayed again.'], {
      author: 'By Jane Doe and John Roe',
    });
    expect(
      extractPeople([twoAuthors])
        .map((person) => person.name)
        .sort(),
    ).toEqual(['Jane Doe', 'John Roe']);
    const wire = makeArticle('wire', ['The vote was delayed again.'], { author: 'Reuters Staff' });
    expect(extractPeople([wire])).toEqual([]);
  });

  it('GIVEN countries, outlets, institutions, platforms, companies, weekdays and months THEN only the person is listed', () => {
    const article = makeArticle('not-people', [
      'On Monday, Brazil and Mexico signed a trade pact, Reuters reported.',
      'According to Infobae, the Ministry of Finance will review the deal in January.',
      'The Supreme Court of Brazil met on Tuesday, and the Central Bank stayed silent.',
      'Radio Nacional de Chile (RNC) broadcast the ceremony live on TikTok and Twitter.',
      'Lockheed Martin and General Motors declined to comment on the deal.',
      'Trade Minister Paula Restrepo said the pact would create jobs.',
    ]);
    expect(extractPeople([article]).map((person) => person.name)).toEqual(['Paula Restrepo']);
  });

  it('GIVEN a person named several times THEN two or three verbatim citations and a one-line summary are given', () => {
    const articles = [
      makeArticle('first', [
        'Senator Grace Adeyemi opened the inquiry on Tuesday.',
        'Adeyemi said the contracts were signed without a tender.',
        'The committee, chaired by Adeyemi, will report in June.',
        'Adeyemi declined to name the officials involved.',
      ]),
      makeArticle('second', ['Grace Adeyemi, a former auditor, has led the committee since 2019.']),
    ];
    const people = extractPeople(articles);
    const adeyemi = byName(people, 'Grace Adeyemi');
    expect(adeyemi.citations.length).toBeGreaterThanOrEqual(2);
    expect(adeyemi.citations.length).toBeLessThanOrEqual(3);
    expect(adeyemi.roles).toEqual(expect.arrayContaining(['Senator', 'former auditor']));
    expect(adeyemi.summary).not.toContain('\n');
    expect(adeyemi.summary).toContain('Grace Adeyemi');
    expectVerbatimCitations(people, articles);
  });
});
