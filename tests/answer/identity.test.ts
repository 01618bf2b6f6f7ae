import { describe, expect, it } from 'vitest';
import {
  describingSentence,
  holdingSentence,
  identityQuestion,
  roleIn,
  roleQuestion,
} from '../../src/answer/identity.js';
import type { Person } from '../../src/answer/types.js';

const person = (name: string, aliases: string[], roles: string[]): Person => ({
  name,
  aliases,
  roles,
  summary: name,
  citations: [],
});

const PEOPLE = [
  person('Betssy Chávez', ['Chávez'], ['former lawmaker', 'former Peruvian Prime Minister']),
  person('José Jerí', [], ['Interim President']),
  person('Andrés Manuel López Obrador', [], ['President']),
];

describe('identityQuestion', () => {
  it('GIVEN "who is" and a name or alias, typed without accents THEN it asks who that person is', () => {
    expect(identityQuestion('Who is Betssy Chavez?', PEOPLE)?.person?.name).toBe('Betssy Chávez');
    expect(identityQuestion('who was chávez', PEOPLE)?.person?.name).toBe('Betssy Chávez');
  });

  it('GIVEN a surname alone that one person has THEN it names that person', () => {
    expect(identityQuestion('who is jeri', PEOPLE)?.person?.name).toBe('José Jerí');
  });

  it('GIVEN a capitalised name the articles do not know THEN it is still a question about who someone is', () => {
    expect(identityQuestion('Who is John Smith?', PEOPLE)).toEqual({ person: undefined });
  });

  it('GIVEN a known name alone, or "tell me about" one THEN it asks who that person is', () => {
    expect(identityQuestion('jeri??', PEOPLE)?.person?.name).toBe('José Jerí');
    expect(identityQuestion('Betssy Chávez', PEOPLE)?.person?.name).toBe('Betssy Chávez');
    expect(identityQuestion('tell me about Chavez', PEOPLE)?.person?.name).toBe('Betssy Chávez');
  });

  it('GIVEN a word alone that names no one the articles know THEN it is not one', () => {
    expect(identityQuestion('Mexico?', PEOPLE)).toBeUndefined();
    expect(identityQuestion('John Smith', PEOPLE)).toBeUndefined();
    expect(identityQuestion('chavez asylum where', PEOPLE)).toBeUndefined();
  });

  it('GIVEN "who is" and a description, or another question THEN it is not one', () => {
    expect(identityQuestion('Who is the interim president of Peru?', PEOPLE)).toBeUndefined();
    expect(identityQuestion('Who granted Chávez asylum?', PEOPLE)).toBeUndefined();
  });
});

describe('roleIn', () => {
  it('GIVEN a sentence giving the person a role THEN returns the longest, as the sentence writes it', () => {
    const sentence =
      'Mexico granted asylum to Former Peruvian Prime Minister Betssy Chávez, a former lawmaker.';
    expect(roleIn(PEOPLE[0] as Person, sentence)).toBe('Former Peruvian Prime Minister');
  });

  it('GIVEN a sentence that only names the person THEN returns nothing', () => {
    expect(roleIn(PEOPLE[0] as Person, 'Mexico granted asylum to Ms. Betssy Chávez Chino.')).toBeUndefined();
  });
});

describe('describingSentence', () => {
  const ranked = (...texts: string[]) =>
    texts.map((text) => ({ candidate: { sentence: { text, start: 0, end: text.length, paragraph: 1 } } }));

  it('GIVEN a lower-ranked sentence giving the role THEN it is chosen over one that only names the person', () => {
    const described = describingSentence(
      PEOPLE[0] as Person,
      ranked('Mexico granted asylum to Betssy Chávez.', 'Chávez, a former lawmaker, left.'),
    );
    expect(described?.role).toBe('former lawmaker');
    expect(described?.entry.candidate.sentence.text).toBe('Chávez, a former lawmaker, left.');
  });

  it('GIVEN no sentence among the first five giving a role THEN there is none', () => {
    const names = Array.from({ length: 5 }, () => 'Betssy Chávez spoke.');
    expect(
      describingSentence(PEOPLE[0] as Person, ranked(...names, 'She is a former lawmaker.')),
    ).toBeUndefined();
  });
});

describe('roleQuestion and holdingSentence', () => {
  const ranked = (...texts: string[]) =>
    texts.map((text) => ({ candidate: { sentence: { text, start: 0, end: text.length, paragraph: 1 } } }));

  it('GIVEN "who is the <role> of <place>" THEN the holder is named from a sentence giving the role and the place', () => {
    const asked = roleQuestion('Who is the interim president of Peru?', PEOPLE);
    expect(asked?.holders.map(({ person }) => person.name)).toEqual([
      'José Jerí',
      'Andrés Manuel López Obrador',
    ]);
    expect(asked?.rest).toEqual(['peru']);
    const held = holdingSentence(
      asked as NonNullable<typeof asked>,
      ranked(
        'Interim President José Jerí said the ambassador must leave.',
        'José Jerí serves as interim president until Peru holds an election.',
      ),
    );
    expect(held?.name).toBe('José Jerí');
    expect(held?.entry.candidate.sentence.text).toMatch(/^José Jerí serves/);
  });

  it('GIVEN a role whose other words no sentence giving it has THEN no one holds it', () => {
    const asked = roleQuestion('Who is the president of Brazil?', PEOPLE);
    expect(asked?.rest).toEqual(['brazil']);
    const held = holdingSentence(
      asked as NonNullable<typeof asked>,
      ranked('Mexico, under President Andrés Manuel López Obrador, granted asylum.'),
    );
    expect(held).toBeUndefined();
  });

  it('GIVEN a question naming no role the articles give THEN it is not one', () => {
    expect(roleQuestion('Who is the head of the central bank?', PEOPLE)).toBeUndefined();
    expect(roleQuestion('Who granted Chávez asylum?', PEOPLE)).toBeUndefined();
  });
});
