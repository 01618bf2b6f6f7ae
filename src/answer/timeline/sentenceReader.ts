import type { Sentence } from '../../corpus/types.js';
import type { Word } from '../people/words.js';
import { monthNumber } from './calendar.js';
import type { DateSpan } from './dateSpec.js';

/** Prepositions that make a dated noun phrase a point of reference: "since Castillo’s failed December 2022 coup attempt". */
const REFERENCE_WORDS = new Set([
  'since',
  'after',
  'before',
  'until',
  'till',
  'following',
  'in',
  'during',
  'amid',
  'of',
  'despite',
]);
/** Words that start a subordinate clause; a clause is also cut before them. */
const SUBORDINATORS = new Set([
  'until',
  'while',
  'although',
  'whereas',
  'because',
  'who',
  'which',
  'whose',
  'whom',
]);
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'his',
  'her',
  'its',
  'their',
  'our',
  'this',
  'that',
  'these',
  'those',
]);
const FUNCTION_WORDS = new Set([
  ...DETERMINERS,
  ...SUBORDINATORS,
  'and',
  'or',
  'but',
  'of',
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'by',
  'with',
  'as',
  'since',
  'after',
  'before',
  'during',
  'throughout',
  'that',
  'than',
  'into',
  'over',
  'under',
  'when',
  'where',
]);
const INTRO_WORDS = new Set([
  'in',
  'on',
  'at',
  'after',
  'before',
  'since',
  'when',
  'while',
  'although',
  'though',
  'because',
  'as',
  'if',
  'once',
  'until',
  'according',
  'following',
  'despite',
  'during',
  'from',
  'for',
  'by',
  'with',
  'amid',
]);

export type SegmentKind = 'intro' | 'subordinate' | 'verb' | 'participle' | 'phrase';

export interface Segment {
  start: number;
  end: number;
  kind: SegmentKind;
}

export const wordCount = (text: string): number => (text.match(/[\p{L}\p{N}]+/gu) ?? []).length;

/** Reads one sentence with its compromise tags: its clause segments and the noun phrase a date modifies. */
export class SentenceReader {
  private readonly words: readonly Word[];

  constructor(
    private readonly text: string,
    private readonly sentence: Sentence,
    articleWords: readonly Word[],
  ) {
    this.words = articleWords.filter((word) => word.start >= sentence.start && word.start < sentence.end);
  }

  /** The first word starting at or after `offset`. */
  wordAt(offset: number): Word | undefined {
    return this.words.find((word) => word.start >= offset && word.start < this.sentence.end);
  }

  private wordBefore(offset: number): Word | undefined {
    let found: Word | undefined;
    for (const word of this.words) {
      if (word.end > offset) break;
      found = word;
    }
    return found;
  }

  /** The sentence cut at commas, semicolons and dashes, and before subordinating words. */
  segments(removal: DateSpan): Segment[] {
    const cuts: number[] = [];
    const body = this.text.slice(this.sentence.start, this.sentence.end);
    for (const match of body.matchAll(
      /[,;:]["”’']*\s+|\s+[–—-]\s+|\s+(?=(?:until|while|although|whereas|because|who|which|whose|whom)\s)/g,
    )) {
      const at = this.sentence.start + match.index;
      // "until the end of May" is the date's own preposition, not a clause of its own.
      if (at + match[0].length === removal.start) continue;
      cuts.push(at, at + match[0].length);
    }
    const bounds = [this.sentence.start, ...cuts, this.sentence.end];
    const segments: Segment[] = [];
    for (let index = 0; index < bounds.length; index += 2) {
      const start = bounds[index] as number;
      const end = bounds[index + 1] as number;
      if (end > start) segments.push({ start, end, kind: this.kindOf(start, segments.length === 0) });
    }
    return segments;
  }

  /** What a segment is, from its first word: an opening "In 2022", a "which …" clause, a verb going on, or a phrase. */
  private kindOf(start: number, first: boolean): SegmentKind {
    const word = this.wordAt(start);
    if (!word) return 'phrase';
    const key = word.base.toLowerCase().replace(/^[“"‘`']+/, '');
    if (SUBORDINATORS.has(key)) return 'subordinate';
    if (INTRO_WORDS.has(key)) return first || /^\p{Lu}/u.test(word.base) ? 'intro' : 'subordinate';
    if (word.tags.has('Gerund')) return 'participle';
    if (word.tags.has('Verb') && !/^\p{Lu}/u.test(word.base)) return 'verb';
    return 'phrase';
  }

  /**
   * The noun phrase a date modifies when that phrase is only a point of reference: "Castillo’s failed coup
   * attempt" in "…until Castillo’s December 7, 2022 failed coup attempt", "his capture" in "since his capture in 2023".
   */
  referencePhrase(date: DateSpan): string | undefined {
    const before = this.text.slice(this.sentence.start, date.start);
    const postnominal =
      /\b(?:since|after|before|until|following)\s+((?:his|her|its|their|the)\s+(?:[\p{L}’'-]+\s+){0,2}?[\p{L}’'-]+)\s+(?:in|on)\s*$/iu.exec(
        before,
      );
    if (postnominal?.[1]) return postnominal[1];
    // Only calendar dates modify nouns ("her September release"); "today" or "Monday" do not.
    const phrase = this.text.slice(date.start, date.end);
    if (!/\d/.test(phrase) && !phrase.split(/[\s-]+/).some((word) => monthNumber(word) !== undefined)) {
      return undefined;
    }
    const next = this.wordAt(date.end);
    if (!next || !/^\s*$/.test(this.text.slice(date.end, next.start)) || !this.isNounish(next))
      return undefined;
    // Leftwards over a determiner or possessive and up to three describing words: "Castillo’s failed", "a virtual".
    let left = date.start;
    let describing = 0;
    for (let word = this.wordBefore(date.start); word; word = this.wordBefore(word.start)) {
      const key = word.base.toLowerCase();
      if (!/^\s+$/.test(word.gap)) break;
      if (DETERMINERS.has(key) || word.possessive) {
        left = word.start;
        break;
      }
      if (FUNCTION_WORDS.has(key) || !/^[\p{Ll}\d]/u.test(word.base) || ++describing > 3) break;
      left = word.start;
    }
    const introducer = this.wordBefore(left);
    if (!introducer || !REFERENCE_WORDS.has(introducer.base.toLowerCase())) return undefined;
    let right = date.end;
    for (let word: Word | undefined = next; word && this.isNounish(word); word = this.wordAt(word.end)) {
      right = word.end;
      if (!/^\s+$/.test(word.gap)) break;
    }
    return `${this.text.slice(left, date.start)} ${this.text.slice(date.end, right)}`;
  }

  private isNounish(word: Word): boolean {
    const key = word.base.toLowerCase();
    if (FUNCTION_WORDS.has(key) || !/^\p{Ll}/u.test(word.base)) return false;
    return !word.tags.has('Verb') || word.tags.has('Adjective') || word.tags.has('Noun');
  }
}
