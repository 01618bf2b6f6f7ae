import { beforeAll, describe, expect, it } from 'vitest';
import { extractPeople } from '../../../src/answer/people/index.js';
import type { Person } from '../../../src/answer/types.js';
import { loadSeed } from './articleFixture.js';

/** The ten people the seed article names, read from it by hand, with a role each must carry. */
const EXPECTED_ROLES: Record<string, RegExp> = {
  'Betssy Chávez': /Prime Minister/,
  'José Jerí': /Interim President/,
  'Karla Ornela': /Mexican ambassador/,
  'Pedro Castillo': /former President/,
  'Dina Boluarte': /Vice President/,
  'Hugo de Zela': /Foreign Minister/,
  'Andrés Manuel López Obrador': /President/,
  'Lilia Paredes': /Castillo.s wife/,
  'Pablo Monroy Conesa': /Mexican ambassador/,
  'Christian K. Caruzo': /writer/,
};

describe('GIVEN the seed article', () => {
  const seed = loadSeed();
  let people: Person[] = [];
  beforeAll(() => {
    people = extractPeople([seed]);
  });

  it('THEN exactly its ten named people are listed, the author included, and nothing else', () => {
    expect(people.map((person) => person.name).sort()).toEqual(Object.keys(EXPECTED_ROLES).sort());
  });

  it('THEN each person carries a correct role', () => {
    for (const person of people) {
      const expected = EXPECTED_ROLES[person.name];
      expect(
        person.roles.some((role) => expected?.test(role)),
        `${person.name}: ${person.roles.join('; ')}`,
      ).toBe(true);
    }
  });

  it('THEN José Jerí is also Head of Congress, Hugo de Zela is also "de Zela", and Chávez has all her names', () => {
    const find = (name: string): Person | undefined => people.find((person) => person.name === name);
    expect(find('José Jerí')?.roles).toContain('Head of Congress');
    expect(find('Hugo de Zela')?.aliases).toContain('de Zela');
    expect(find('Betssy Chávez')?.aliases).toEqual(expect.arrayContaining(['Chávez', 'Betssy Chávez Chino']));
    expect(find('Christian K. Caruzo')?.roles).toContain('author');
  });

  it('THEN every citation is a verbatim sentence of the article, two or three per person named more than once', () => {
    for (const person of people) {
      for (const citation of person.citations) {
        expect(seed.text).toContain(citation.text);
        expect(citation.article).toBe(seed.id);
      }
    }
    const chavez = people.find((person) => person.name === 'Betssy Chávez');
    expect(chavez?.citations.length).toBe(3);
  });
});
