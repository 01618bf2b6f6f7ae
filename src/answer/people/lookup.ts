import type { Person } from '../types.js';
import { foldText } from './words.js';

/** Accent- and case-free words of a name or query: "José Jerí" → ["jose", "jeri"]. */
function foldedWords(text: string): string[] {
  return foldText(text)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}

function namesOf(person: Person): string[] {
  return [person.name, ...person.aliases];
}

/**
 * How well `query` fits the person: 4 a whole name or alias, 3 every query word is a whole name word
 * ("zela", "de zela"), 2 every query word starts a name word ("jer", "hugo de z"), 1 every query word occurs
 * inside a name word ("nela" in "Ornela"), 0 no fit.
 */
export function matchScore(person: Person, query: string): number {
  const queryWords = foldedWords(query);
  if (queryWords.length === 0) return 0;
  const joinedQuery = queryWords.join(' ');
  let best = 0;
  for (const name of namesOf(person)) {
    const words = foldedWords(name);
    if (words.join(' ') === joinedQuery) return 4;
    if (queryWords.every((part) => words.includes(part))) best = Math.max(best, 3);
    else if (queryWords.every((part) => words.some((word) => word.startsWith(part))))
      best = Math.max(best, 2);
    else if (queryWords.every((part) => words.some((word) => word.includes(part)))) best = Math.max(best, 1);
  }
  return best;
}

/**
 * The person a name refers to, matching without accents or case on the whole name, an alias, or any part
 * of them ("jeri", "zela", "Betssy Chavez"). With several fits, the best fit wins, then the most-mentioned
 * (people are listed most-mentioned first).
 */
export function findPerson(people: readonly Person[], query: string): Person | undefined {
  let best: Person | undefined;
  let bestScore = 0;
  for (const person of people) {
    const score = matchScore(person, query);
    if (score > bestScore) {
      best = person;
      bestScore = score;
    }
  }
  return best;
}

/** Levenshtein distance, for names typed slightly wrong ("Chaves", "Jerry"). */
function editDistance(left: string, right: string): number {
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);
  for (let row = 1; row <= left.length; row++) {
    const current = [row];
    for (let column = 1; column <= right.length; column++) {
      const substitution = (previous[column - 1] ?? 0) + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min((previous[column] ?? 0) + 1, (current[column - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[right.length] ?? 0;
}

/** How far `query` is from the person's closest name word or whole name, relative to its length. */
function distance(person: Person, query: string): number {
  const folded = foldedWords(query).join(' ');
  let best = Infinity;
  for (const name of namesOf(person)) {
    const candidates = [foldedWords(name).join(' '), ...foldedWords(name)];
    for (const candidate of candidates) {
      best = Math.min(best, editDistance(folded, candidate) / Math.max(folded.length, candidate.length, 1));
    }
  }
  return best;
}

/** The names nearest to one the articles do not contain, nearest first. */
export function closestPeople(people: readonly Person[], query: string, limit = 3): Person[] {
  return [...people]
    .map((person, order) => ({ person, order, distance: distance(person, query) }))
    .sort((left, right) => left.distance - right.distance || left.order - right.order)
    .slice(0, limit)
    .map(({ person }) => person);
}

/**
 * Autocomplete: people whose name or alias fits the typed text (see `matchScore`), best fit first and then in
 * list order (most-mentioned first), at most `limit`. Empty text lists everyone; text that fits no one gives
 * the closest names instead, so a misspelling still offers a choice.
 */
export function suggestPeople(people: readonly Person[], partial: string, limit = 25): Person[] {
  if (foldedWords(partial).length === 0) return people.slice(0, limit);
  const fitting = people
    .map((person, order) => ({ person, order, score: matchScore(person, partial) }))
    .filter(({ score }) => score > 0)
    .sort((left, right) => right.score - left.score || left.order - right.order)
    .map(({ person }) => person);
  return (fitting.length > 0 ? fitting : closestPeople(people, partial, Math.min(limit, 5))).slice(0, limit);
}

/** A pattern for any of the person's names standing as whole words ("Castillo" in "Castillo’s", not in "Castillon"). */
export function mentionPattern(person: Person): RegExp {
  const names = namesOf(person)
    .filter((name) => name.trim().length > 0)
    .sort((left, right) => right.length - left.length)
    .map((name) =>
      name
        .trim()
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\s+/g, '\\s+'),
    );
  return new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${names.join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'u');
}
