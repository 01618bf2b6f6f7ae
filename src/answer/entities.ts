import nlp from 'compromise';
import {
  DAY_AND_MONTH_NAMES,
  FUNCTION_WORDS,
  HONORIFICS,
  INSTITUTION_WORDS,
  NAME_PARTICLES,
  isRoleModifierKey,
  ROLE_NOUNS,
  TITLE_ABBREVIATIONS,
} from './people/lexicon.js';

/** The kinds of thing a question asks for and a sentence names. `name` is a name of no known kind. */
export type EntityType =
  'person' | 'organisation' | 'place' | 'date' | 'duration' | 'money' | 'percent' | 'number' | 'name';

export interface Entity {
  type: EntityType;
  /** Offsets into the tagged text. */
  start: number;
  end: number;
}

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const WEEKDAY = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const NUMBER_WORD =
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|trillion|dozen|half)';
const ORDINAL_WORD =
  '(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)';
/** Three or four digits of a year before 1500 (100-1499). */
const OLD_YEAR_DIGITS = String.raw`(?:1\d{3}|[1-9]\d{2})`;
/** What may follow a year before 1500: punctuation, the end, a function word or a name; not a counted noun. */
const AFTER_OLD_YEAR = String.raw`(?![,.]?\d)(?=\s*(?:[,.;:)–—-]|$)|\s+(?:(?:when|until|the|a|an)\b|\p{Lu}))`;
/** A year of three or four digits before 1500, on its own or opening a range ("from 1337 to 1453"). */
const OLD_YEAR = String.raw`${OLD_YEAR_DIGITS}\b(?:${AFTER_OLD_YEAR}|(?=\s(?:to|until|and)\s${OLD_YEAR_DIGITS}\b${AFTER_OLD_YEAR}))`;
const NUMERAL = `(?:\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?|${NUMBER_WORD}(?:[\\s-]+(?:and\\s+)?(?:a\\s+)?${NUMBER_WORD})*)`;
const SCALE = '(?:\\s*(?:thousand|million|billion|trillion|bn|mn|m|k)\\b)?';
const UNIT_OF_TIME = '(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries)';

/**
 * The quantity and date patterns, most specific first: where two overlap, the first claims the span ("$20,000"
 * is money, not a number; "five years ago" a date, not a duration).
 */
const PATTERNS: readonly { type: EntityType; pattern: RegExp }[] = [
  {
    type: 'money',
    pattern: new RegExp(
      `(?:(?:US|AU|A|C|NZ|HK)?[$€£¥]|#|\\b(?:USD|EUR|GBP|AUD)\\s?)\\s?\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?${SCALE}|\\b${NUMERAL}${SCALE}\\s+(?:(?:US|U\\.S\\.|Australian|Canadian)\\s+)?(?:dollars?|euros?|pounds?|yen|yuan|pesos?|soles|rupees?|francs?|cents?)\\b`,
      'giu',
    ),
  },
  {
    type: 'percent',
    pattern: new RegExp(`\\b${NUMERAL}\\s*(?:%|per ?cent\\b|percentage points?\\b)|\\d[\\d.]*%`, 'giu'),
  },
  {
    type: 'date',
    pattern: new RegExp(
      [
        `\\b(?:${WEEKDAY},?\\s+)?${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b`,
        `\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}(?:,?\\s+\\d{4})?\\b`,
        `\\b(?:(?:early|mid|late)[-\\s]+)?${MONTH}(?:,?\\s+\\d{4})?\\b`,
        `\\b(?:(?:early|mid|late)[-\\s]+)?(?:1[5-9]|20)\\d{2}s?\\b(?![,.]?\\d|\\s*(?:%|per\\b))`,
        `\\b(?:(?:early|mid|late)[-\\s]+)?(?:\\d{1,2}(?:st|nd|rd|th)|${ORDINAL_WORD})[-\\s]century\\b`,
        `\\b${WEEKDAY}\\b`,
        `\\b(?:today|yesterday|tomorrow|tonight)\\b`,
        `\\b(?:last|next|this)\\s+(?:week|month|year|spring|summer|autumn|fall|winter)\\b`,
        `\\b${NUMERAL}\\s+${UNIT_OF_TIME}\\s+(?:ago|earlier|later|before|after)\\b`,
        `\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b`,
      ].join('|'),
      'giu',
    ),
  },
  {
    // A year before 1500 reads like any number, so it counts as one only where nothing else can be: marked as
    // an era ("AD 800", "800 BC"), or after a preposition of time with no counted noun after it ("in 1066, …",
    // "by 1169 the Normans"; "by 500 votes" stays a count). Case matters here: a capital starts a name.
    type: 'date',
    pattern: new RegExp(
      [
        String.raw`\b(?:AD|A\.D\.)\s?\d{1,4}\b`,
        String.raw`\b\d{1,4}\s?(?:BCE?|AD|CE|B\.C\.|A\.D\.)(?![\p{L}\p{N}])`,
        // Years before present are thousands ("13,000 BP"); "5 BP shares" names the company.
        String.raw`\b(?:\d{1,3}(?:,\d{3})+|\d{3,6})\s?BP(?![\p{L}\p{N}])`,
        String.raw`(?<=\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Ff]rom|[Aa]fter|[Bb]efore|[Dd]uring|[Cc]irca|[Bb]etween|year)\s)${OLD_YEAR}`,
        String.raw`(?<=\b(?:[Ff]rom|[Bb]etween)\s${OLD_YEAR}\s(?:to|until|and)\s)${OLD_YEAR}`,
        // A life or a reign in brackets: "Wei Yilin (1277–1347)".
        String.raw`(?<=\()${OLD_YEAR_DIGITS}(?=\s?[–-]\s?${OLD_YEAR_DIGITS}\))|(?<=\(${OLD_YEAR_DIGITS}\s?[–-]\s?)${OLD_YEAR_DIGITS}(?=\))`,
      ].join('|'),
      'gu',
    ),
  },
  {
    // "FTSE-100", "Boeing 787", "iPhone 4", "Nikkei 225": a number that belongs to a name counts nothing.
    type: 'name',
    // Its first word must be able to open a name: not "Nearly 200 homes", "Over 50", "In 2008" (see `tagEntities`).
    pattern: new RegExp(
      String.raw`(?<![\p{L}\p{N}])\p{Ll}?\p{Lu}[\p{L}&]*(?:-|\s)\d{1,4}[A-Za-z]?(?![\d,.]*\s*(?:%|per ?cent\b|points?\b|shares?\b|people\b|jobs\b|${UNIT_OF_TIME}\b|million\b|billion\b))(?![\d,.]?\d)`,
      'gu',
    ),
  },
  {
    type: 'duration',
    pattern: new RegExp(`\\b(?:${NUMERAL}|a|an|several|a few)[\\s-]+${UNIT_OF_TIME}\\b(?![\\s-]+old)`, 'giu'),
  },
  { type: 'number', pattern: new RegExp(`\\b${NUMERAL}\\b`, 'giu') },
];

/** A run of capitalised words, with small linking words and initials inside it ("Bank of America", "Timothy D. Cook"). */
const CAPITALISED_RUN =
  /(?<![\p{L}\p{N}])(?:\p{Ll}?\p{Lu}[\p{L}\p{N}'’&.-]*)(?:(?:\s+(?:of|and|de|del|da|van|von|der|la|le|du|for|the|&))*\s+(?:\p{Lu}[\p{L}\p{N}'’&.-]*))*/gu;

/** What compromise's lexicon says a word is, without tagging the sentence (a dictionary look-up). */
const lexicon = (
  nlp as unknown as { model: () => { one: { lexicon: Record<string, string | string[]> } } }
).model().one.lexicon;

function lexiconTags(word: string): readonly string[] {
  const tags = lexicon[word.toLowerCase().replace(/['’]s$/, '')];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

const PERSON_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person']);
const PLACE_TAGS = new Set(['Country', 'City', 'Region', 'Place']);
const ORGANISATION_TAGS = new Set(['Organization', 'SportsTeam']);
/** Lexicon tags of words that are capitalised only because they open a sentence or a title. */
const COMMON_TAGS = new Set([
  'Adjective',
  'Adverb',
  'Verb',
  'PastTense',
  'PresentTense',
  'Infinitive',
  'Gerund',
  'Plural',
  'Singular',
  'Noun',
  'Uncountable',
  'Preposition',
  'Conjunction',
  'Determiner',
  'Pronoun',
  'Comparative',
  'Superlative',
  'Expression',
  'Demonym',
]);

/**
 * Names, dates and quantities in a sentence, by pattern and by dictionary look-up: fast enough to run on every
 * candidate sentence of every question (a few microseconds), where a full tagger takes milliseconds. A name's
 * kind comes from its words (an institution word: "General Motors", "Yamato Life Insurance Company"), what
 * precedes it ("Mr", "chief executive", "in"), or compromise's lexicon of given names, places and companies;
 * a name with none of these is a `name` of unknown kind.
 */
export function tagEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  const taken = (start: number, end: number) =>
    entities.some((entity) => start < entity.end && end > entity.start);
  for (const { type, pattern } of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].trimEnd().length;
      if (type === 'name' && !canOpenName(match[0])) continue;
      if (end > start && !taken(start, end)) entities.push({ type, start, end });
    }
  }
  for (const match of text.matchAll(CAPITALISED_RUN)) {
    const span = trimRun(text, match.index, match.index + match[0].length);
    if (!span || taken(span.start, span.end)) continue;
    entities.push({ type: nameType(text, span.start, span.end), start: span.start, end: span.end });
  }
  return entities.sort((left, right) => left.start - right.start);
}

/** Whether a run's first word may open a name: not a function word, nor an adverb or the like ("Nearly 200"). */
function canOpenName(run: string): boolean {
  const key = /^[\p{L}&]+/u.exec(run)?.[0].toLowerCase() ?? '';
  if (FUNCTION_WORDS.has(key) || lexiconTags(key).some((tag) => COMMON_TAGS.has(tag))) return false;
  // Words the lexicon does not list are tagged by compromise's rules ("nearly": an adverb by its ending); a
  // name with a number is rare enough in text for this to cost nothing that shows.
  return !nlp(key).has('(#Adverb|#Adjective|#Determiner|#Preposition)');
}

/**
 * Drops what opens or closes a run without being a name: a sentence's first word when it is a common word
 * ("The United States", "Former"), titles and honorifics ("President Obama" is the name "Obama", kept as a
 * person by `nameType`), and trailing punctuation.
 */
function trimRun(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const words = [...text.slice(start, end).matchAll(/\S+/g)].map((word) => ({
    start: start + word.index,
    end: start + word.index + word[0].replace(/[.,'’]+$/u, '').length,
    word: word[0].replace(/[.,'’]+$/u, ''),
  }));
  // "General Motors", "Northrop Grumman Corp.": a role word opening an organisation's name is part of it.
  const institutional = words.some(({ word }) => INSTITUTION_WORDS.has(word.toLowerCase()));
  // "then-Vice President Dina Boluarte": words qualifying a role word are the title's, as the role word is.
  const opensOnQualifiedRole = (): boolean => {
    const role = words.findIndex(({ word }) => !isRoleModifierKey(word.toLowerCase()));
    return role > 0 && ROLE_NOUNS.has(words[role]?.word.toLowerCase() ?? '') && !institutional;
  };
  while (words.length > 0) {
    const first = words[0];
    if (!first) break;
    const key = first.word.toLowerCase();
    const opensSentence = /(?:^|[.!?:"“‘(]\s*)$/u.test(text.slice(0, first.start));
    const common =
      FUNCTION_WORDS.has(key) ||
      HONORIFICS.has(key) ||
      HONORIFICS.has(`${key}.`) ||
      TITLE_ABBREVIATIONS.has(key) ||
      (ROLE_NOUNS.has(key) && !institutional) ||
      opensOnQualifiedRole() ||
      DAY_AND_MONTH_NAMES.has(key) ||
      NAME_PARTICLES.has(key) ||
      (opensSentence && lexiconTags(key).some((tag) => COMMON_TAGS.has(tag)));
    if (!common) break;
    words.shift();
  }
  while (words.length > 0 && NAME_PARTICLES.has(words.at(-1)?.word.toLowerCase() ?? '')) words.pop();
  // "Peruvian Foreign Minister Hugo de Zela": an institution word makes the run look like a body's name, but a
  // personal name after the role word is whom the title belongs to ("General Motors" has no role word before a
  // name; "Minister of Labor" has no name after it).
  const lastRole = words.findLastIndex(({ word }) => ROLE_NOUNS.has(word.toLowerCase()));
  const after = words.slice(lastRole + 1);
  if (
    institutional &&
    lastRole >= 0 &&
    after.some(({ word }) => /^\p{Lu}/u.test(word)) &&
    after.every(
      ({ word }) =>
        NAME_PARTICLES.has(word.toLowerCase()) ||
        (/^\p{Lu}\p{Ll}/u.test(word) && !INSTITUTION_WORDS.has(word.toLowerCase())),
    )
  ) {
    words.splice(0, lastRole + 1);
  }
  const first = words[0];
  const last = words.at(-1);
  if (!first || !last || last.end <= first.start) return undefined;
  return { start: first.start, end: last.end };
}

function nameType(text: string, start: number, end: number): EntityType {
  const words = text.slice(start, end).split(/\s+/);
  const keys = words.map((word) => word.toLowerCase().replace(/[.,'’]+$|['’]s$/gu, ''));
  const tagsOf = keys.map(lexiconTags);
  if (lexiconTags(keys.join(' ')).some((tag) => PLACE_TAGS.has(tag))) return 'place';
  if (
    keys.some((key) => INSTITUTION_WORDS.has(key)) ||
    tagsOf.some((tags) => tags.some((tag) => ORGANISATION_TAGS.has(tag)))
  ) {
    return 'organisation';
  }
  const before = text.slice(Math.max(0, start - 40), start).toLowerCase();
  const previousWord = /([\p{L}.]+)[\s,]*$/u.exec(before)?.[1] ?? '';
  const titled =
    HONORIFICS.has(previousWord) ||
    HONORIFICS.has(previousWord.replace(/\.$/, '')) ||
    TITLE_ABBREVIATIONS.has(previousWord.replace(/\.$/, '')) ||
    ROLE_NOUNS.has(previousWord);
  if (titled || (words.length >= 2 && tagsOf[0]?.some((tag) => PERSON_TAGS.has(tag)))) return 'person';
  if (tagsOf.some((tags) => tags.some((tag) => PLACE_TAGS.has(tag)))) return 'place';
  if (words.length === 1 && /^\p{Lu}{2,6}$/u.test(words[0] ?? '')) return 'organisation';
  // "in Everett, Washington": a preposition of place before it says more than a given name inside it.
  if (/\b(?:in|near)\s+(?:the\s+)?$/.test(before)) return 'place';
  if (tagsOf.at(-1)?.includes('LastName') || tagsOf[0]?.some((tag) => PERSON_TAGS.has(tag))) return 'person';
  return 'name';
}
