import {
  DESCRIPTORS,
  FUNCTION_WORDS,
  isRoleModifierKey,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_ABBREVIATIONS,
} from './lexicon.js';
import { isAcronym, isCapitalised, type Word } from './words.js';

/** Where a name stands in the article's words: `first` … `last` inclusive. */
export interface NameSpan {
  first: number;
  last: number;
}

const lower = (word: Word): string => word.base.toLowerCase();

/** Connectors allowed inside a title: "Head of Congress", "Secretary of the Air Force", "Special Asst. to the Secretary". */
const TITLE_CONNECTORS = new Set(['of', 'for', 'the', 'to', 'on']);
/** After a name a role may also say where: "a doctor at New York University", "chairman … and a member of the board". */
const PHRASE_CONNECTORS = new Set([...TITLE_CONNECTORS, 'at', 'a', 'an']);

/** Whether the word names a role: "ambassador", "wife", "CEO", "Sen.", or an agent noun such as "analyst". */
export function isRoleNoun(word: Word): boolean {
  const key = lower(word);
  if (FUNCTION_WORDS.has(key)) return false;
  if (ROLE_NOUNS.has(key) || (TITLE_ABBREVIATIONS.has(key) && word.gap.startsWith('.'))) return true;
  // "analyst", "columnist", "historian", and misspellings like "analysist": agent nouns the lexicon may lack.
  return !isCapitalised(word.base) && key.length > 5 && /(?:ist|ian)$/.test(key) && word.tags.has('Noun');
}

function isRoleModifier(word: Word): boolean {
  return isRoleModifierKey(lower(word));
}

function isVerb(word: Word): boolean {
  return word.tags.has('Verb') && !isRoleNoun(word) && !isRoleModifier(word);
}

/** True when only spaces, or a title abbreviation's full stop, stand between this word and the next. */
function joinsNext(word: Word): boolean {
  if (/^\s+$/.test(word.gap)) return true;
  return /^\.\s+$/.test(word.gap) && TITLE_ABBREVIATIONS.has(lower(word));
}

/** Punctuation after a word that closes a phrase. */
const CLOSES = /[,.;:!?()“”"]|''|``/;

/** Normalises a role phrase cut from the text: single spaces, "USAF 's" → "USAF's", no trailing punctuation. */
export function cleanRole(text: string): string {
  let cleaned = text
    .replace(/\s+/g, ' ')
    .replace(/\s+(['’]s)\b/g, '$1')
    .trim();
  // An abbreviated title keeps its full stop ("Sen."); other trailing punctuation goes.
  const abbreviation = /(\p{L}+)\.$/u.exec(cleaned)?.[1]?.toLowerCase();
  if (!abbreviation || !TITLE_ABBREVIATIONS.has(abbreviation)) cleaned = cleaned.replace(/[\s,.;:]+$/, '');
  return cleaned.replace(/^(?:(?:a|an|the|current|currently|new|now)\s+)+/i, '').trim();
}

function phrase(text: string, words: readonly Word[], from: number, to: number): string {
  const first = words[from];
  const last = words[to];
  if (!first || !last) return '';
  // An abbreviated title keeps its full stop: "Sen.", "Gov.".
  const stop = TITLE_ABBREVIATIONS.has(lower(last)) && last.gap.startsWith('.') ? 1 : 0;
  return cleanRole(text.slice(first.start, last.end + stop));
}

function hasRoleNoun(words: readonly Word[], from: number, to: number): boolean {
  for (let index = from; index <= to; index++) {
    const word = words[index];
    if (word && isRoleNoun(word)) return true;
  }
  return false;
}

/**
 * The title written right before a name: "Interim President", "Peruvian Foreign Minister", "Head of Congress",
 * "Pedro Castillo’s wife", "then-Vice President". Descriptions of politics ("communist", "far-left") are left out.
 */
export function roleBefore(text: string, words: readonly Word[], name: NameSpan): string | undefined {
  const sentence = words[name.first]?.sentence;
  let from = name.first;
  for (let index = name.first - 1; index >= 0 && name.first - index <= 9; index--) {
    const word = words[index];
    if (!word || word.sentence !== sentence || !joinsNext(word)) break;
    const key = lower(word);
    if (DESCRIPTORS.has(key) || SPEECH_VERBS.has(key)) break;
    if (FUNCTION_WORDS.has(key)) {
      if (!TITLE_CONNECTORS.has(key) || from === name.first) break;
      // A connector stays only inside a title: the word before it must be a role or a capitalised title word.
      let before = index - 1;
      while (before >= 0 && TITLE_CONNECTORS.has(lower(words[before] as Word))) before--;
      const anchor = words[before];
      if (!anchor || anchor.sentence !== sentence || !(isRoleNoun(anchor) || isCapitalised(anchor.base)))
        break;
      continue;
    }
    const fits =
      isRoleNoun(word) ||
      isRoleModifier(word) ||
      isCapitalised(word.base) ||
      isAcronym(word.base) ||
      word.possessive ||
      (word.tags.has('Noun') && !word.tags.has('Pronoun') && !isVerb(word));
    if (!fits) break;
    from = index;
  }
  while (from < name.first && TITLE_CONNECTORS.has(lower(words[from] as Word))) from++;
  if (from >= name.first || !hasRoleNoun(words, from, name.first - 1)) return undefined;
  // The title must reach the name ("Mexican ambassador", "head of finance"): in "the British union Unite" it does not.
  const touching = words[name.first - 1] as Word;
  const reaches =
    isRoleNoun(touching) ||
    isRoleModifier(touching) ||
    isCapitalised(touching.base) ||
    isAcronym(touching.base) ||
    words
      .slice(from, name.first)
      .some(
        (word, index, chunk) =>
          /^(?:of|for)$/.test(lower(word)) && index > 0 && isRoleNoun(chunk[index - 1] as Word),
      );
  if (!reaches) return undefined;
  return phrase(text, words, from, name.first - 1);
}

/**
 * Collects a role phrase starting at `from` ("former lawmaker", "head of USAF's Mobility Command",
 * "president of Chrysler"), stopping at punctuation, a verb, or a clause word. Returns the phrase and the
 * index of its last word.
 */
function rolePhraseFrom(
  text: string,
  words: readonly Word[],
  from: number,
  stopAtAnd: boolean,
): { role: string; last: number; closed: boolean } | undefined {
  const sentence = words[from]?.sentence;
  let start = from;
  // Articles, ages and "current" describe the person, not the role: "a 36-year-old former lawmaker".
  while (start < words.length) {
    const word = words[start] as Word;
    const key = lower(word);
    if (!/^(?:a|an|the|current|new|also|now|currently|presently|\d+-year-old)$/.test(key)) break;
    if (!joinsNext(word)) return undefined;
    start++;
  }
  let last = -1;
  let closed = false;
  for (let index = start; index < words.length && index - start < 14; index++) {
    const word = words[index] as Word;
    if (word.sentence !== sentence) break;
    const key = lower(word);
    if (FUNCTION_WORDS.has(key) && !PHRASE_CONNECTORS.has(key) && !(key === 'and' && !stopAtAnd)) break;
    if (isVerb(word) || DESCRIPTORS.has(key)) break;
    last = index;
    if (!joinsNext(word)) {
      closed = CLOSES.test(word.gap);
      break;
    }
  }
  while (
    last >= start &&
    (PHRASE_CONNECTORS.has(lower(words[last] as Word)) || lower(words[last] as Word) === 'and')
  ) {
    last--;
  }
  if (last < start || !hasRoleNoun(words, start, last)) return undefined;
  return { role: phrase(text, words, start, last), last, closed };
}

/** Splits "North America CEO and ex Northrop executive" into its two roles. */
function splitRoles(role: string): string[] {
  const parts = role.split(/\s+and\s+/).map(cleanRole);
  // "director of the Institute of Allergy and Infectious Diseases" stays whole: only roles split.
  const isRole = (part: string): boolean =>
    part.split(/\s+/).some((word) => ROLE_NOUNS.has(word.toLowerCase().replace(/['’]s$/, '')));
  return parts.length > 1 && parts.every(isRole) ? parts : [cleanRole(role)];
}

/** Whether a comma closes the phrase after `from` within a few words and before any verb. */
function closesSoon(words: readonly Word[], from: number): boolean {
  for (let index = from; index < words.length && index - from < 8; index++) {
    const word = words[index] as Word;
    if (isVerb(word)) return false;
    if (/,/.test(word.gap)) return true;
    if (CLOSES.test(word.gap)) return false;
  }
  return false;
}

/**
 * A role written before the name and set off by a comma: "said the general secretary of the British union
 * Unite, Tony Woodley"; "The former Chief Operating Officer, Tim Cook will …". The phrase must run from the
 * start of the sentence or from a verb up to the comma.
 */
export function rolesBeforeComma(text: string, words: readonly Word[], name: NameSpan): string[] {
  const comma = words[name.first - 1];
  if (!comma || !/^\s*,\s*$/.test(comma.gap)) return [];
  let start = name.first - 1;
  while (start > 0) {
    const previous = words[start - 1] as Word;
    if (previous.sentence !== comma.sentence || !/^\s+$/.test(previous.gap) || isVerb(previous)) break;
    start--;
  }
  const found = rolePhraseFrom(text, words, start, false);
  return found && found.last === name.first - 1 ? splitRoles(found.role) : [];
}

/** Roles stated after the name: an appositive, "is a …", "who serves as …", "served as … and then as …". */
export function rolesAfter(text: string, words: readonly Word[], name: NameSpan): string[] {
  const roles: string[] = [];
  const lastWord = words[name.last];
  if (!lastWord) return roles;
  let cursor = name.last + 1;
  // Appositive: "Chávez, a 36-year-old former lawmaker, served …"; "Tom LaSorda, the president of Chrysler announced".
  if (/^\s*,\s*$/.test(lastWord.gap) && !lastWord.possessive) {
    // An age between commas comes before the appositive: "Maria Gonzalez, 34, a nurse from Ohio, said".
    const age = words[cursor];
    if (age && /^\d{1,3}$/.test(age.base) && /^\s*,\s*$/.test(age.gap)) cursor++;
    const next = words[cursor];
    if (next && lower(next) === 'who') {
      cursor = afterWho(words, cursor);
    } else if (next) {
      const appositive = rolePhraseFrom(text, words, cursor, false);
      const after = appositive ? words[appositive.last + 1] : undefined;
      // The appositive ends at a comma, at the verb of the sentence, or at a relative clause about the person.
      const ended =
        appositive !== undefined &&
        after !== undefined &&
        (isVerb(after) ||
          /^(?:who|whose|which|that)$/i.test(after.base) ||
          closesSoon(words, appositive.last + 1));
      if (appositive && (appositive.closed || ended)) {
        roles.push(...splitRoles(appositive.role));
        cursor = appositive.last + 1;
      }
    }
  }
  roles.push(...predicateRoles(text, words, cursor, name));
  return roles;
}

/** Skips "who", "presently" and the like to the verb of a relative clause. */
function afterWho(words: readonly Word[], whoIndex: number): number {
  let index = whoIndex + 1;
  while (words[index]?.tags.has('Adverb')) index++;
  return index;
}

const COPULA = /^(?:is|was|has been|had been|became|becomes|remains|remained)$/;
const SERVE = /^(?:serves|served|serving|has served|had served|was appointed|was named|was elected|became)$/;

/** "is a Venezuelan writer", "serves as interim president", "served as Minister of Labor and then as Minister of Culture". */
function predicateRoles(text: string, words: readonly Word[], from: number, name: NameSpan): string[] {
  const sentence = words[name.last]?.sentence;
  let index = from;
  while (words[index]?.sentence === sentence && words[index]?.tags.has('Adverb')) index++;
  const verbWord = words[index];
  if (!verbWord || verbWord.sentence !== sentence) return [];
  // Two-word verbs ("has been", "was appointed") are read together.
  const pair = `${lower(verbWord)} ${words[index + 1] ? lower(words[index + 1] as Word) : ''}`;
  const verb = COPULA.test(pair) || SERVE.test(pair) ? pair : lower(verbWord);
  index += verb.includes(' ') ? 2 : 1;
  const roles: string[] = [];
  if (SERVE.test(verb) && lower(words[index] ?? verbWord) === 'as') {
    let cursor = index + 1;
    for (;;) {
      const found = rolePhraseFrom(text, words, cursor, true);
      if (!found) break;
      roles.push(found.role);
      // "… and then as Minister of Culture"
      const and = words[found.last + 1];
      const then = words[found.last + 2];
      if (!and || lower(and) !== 'and') break;
      const asIndex = then && lower(then) === 'then' ? found.last + 3 : found.last + 2;
      if (lower(words[asIndex] ?? and) !== 'as') break;
      cursor = asIndex + 1;
    }
  } else if (COPULA.test(verb)) {
    const article = words[index];
    if (article && /^(?:a|an|the)$/.test(lower(article))) {
      const found = rolePhraseFrom(text, words, index, true);
      if (found) roles.push(found.role);
    }
  }
  return roles;
}

const APPOINTING = /^(?:appointed|named|elected|nominated|chose|picked|tapped|made|installed|designated)$/;

/** "Castillo appointed Chávez as Prime Minister", "GM named Mary Barra as its new chief executive". */
export function roleGiven(text: string, words: readonly Word[], name: NameSpan): string | undefined {
  const before = words[name.first - 1];
  const after = words[name.last + 1];
  if (!before || !after || !APPOINTING.test(lower(before)) || lower(after) !== 'as') return undefined;
  let start = name.last + 2;
  while (words[start] && /^(?:its|their|his|her|the|a|an)$/.test(lower(words[start] as Word))) start++;
  return rolePhraseFrom(text, words, start, true)?.role;
}
