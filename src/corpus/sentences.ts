import type { Paragraph, Sentence } from './types.js';

const PRONOUN_START =
  /^\W*(?:(?:he|she|it|they|his|her|its|their|this|these|those|such)\b|(?:(?:on|at|by|from|since|until|during|later|earlier)\s+)?(?:that|the same)\s+(?:day|date|night|morning|afternoon|evening|week|month|year|time)\b|at the time\b)/i;

/**
 * "He said…", "Her role is…", "On that day…", "At the time…": what the sentence is about, or when it happened,
 * was named before it.
 */
export function opensOnPronoun(text: string): boolean {
  return PRONOUN_START.test(text);
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Words that end in a period without ending a sentence. ICU's segmenter (UAX #29) has no such list. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'ft',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'sgt',
  'lt',
  'col',
  'capt',
  'cmdr',
  'adm',
  'maj',
  'pres',
  'hon',
  'fr',
  'no',
  'nos',
  'v',
  'vs',
  'etc',
  'inc',
  'ltd',
  'co',
  'corp',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'approx',
  'dept',
  'est',
  'fig',
  'al',
  'ave',
  'blvd',
  'p.m',
  'a.m',
  'u.s',
  'u.k',
  'u.n',
  'e.g',
  'i.e',
]);

function endsWithAbbreviation(segment: string): boolean {
  const match = /(?:^|[\s(“"'])([\p{L}.]+)\.\s*$/u.exec(segment);
  if (!match?.[1]) return false;
  const word = match[1].toLowerCase();
  // A single capital letter is an initial ("Christian K. Caruzo"); dotted acronyms ("U.S.") rarely end a sentence.
  return ABBREVIATIONS.has(word) || /^\p{Lu}$/u.test(match[1]) || /^(\p{L}\.)+\p{L}$/u.test(word);
}

/**
 * Splits paragraphs into sentences with offsets into the article text, using the platform's Unicode sentence
 * segmenter and then re-joining the breaks it makes after abbreviations and initials, or before a lower-case
 * continuation.
 */
export function splitSentences(articleText: string, paragraphs: readonly Paragraph[]): Sentence[] {
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) {
    const pieces: { start: number; end: number }[] = [];
    // UAX #29 always breaks after a line break, which would cut every sentence of a hard-wrapped paragraph at
    // its wrap points. Inside one paragraph a line break is only a wrap, so it is segmented as a space; the
    // replacement keeps the length, so offsets still point into the original text.
    const unwrapped = paragraph.text.replace(/[\r\n]/g, ' ');
    for (const { segment, index } of segmenter.segment(unwrapped)) {
      const start = paragraph.start + index;
      const end = start + segment.trimEnd().length;
      if (end <= start) continue;
      const previous = pieces.at(-1);
      const previousText = previous ? articleText.slice(previous.start, previous.end) : '';
      if (previous && (endsWithAbbreviation(previousText) || /^[\p{Ll},;]/u.test(segment))) {
        previous.end = end;
      } else {
        pieces.push({ start, end });
      }
    }
    for (const piece of pieces) {
      sentences.push({
        text: articleText.slice(piece.start, piece.end),
        start: piece.start,
        end: piece.end,
        paragraph: paragraph.number,
      });
    }
  }
  return sentences;
}
