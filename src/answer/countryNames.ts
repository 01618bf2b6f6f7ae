import { createRequire } from 'node:module';
import type { Countries } from 'world-countries';
import { foldedWords, stem } from '../corpus/tokens.js';
import type { QuestionTerm, StandIns } from '../retrieval/termMatcher.js';

/**
 * The names one country goes by: "Japanese" in a question is "Japan" in the article, "French" is "France", "US"
 * is "American". Stems of one-word names (common name, demonyms, alternative spellings of three letters or
 * more: "USA", "Nippon"), keyed by each of them and by the initials of a name of several words ("US" for the
 * United States, "UK" for the United Kingdom). Read from world-countries (ODbL), the list Natural Earth and
 * REST Countries are built on, on the first question that names a place: it is 1.4 MB of JSON.
 */
let countryNames: Map<string, readonly string[]> | undefined;
let countryList: Countries | undefined;

function countries(): Countries {
  countryList ??= createRequire(import.meta.url)('world-countries/countries.json') as Countries;
  return countryList;
}

/** A name as world-countries spells it, when it is one word of three Latin letters or more. */
const ONE_WORD = /^\p{Script=Latin}{3,}$/u;

function namesByWord(): Map<string, readonly string[]> {
  if (countryNames) return countryNames;
  countryNames = new Map();
  for (const country of countries()) {
    const english = country.demonyms['eng'];
    const oneWord = [country.name.common, english?.m, english?.f, ...country.altSpellings]
      .filter((name): name is string => name !== undefined && ONE_WORD.test(name))
      .flatMap((name) => foldedWords(name))
      .map(stem);
    if (oneWord.length === 0) continue;
    const initials = [country.name.common, country.name.official].flatMap(initialsOf);
    // A name of several words stands in by its initials, which a text's "United Kingdom" has ("uk").
    const names = [...oneWord, ...initialsOf(country.name.common)];
    for (const key of new Set([...oneWord, ...initials])) {
      countryNames.set(key, [...new Set([...(countryNames.get(key) ?? []), ...names])]);
    }
  }
  return countryNames;
}

let demonyms: readonly string[] | undefined;

/** Every country's demonyms, by stem: "venezuelan", "french". */
function demonymStems(): readonly string[] {
  demonyms ??= [
    ...new Set(
      countries()
        .flatMap((country) => [country.demonyms['eng']?.m, country.demonyms['eng']?.f])
        .filter((demonym): demonym is string => demonym !== undefined && ONE_WORD.test(demonym))
        .flatMap((demonym) => foldedWords(demonym))
        .map(stem),
    ),
  ];
  return demonyms;
}

/** What a question asks by "nationality" or "citizenship": a demonym answers it ("a Venezuelan writer"). */
const NATIONALITY: ReadonlySet<string> = new Set(['nationality', 'citizenship']);

/**
 * Each country the question names stands for its other names, so that a sentence saying "Japan" matches the
 * question's "Japanese": the same place, however the article writes it. "Nationality" stands for every
 * demonym.
 */
export function countryStandIns(terms: readonly QuestionTerm[]): StandIns {
  const standIns = new Map<string, readonly string[]>();
  for (const term of terms) {
    if (NATIONALITY.has(term.stem)) standIns.set(term.stem, demonymStems());
    if (!term.proper) continue;
    const names = namesByWord()
      .get(term.stem)
      ?.filter((name) => name !== term.stem);
    if (names && names.length > 0) standIns.set(term.stem, names);
  }
  return standIns;
}

/** "United States" → "us", "People's Republic of China" → "prc"; nothing for a name of one word. */
function initialsOf(name: string): string[] {
  const capitalised = name.split(/\s+/).filter((word) => /^\p{Lu}/u.test(word));
  return capitalised.length >= 2
    ? [
        capitalised
          .map((word) => word[0] ?? '')
          .join('')
          .toLowerCase(),
      ]
    : [];
}
