import { stemmer as porterStem } from 'stemmer';
import { americanSpelling } from './spelling.js';

/** Printable ASCII and white space, but for the backtick (which folds to an apostrophe). */
const ASCII = /^[\t\n\r -_a-~]*$/;

/** Removes accents and folds case and typographic quotes, so "Jerí" matches "jeri" and ’ matches '. */
export function foldText(text: string): string {
  // Most text is plain ASCII, which has no accents or curly quotes to fold; NFD is the costly step.
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[‘’ʼ`´]/g, "'")
    .replace(/[“”„«»]/g, '"')
    .toLowerCase();
}

/**
 * A word, or a number with its separators ("8,439.24", "10.12", "2.3bn"): split at the stops, "8,439.24" would
 * give "24", and a question about "October 24" would find it there.
 */
export const WORD = /\p{N}+(?:[.,]\p{N}+)+\p{L}*|[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cased word tokens, accents kept (the word-vector vocabulary has accented words). */
export function words(text: string): string[] {
  return (text.toLowerCase().match(WORD) ?? []).map((word) => word.replace(/’/g, "'"));
}

/** Words with accents removed, for lexical matching that should not care how a name was typed. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * Function words that carry no topic. Kept short on purpose: "who", "when", "how" matter to the answerer,
 * which reads the question itself; this list only keeps lexical scores from rewarding "the" and "of".
 */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her ' +
    'hers him his how i if in into is it its itself me my of on or our ours she so than that the their theirs ' +
    'them then there these they this those to too very was we were what when where which while who whom whose ' +
    'why will with would you your yours about after against all also any because before between both during ' +
    'each few further here just more most no nor not now off once only other out over own same should some ' +
    'such through under until up upon s t behind above below across along among around beside beyond toward ' +
    'towards within without via per still yet even ever already almost'
  ).split(' '),
);

/**
 * The word's family under Porter's full algorithm: "improved", "improve" and "improvement" share "improv",
 * "construction" and "constructed" share "construct". Too aggressive to stand for the word itself ("organ",
 * "organization"), so matching gives it less than full credit; `stem` is the exact match.
 */
export function wordFamily(word: string): string {
  return /\d/.test(word) ? word : porterStem(americanSpelling(word));
}

/** The months, in order, then the weekdays: words that name one date among others of their kind. */
export const MONTHS = [
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december',
] as const;
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  ...MONTHS,
  ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'],
]);

/** Content words: folded, stopwords dropped, plural/possessive endings reduced so "ties" meets "tie". */
export function contentTerms(text: string): string[] {
  return foldedWords(text)
    .map((word) => word.replace(/'s$/, ''))
    .filter((word) => !STOPWORDS.has(word))
    .map(stem);
}

/**
 * A light suffix stripper (a small subset of Porter's step 1): enough to match "ties"/"tie",
 * "granted"/"grant", "hearings"/"hearing", "misstated"/"misstate" without the over-stemming that makes names
 * collide.
 */
export function stem(word: string): string {
  // "717s" are 717s; the light stemmer leaves other words with digits alone.
  if (/\d/.test(word)) return word.replace(/(?<=\d)'?s$/, '');
  if (word.length <= 3) return word;
  return stripSilentE(stripVerbEnding(stripPlural(americanSpelling(word))));
}

/** "stated" loses "-ed" but "state" keeps its "e": dropping a final "e" lets "state" meet "stated". */
function stripSilentE(word: string): string {
  return word.length > 4 && word.endsWith('e') && !word.endsWith('ee') ? word.slice(0, -1) : word;
}

/** Porter's step 1a. */
function stripPlural(word: string): string {
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** Porter's step 1b, applied after 1a as Porter does, so "hearings" and "hearing" both become "hear". */
function stripVerbEnding(word: string): string {
  // "-eed" loses only its "d", before and after the other endings come off, so "agreed" meets "agree" and
  // "succeed", "succeeded" and "succeeding" all meet at "succee".
  if (word.endsWith('eed')) return word.slice(0, -1);
  let stripped = word;
  if (word.endsWith('ing') && word.length > 5) stripped = undouble(word.slice(0, -3));
  else if (word.endsWith('ed') && word.length > 4) stripped = undouble(word.slice(0, -2));
  return stripped.endsWith('eed') ? stripped.slice(0, -1) : stripped;
}

function undouble(word: string): string {
  return /([b-df-hj-np-tv-z])\1$/.test(word) && !/(ll|ss|zz)$/.test(word) ? word.slice(0, -1) : word;
}

/**
 * "mexico" and "mexican", "brazil" and "brazilian", "minister" and "ministers": the same word in another form,
 * by the first letters of the term (up to six).
 */
export function sharesRoot(word: string, term: string): boolean {
  const root = Math.max(4, Math.min(term.length - 1, 6));
  return term.length >= 4 && word.length >= root && word.slice(0, root) === term.slice(0, root);
}
