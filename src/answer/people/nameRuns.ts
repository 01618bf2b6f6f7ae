import {
  DAY_AND_MONTH_NAMES,
  FUNCTION_WORDS,
  HONORIFICS,
  INSTITUTION_WORDS,
  NAME_PARTICLES,
  NAME_SUFFIXES,
  ROLE_MODIFIERS,
  ROLE_NOUNS,
  SPEECH_VERBS,
  TITLE_ABBREVIATIONS,
} from './lexicon.js';
import { isRoleNoun, type NameSpan, roleBefore, rolesBeforeComma, roleGiven, rolesAfter } from './roles.js';
import { isAcronym, isCapitalised, isInitial, type Word } from './words.js';

/** A capitalised run of words read as a person's name, with what the text says around it. */
export interface NameCandidate extends NameSpan {
  /** The name as written, without honorific, title or possessive: "Betssy Chávez Chino". */
  name: string;
  /** Capitalised words in the name (particles and initials aside): 1 for "de Zela", 2 for "Hugo de Zela". */
  nameWords: number;
  roles: string[];
  /** A title, honorific or role phrase names this as a person. */
  titled: boolean;
  /** A title or honorific stands right before the name ("Deputy Defense Secretary Wolfowitz", "Mr MacFarlane"). */
  titledBefore: boolean;
  /** Something marks it as an organisation or place ("Douglas Aircraft", "Radio … (RPP)", "the Joint Strike …"). */
  notPerson: boolean;
  /** compromise knows the first word as a given name ("Karla", "Steve"). */
  knownGivenName: boolean;
  /** Next to a verb of speech: "Paul Nesbit said", "said Stephen Harper". */
  speaks: boolean;
  /** compromise's `people()` found every word of the name. */
  taggedPerson: boolean;
}

const lower = (word: Word): string => word.base.toLowerCase();

function canJoinRun(words: readonly Word[], index: number): boolean {
  const word = words[index] as Word;
  if (NAME_PARTICLES.has(word.base)) {
    // Particles lead on to a capitalised name word, possibly through more particles: "von der Leyen".
    let next = index + 1;
    while (words[next] && NAME_PARTICLES.has((words[next] as Word).base)) next++;
    const following = words[next];
    return following !== undefined && isCapitalised(following.base) && /^\s+$/.test(word.gap);
  }
  return isCapitalised(word.base) || isInitial(word.base) || NAME_SUFFIXES.has(lower(word));
}

/** Only spaces between the words, or the full stop of an initial or an abbreviated title ("K.", "Mr.", "Jr."). */
function continuesRun(word: Word): boolean {
  if (word.possessive) return false;
  if (/^\s+$/.test(word.gap)) return true;
  const key = lower(word);
  return (
    /^\.\s+$/.test(word.gap) &&
    (isInitial(word.base) || HONORIFICS.has(key) || HONORIFICS.has(`${key}.`) || NAME_SUFFIXES.has(key))
  );
}

/** Title, honorific, institution and sentence words that a tagger may have folded into the front of a name. */
function isLeadingNonName(word: Word): 'honorific' | 'title' | 'other' | undefined {
  const key = lower(word);
  const bare = key.replace(/\.$/, '');
  if (HONORIFICS.has(key) || HONORIFICS.has(bare) || HONORIFICS.has(`${bare}.`)) return 'honorific';
  if (ROLE_NOUNS.has(bare) || ROLE_MODIFIERS.has(bare) || TITLE_ABBREVIATIONS.has(bare)) return 'title';
  if (FUNCTION_WORDS.has(key) || INSTITUTION_WORDS.has(key) || DAY_AND_MONTH_NAMES.has(key)) return 'other';
  const givenName = word.tags.has('FirstName') || word.tags.has('Person');
  if (!givenName && (word.tags.has('Demonym') || word.tags.has('Country') || word.tags.has('Place')))
    return 'other';
  if (isAcronym(word.base)) return 'other';
  // "Specializing", "Committed": a capitalised verb in an organisation's name is not part of a person's name.
  if (!givenName && !word.tags.has('LastName') && word.tags.has('Verb')) return 'other';
  return undefined;
}

function isNotPerson(text: string, words: readonly Word[], span: NameSpan, titled: boolean): boolean {
  const nameWords = words.slice(span.first, span.last + 1);
  const last = nameWords.at(-1) as Word;
  if (INSTITUTION_WORDS.has(lower(last)) || last.tags.has('Organization')) return true;
  if (nameWords.some((word) => word.tags.has('Country') || word.tags.has('Demonym'))) return true;
  if (nameWords.some((word) => DAY_AND_MONTH_NAMES.has(lower(word)))) return true;
  // "Radio Programas del Perú (RPP)": an acronym in brackets right after belongs to an organisation.
  if (/^\s*\(\s*\p{Lu}[\p{Lu}\d&.]+\s*\)/u.test(text.slice(last.end, last.end + 16))) return true;
  // "Council for Voluntary Organisations", "Bank of America": a run after an institution and "of"/"for" continues its name.
  const connector = words[span.first - 1];
  const institution = words[span.first - 2];
  if (
    connector &&
    institution &&
    /^(?:of|for)$/.test(connector.base) &&
    INSTITUTION_WORDS.has(lower(institution))
  ) {
    return true;
  }
  if (titled) return false;
  // "Northrop Grumman CEO Ron Sugar": a name followed by a role is the employer, not the person.
  const next = words[span.last + 1];
  if (next && !last.possessive && /^\s+$/.test(last.gap) && ROLE_NOUNS.has(lower(next))) return true;
  // "the Joint Strike Fighter program", "analysts at Morgan Stanley": an article or "at" before a name marks a
  // thing or a workplace, not a person.
  const previous = words[span.first - 1];
  return previous !== undefined && /^(?:the|a|an|at)$/i.test(previous.base) && /^\s+$/.test(previous.gap);
}

function speaks(words: readonly Word[], span: NameSpan): boolean {
  const last = words[span.last] as Word;
  const after = words[span.last + 1];
  if (after && /^\s*,?\s*$/.test(last.gap) && SPEECH_VERBS.has(lower(after))) return true;
  const before = words[span.first - 1];
  const beforeThat = words[span.first - 2];
  if (before && /^\s+$/.test(before.gap) && SPEECH_VERBS.has(lower(before))) return true;
  return lower(before ?? last) === 'to' && lower(beforeThat ?? last) === 'according';
}

/** Finds every capitalised run in the article that could be a person's name, and reads the evidence around it. */
export function findNameCandidates(text: string, words: readonly Word[]): NameCandidate[] {
  const candidates: NameCandidate[] = [];
  let index = 0;
  while (index < words.length) {
    const word = words[index] as Word;
    if (!canJoinRun(words, index)) {
      index++;
      continue;
    }
    let end = index;
    while (
      end + 1 < words.length &&
      continuesRun(words[end] as Word) &&
      (words[end + 1] as Word).sentence === word.sentence &&
      canJoinRun(words, end + 1)
    ) {
      end++;
    }
    const candidate = readRun(text, words, index, end);
    if (candidate) {
      // "Goldman Sachs and Morgan Stanley": a name listed with an organisation, and nothing else said of it, is one too.
      const previous = candidates.at(-1);
      const link = previous && words[previous.last + 1];
      if (
        previous?.notPerson &&
        link &&
        previous.last + 2 === candidate.first &&
        /^(?:and|or|&)$/.test(link.base) &&
        !candidate.titled
      ) {
        candidate.notPerson = true;
      }
      candidates.push(candidate);
    }
    index = end + 1;
  }
  return candidates;
}

function readRun(
  text: string,
  words: readonly Word[],
  runStart: number,
  runEnd: number,
): NameCandidate | undefined {
  let first = runStart;
  let honorific = false;
  let titleWords = false;
  while (first <= runEnd) {
    const kind = isLeadingNonName(words[first] as Word);
    if (!kind) break;
    honorific ||= kind === 'honorific';
    titleWords ||= kind === 'title';
    first++;
  }
  let last = runEnd;
  while (last >= first && NAME_PARTICLES.has((words[last] as Word).base)) last--;
  if (first > last) return undefined;
  // A title inside the run ends what comes before it: "Aer Lingus Chief Executive Dermot Mannion".
  for (let index = last - 1; index > first; index--) {
    const kind = isLeadingNonName(words[index] as Word);
    const rest = words.slice(index + 1, last + 1);
    if (kind && rest.some((word) => isCapitalised(word.base) && !NAME_SUFFIXES.has(lower(word)))) {
      honorific ||= kind === 'honorific';
      titleWords ||= kind === 'title';
      first = index + 1;
      break;
    }
  }
  // "Civilian Deputy Undersecretary": what is left after the last title may itself be a title.
  while (first <= last && isLeadingNonName(words[first] as Word)) first++;
  if (first > last) return undefined;
  const nameWords = words.slice(first, last + 1);
  const capitalised = nameWords.filter((word) => isCapitalised(word.base) && !NAME_SUFFIXES.has(lower(word)));
  if (capitalised.length === 0 || isInitial((nameWords[0] as Word).base)) return undefined;
  const span = { first, last };
  const before = roleBefore(text, words, span);
  const roles = [
    ...(before ? [before] : []),
    ...rolesBeforeComma(text, words, span),
    ...rolesAfter(text, words, span),
  ];
  const given = roleGiven(text, words, span);
  if (given) roles.push(given);
  // A one-word name needs its title to touch it: "Secretary Wolfowitz", not "Prosecutor’s Office Specializing".
  const touching = words[first - 1];
  const titledBefore =
    honorific || titleWords || (before !== undefined && touching !== undefined && isRoleNoun(touching));
  const titled = titledBefore || roles.length > 0;
  const firstWord = nameWords[0] as Word;
  return {
    ...span,
    name: nameText(text, words, span),
    nameWords: capitalised.length,
    roles,
    titled,
    titledBefore,
    notPerson: isNotPerson(text, words, span, titled),
    knownGivenName: firstWord.tags.has('FirstName'),
    speaks: speaks(words, span),
    taggedPerson: nameWords.every((word) => word.taggedPerson),
  };
}

/** The name as written between its first and last word, with the possessive ending of the last word dropped. */
export function nameText(text: string, words: readonly Word[], span: NameSpan): string {
  const first = words[span.first] as Word;
  const last = words[span.last] as Word;
  // An initial or suffix keeps its full stop ("William Clay Ford Jr.").
  const stop =
    !last.possessive && /^\./.test(last.gap) && (NAME_SUFFIXES.has(lower(last)) || isInitial(last.base))
      ? 1
      : 0;
  return text
    .slice(first.start, last.start + last.base.length + stop)
    .replace(/\s+/g, ' ')
    .trim();
}
