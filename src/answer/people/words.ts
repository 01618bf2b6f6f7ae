import nlp from 'compromise';
import type { Sentence } from '../../corpus/types.js';

/** One word of an article as compromise tagged it, with its place in the article text. */
export interface Word {
  /** The word as written, hyphenated parts joined ("then-Vice", "36-year-old"), possessive kept. */
  text: string;
  /** Without a possessive ending: "Castillo’s" → "Castillo". */
  base: string;
  possessive: boolean;
  /** Offsets into the article text. */
  start: number;
  end: number;
  /** compromise's part-of-speech tags for the word (all parts of a hyphenated word). */
  tags: ReadonlySet<string>;
  /** Index into the article's sentences. */
  sentence: number;
  /** Characters between this word and the next one (punctuation and spaces). */
  gap: string;
  /** Inside a match of compromise's `people()`. */
  taggedPerson: boolean;
}

interface CompromiseTerm {
  text: string;
  tags: string[];
  offset: { start: number; length: number };
}

interface CompromiseSentence {
  terms: CompromiseTerm[];
}

const POSSESSIVE = /(?:['’]s|s['’]|['’])$/u;

/**
 * The index of the sentence holding each offset, asked in increasing order; -1 for text outside every
 * sentence: furniture the cleaner dropped (a repeated headline, an author's bio), which names no one in the story.
 */
function sentenceIndexer(sentences: readonly Sentence[]): (offset: number) => number {
  let index = 0;
  return (offset) => {
    while (index < sentences.length - 1 && offset >= (sentences[index]?.end ?? 0)) index++;
    const sentence = sentences[index];
    return sentence && offset >= sentence.start && offset < sentence.end ? index : -1;
  };
}

/**
 * Tags the article once with compromise and returns its words in order. Tokenised text ("Boeing 's",
 * "`` quote ''") is read as ordinary text: a detached "'s" joins the word before it, and quote marks are not words.
 */
export function tagWords(text: string, sentences: readonly Sentence[]): Word[] {
  const document = nlp(text);
  const parsed = document.json({ offset: true, terms: { offset: true } }) as CompromiseSentence[];
  const people = (
    document.people().json({ offset: true }) as { offset: { start: number; length: number } }[]
  ).map(({ offset }) => ({ start: offset.start, end: offset.start + offset.length }));
  const inPeople = (start: number): boolean =>
    people.some((match) => start >= match.start && start < match.end);
  const terms = parsed
    .flatMap((sentence) => sentence.terms)
    .filter((term) => /[\p{L}\p{N}]/u.test(term.text));
  const sentenceOf = sentenceIndexer(sentences);
  const words: Word[] = [];
  for (const term of terms) {
    const start = term.offset.start;
    const end = start + term.offset.length;
    const previous = words.at(-1);
    const between = previous ? text.slice(previous.end, start) : ' ';
    // compromise splits "Boeing 's" into a word "s" that follows an apostrophe.
    if (previous && /^\s*['’]$/.test(between) && term.text.toLowerCase() === 's') {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
      previous.possessive = true;
      continue;
    }
    if (previous && between === '-') {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
      previous.base = previous.text.replace(POSSESSIVE, '');
      previous.possessive = POSSESSIVE.test(previous.text) && /\p{Lu}/u.test(previous.text[0] ?? '');
      previous.tags = new Set([...previous.tags, ...term.tags]);
      continue;
    }
    const sentence = sentenceOf(start);
    if (sentence < 0) continue;
    const surface = text.slice(start, end);
    // compromise misses some possessives ("Castillo’s failed …" read as "Castillo is failed"); a capitalised
    // word ending in ’s is a possessive in news prose.
    const possessive =
      POSSESSIVE.test(surface) && (term.tags.includes('Possessive') || /^\p{Lu}.*['’]s$/u.test(surface));
    words.push({
      text: surface,
      base: possessive ? surface.replace(POSSESSIVE, '') : surface,
      possessive,
      start,
      end,
      tags: new Set(term.tags),
      sentence,
      gap: '',
      taggedPerson: inPeople(start),
    });
  }
  words.forEach((word, index) => {
    const next = words[index + 1];
    word.gap = text.slice(word.end, next ? next.start : text.length);
  });
  return words;
}

/** Removes accents and case so "Jerí", "JERI" and "jeri" compare equal; curly apostrophes become straight. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[’‘`]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) && /\p{Ll}/u.test(word);
}

/** "USAF", "GAO": shouting-case words of two or more letters are acronyms, not names. */
export function isAcronym(word: string): boolean {
  return /^\p{Lu}[\p{Lu}\d&.]+$/u.test(word) && word.replace(/\./g, '').length >= 2;
}

/** "K" in "Christian K. Caruzo". */
export function isInitial(word: string): boolean {
  return /^\p{Lu}\.?$/u.test(word);
}
