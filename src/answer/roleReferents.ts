import { foldedWords, stem } from '../corpus/tokens.js';
import type { QuestionTerm, StandIns, TermMatcher } from '../retrieval/termMatcher.js';
import type { Person } from './types.js';

/** Words that qualify a role without naming it: "former premier" needs "premier" to point at anyone. */
const ROLE_MODIFIERS = new Set(
  'former then late current interim acting deputy vice ex new outgoing incoming top senior chief'.split(' '),
);
/** Below this match strength a question word is not taken to name a role word (see TermMatcher). */
const ROLE_MATCH = 0.3;

/**
 * People a question refers to by role instead of by name ("why did the court free the former premier?"),
 * found by matching the question's words against the roles the articles give each person: at least two words,
 * one of them exactly and one of them not a mere modifier. The matched question terms can then be satisfied
 * by a sentence that names the person. Questions asking *who* holds a role are not rewritten: there the role
 * describes the answer, not someone already known.
 */
export function roleStandIns(
  terms: readonly QuestionTerm[],
  people: readonly Person[],
  matcher: TermMatcher,
): StandIns {
  const standIns = new Map<string, string[]>();
  const candidates = terms.filter((term) => !term.proper);
  if (candidates.length < 2) return standIns;
  for (const person of people) {
    if (person.roles.length === 0) continue;
    const matched = matcher
      .match(candidates, person.roles.join(' '))
      .filter((match) => match.strength >= ROLE_MATCH);
    const named =
      matched.length >= 2 &&
      matched.some((match) => match.strength === 1) &&
      matched.some((match) => !ROLE_MODIFIERS.has(match.term.word));
    if (!named) continue;
    const nameWords = [...new Set(foldedWords([person.name, ...person.aliases].join(' ')))]
      .filter((word) => word.length >= 3 && word !== 'del' && word !== 'las' && word !== 'los')
      .map(stem);
    for (const match of matched) {
      standIns.set(match.term.stem, [...(standIns.get(match.term.stem) ?? []), ...nameWords]);
    }
  }
  return standIns;
}

/**
 * A person the question names in full ("How old is Mary Barra?") is named in the articles by one part of it
 * after the first mention ("Barra, 51, will be…"): each name word of the question stands in for the others, so
 * "Barra" alone satisfies "Mary" too. Only people whose name the question gives at least two words of.
 */
export function nameStandIns(terms: readonly QuestionTerm[], people: readonly Person[]): StandIns {
  const standIns = new Map<string, string[]>();
  const asked = new Set(terms.filter((term) => term.proper).map((term) => term.stem));
  if (asked.size < 2) return standIns;
  const byWord = nameIndex(people);
  const candidates = new Set([...asked].flatMap((word) => byWord.get(word) ?? []));
  for (const { nameWords, aliasWords } of candidates) {
    const named = nameWords.filter((word) => asked.has(word));
    if (named.length < 2) continue;
    for (const word of named) {
      standIns.set(word, [...new Set([...(standIns.get(word) ?? []), ...nameWords, ...aliasWords])]);
    }
  }
  return standIns;
}

interface NamedPerson {
  nameWords: string[];
  aliasWords: string[];
}

const nameIndexes = new WeakMap<readonly Person[], Map<string, NamedPerson[]>>();

/** People by the stems of their name words, built once per list: a large corpus has thousands of people. */
function nameIndex(people: readonly Person[]): Map<string, NamedPerson[]> {
  let index = nameIndexes.get(people);
  if (index) return index;
  index = new Map();
  const stems = (text: string) => [
    ...new Set(
      foldedWords(text)
        .filter((word) => word.length >= 3)
        .map(stem),
    ),
  ];
  for (const person of people) {
    const entry = { nameWords: stems(person.name), aliasWords: stems(person.aliases.join(' ')) };
    for (const word of entry.nameWords) {
      const list = index.get(word);
      if (list) list.push(entry);
      else index.set(word, [entry]);
    }
  }
  nameIndexes.set(people, index);
  return index;
}
