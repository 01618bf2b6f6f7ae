import { contentTerms, foldedWords, foldText, sharesRoot } from '../corpus/tokens.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import type { Person } from './types.js';

/** "Who is Betssy Chávez?", "who was Dr. Jerí": what is asked is the person, by name and nothing else. */
const WHO_IS = /^\s*who\s+(?:is|was|are|were)\s+(?:(?:the|mr|mrs|ms|dr)\.?\s+)?(.+?)[\s?!.]*$/iu;

/**
 * A name and nothing else ("jeri??", "Betssy Chávez"), or "tell me about" one: members type a name to ask who
 * that is. Only a name the articles know counts (a bare "Mexico?" asks nothing of the kind), and a name has at
 * most four words: a longer question is not looked up among the people at all.
 */
const NAME_ALONE =
  /^\s*(?:tell me (?:more )?about\s+)?(\p{L}[\p{L}'’.-]*(?:\s+\p{L}[\p{L}'’.-]*){0,3})[\s?!.]*$/iu;

/** A name as typed: capitalised words only ("Betssy Chávez", "José Jerí"). */
const NAME = /^\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)*$/u;

export interface IdentityQuestion {
  /** The person the articles know by that name or alias, if any. */
  person: Person | undefined;
}

/**
 * Whether the question asks who someone named is. Such a question wants what they are (a role), never another
 * name: the nearest person or organisation to the name in a sentence ("the Mexican Embassy … granted asylum to
 * Ms. Betssy Chávez") is not who she is. Undefined for any other question ("Who is the interim president?").
 */
export function identityQuestion(question: string, people: readonly Person[]): IdentityQuestion | undefined {
  const asked = WHO_IS.exec(question)?.[1];
  const named = asked ?? NAME_ALONE.exec(question)?.[1];
  if (!named) return undefined;
  const folded = foldText(named);
  const byName = people.filter((candidate) =>
    [candidate.name, ...candidate.aliases].some((name) => foldText(name) === folded),
  );
  // A surname alone ("who is jeri") names the one person who has it.
  const bySurname = people.filter((candidate) => foldText(candidate.name).split(/\s+/).at(-1) === folded);
  const person = byName[0] ?? (bySurname.length === 1 ? bySurname[0] : undefined);
  return person || (asked && NAME.test(asked)) ? { person } : undefined;
}

/**
 * The role a sentence gives the person, as the sentence writes it ("former Peruvian Prime Minister"), taken
 * from the roles the articles give them, longest first; undefined when the sentence gives none.
 */
export function roleIn(person: Person, sentence: string): string | undefined {
  const lower = sentence.toLowerCase();
  for (const role of [...person.roles].sort((left, right) => right.length - left.length)) {
    const at = lower.indexOf(role.toLowerCase());
    if (at >= 0) return sentence.slice(at, at + role.length);
  }
  return undefined;
}

/** How far down the ranking a sentence saying who someone is may stand (see `describingSentence`). */
const DESCRIPTION_DEPTH = 5;

/**
 * For "who is X?", the best-ranked of the first few sentences that gives X a role the articles know, with
 * that role: "…asylum to former Peruvian Prime Minister Betssy Chávez" says who she is, where a sentence that
 * only names her does not.
 */
export function describingSentence<Entry extends { candidate: Pick<RankedSentence, 'sentence'> }>(
  person: Person,
  ranked: readonly Entry[],
): { entry: Entry; role: string } | undefined {
  for (const entry of ranked.slice(0, DESCRIPTION_DEPTH)) {
    const role = roleIn(person, entry.candidate.sentence.text);
    if (role) return { entry, role };
  }
  return undefined;
}

/** "Who is the interim president of Peru?", "who was Mexico's ambassador": a role, asking who holds it. */
const WHO_IS_THE = /^\s*who\s+(?:is|was|are|were)\s+(?:the\s+)?(.+?)[\s?!.]*$/iu;

export interface RoleQuestion {
  /** The people whose role the question names, with that role as the articles write it. */
  holders: { person: Person; role: string }[];
  /** The question's other words ("peru" of "the interim president of Peru"), which the answer must have too. */
  rest: string[];
}

/** One word in another form ("mexico", "mexican"), or the same word. */
const sameWord = (word: string, other: string) => word === other || sharesRoot(word, other);

/**
 * Whether "who is the …?" names a role the articles give someone: every word of the role is in the question
 * ("Peruvian Foreign Minister" in "who is the peruvian foreign minister?"). The role "President" alone is in
 * "who is the president of Brazil?" too; what decides is that the sentence giving it says "Brazil"
 * (`holdingSentence`). Undefined when no role is named.
 */
export function roleQuestion(question: string, people: readonly Person[]): RoleQuestion | undefined {
  const phrase = WHO_IS_THE.exec(question)?.[1];
  if (!phrase) return undefined;
  const asked = contentTerms(phrase);
  const holders = people.flatMap((person) =>
    person.roles
      .filter((role) => {
        const words = contentTerms(role);
        return words.length > 0 && words.every((word) => asked.some((other) => sameWord(word, other)));
      })
      .map((role) => ({ person, role })),
  );
  if (holders.length === 0) return undefined;
  const named = new Set(holders.flatMap(({ role }) => contentTerms(role)));
  const rest = asked.filter((word) => ![...named].some((other) => sameWord(word, other)));
  return { holders, rest };
}

/**
 * For "who is the <role>?", the best-ranked of the first few sentences that gives a holder that role, names
 * them, and has the question's other words, with the name as the sentence writes it: "…,” Peruvian Foreign
 * Minister Hugo de Zela told reporters" answers "Who is the Peruvian foreign minister?" with "Hugo de Zela".
 */
export function holdingSentence<Entry extends { candidate: Pick<RankedSentence, 'sentence'> }>(
  question: RoleQuestion,
  ranked: readonly Entry[],
): { entry: Entry; name: string } | undefined {
  for (const entry of ranked.slice(0, DESCRIPTION_DEPTH)) {
    const { text } = entry.candidate.sentence;
    const folded = foldText(text);
    const words = foldedWords(text);
    if (!question.rest.every((word) => words.some((other) => sameWord(word, other)))) continue;
    for (const { person, role } of question.holders) {
      if (!folded.includes(foldText(role))) continue;
      const name = [person.name, ...person.aliases]
        .sort((left, right) => right.length - left.length)
        .find((candidate) => folded.includes(foldText(candidate)));
      if (!name) continue;
      const at = folded.indexOf(foldText(name));
      return { entry, name: text.slice(at, at + name.length) };
    }
  }
  return undefined;
}
