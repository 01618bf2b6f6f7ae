import { describe, expect, it } from 'vitest';
import { closestPeople, findPerson, suggestPeople } from '../../../src/answer/people/index.js';
import type { Person } from '../../../src/answer/types.js';

function person(name: string, aliases: string[] = []): Person {
  return { name, aliases, roles: [], summary: name, citations: [] };
}

const PEOPLE = [
  person('Betssy Chávez', ['Chávez', 'Betssy Chávez Chino']),
  person('Pedro Castillo', ['Castillo']),
  person('Hugo de Zela', ['de Zela']),
  person('José Jerí'),
  person('Dina Boluarte', ['Boluarte']),
  person('Karla Ornela'),
];

describe('findPerson', () => {
  it('GIVEN a query without accents or capitals THEN it matches any part of a name ("jeri", "zela")', () => {
    expect(findPerson(PEOPLE, 'jeri')?.name).toBe('José Jerí');
    expect(findPerson(PEOPLE, 'zela')?.name).toBe('Hugo de Zela');
    expect(findPerson(PEOPLE, 'DE ZELA')?.name).toBe('Hugo de Zela');
    expect(findPerson(PEOPLE, 'chavez')?.name).toBe('Betssy Chávez');
  });

  it('GIVEN an alias THEN the person it belongs to is found', () => {
    expect(findPerson(PEOPLE, 'Betssy Chavez Chino')?.name).toBe('Betssy Chávez');
    expect(findPerson(PEOPLE, 'castillo')?.name).toBe('Pedro Castillo');
  });

  it('GIVEN a name that is not in the articles THEN nothing is found, and the closest names are offered', () => {
    expect(findPerson(PEOPLE, 'Vladimir Putin')).toBeUndefined();
    expect(closestPeople(PEOPLE, 'Chaves')[0]?.name).toBe('Betssy Chávez');
    expect(closestPeople(PEOPLE, 'Boluart', 1).map((found) => found.name)).toEqual(['Dina Boluarte']);
  });
});

describe('suggestPeople', () => {
  it('GIVEN typed letters THEN names with a word starting with them come first, accents ignored', () => {
    expect(suggestPeople(PEOPLE, 'je').map((found) => found.name)).toEqual(['José Jerí']);
    expect(suggestPeople(PEOPLE, 'zel')[0]?.name).toBe('Hugo de Zela');
    expect(suggestPeople(PEOPLE, 'nela')[0]?.name).toBe('Karla Ornela');
  });

  it('GIVEN nothing typed THEN everyone is offered, at most 25', () => {
    expect(suggestPeople(PEOPLE, '')).toHaveLength(PEOPLE.length);
    const many = Array.from({ length: 40 }, (_, index) => person(`Person Number${index}`));
    expect(suggestPeople(many, '')).toHaveLength(25);
    expect(suggestPeople(many, 'person')).toHaveLength(25);
    expect(suggestPeople(many, 'number1', 5)).toHaveLength(5);
  });

  it('GIVEN a whole-word match and a prefix match THEN the whole word ranks first', () => {
    const people = [person('Ana Castillon'), person('Pedro Castillo', ['Castillo'])];
    expect(suggestPeople(people, 'castillo').map((found) => found.name)).toEqual([
      'Pedro Castillo',
      'Ana Castillon',
    ]);
  });

  it('GIVEN a misspelt name that fits no one THEN the closest names are suggested', () => {
    expect(suggestPeople(PEOPLE, 'Ornella')[0]?.name).toBe('Karla Ornela');
  });
});
