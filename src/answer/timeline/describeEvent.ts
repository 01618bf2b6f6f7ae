import type { Sentence } from '../../corpus/types.js';
import type { Word } from '../people/words.js';
import type { DateSpan } from './dateSpec.js';
import { type Segment, SentenceReader, wordCount } from './sentenceReader.js';

export type { DateSpan } from './dateSpec.js';

const MAX_LENGTH = 140;

/** Removes quote marks, mends tokenised spacing ("Boeing 's", " ,"), trims, and caps the length. */
export function tidy(text: string): string {
  let tidied = text
    .replace(/``|''|[“”"]/g, '')
    .replace(/\s+([,.;:!?)\]])/g, '$1')
    .replace(/([([])\s+/g, '$1')
    .replace(/\s+(['’]s|n['’]t)\b/g, '$1')
    .replace(/\(\s*\)/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.–—-]+|[\s,;:–—-]+$/g, '')
    .replace(/\.$/, '')
    // A date removed from the end leaves its link behind: "fell 17.3 % compared to".
    .replace(/(?:\s+(?:compared|to|from|of|than|since|until|by|in|on|at|and|or|with|as))+$/i, '')
    .trim();
  if (tidied.length > MAX_LENGTH) {
    const cut = tidied.lastIndexOf(' ', MAX_LENGTH - 1);
    tidied = `${tidied.slice(0, cut > 40 ? cut : MAX_LENGTH - 1).replace(/[\s,;:]+$/, '')}…`;
  }
  return tidied.charAt(0).toUpperCase() + tidied.slice(1);
}

/** A preposition right before the date goes with it: "on Monday", "in late October", "since December 2022". */
function removalSpan(text: string, date: DateSpan): DateSpan {
  // A date that is the subject ("Today was a mixed day") stays: without it the clause has no subject.
  const after = text.slice(date.end, date.end + 12);
  const before = text.slice(Math.max(0, date.start - 3), date.start);
  if (/^\s+(?:is|was|has|had|will|saw|marked|brought)\b/.test(after) && /(?:^|[.!?"“]\s*)$/.test(before)) {
    return { start: date.start, end: date.start };
  }
  const preposition = /\b(?:on|in|at|during|throughout|since|by|from|until|till|as of)\s+$/i.exec(
    text.slice(Math.max(0, date.start - 12), date.start),
  );
  // "Monday’s email announcement" loses the possessive with the day.
  const possessive = /^\s?['’]s\b/.exec(after);
  return {
    start: preposition ? date.start - preposition[0].length : date.start,
    end: date.end + (possessive ? possessive[0].length : 0),
  };
}

function without(text: string, from: number, to: number, removal: DateSpan): string {
  const head = text.slice(from, Math.max(from, Math.min(to, removal.start)));
  const tail = text.slice(Math.min(to, Math.max(from, removal.end)), to);
  return `${head} ${tail}`;
}

/** What "who" or "which" stands for: a short segment before it, or the name that ends a longer one. */
function antecedentOf(text: string, segment: Segment | undefined): string {
  if (!segment || segment.kind !== 'phrase') return '';
  const words = text.slice(segment.start, segment.end);
  if (wordCount(words) <= 6) return words;
  return /(?:\p{Lu}[\p{L}’'.-]*\s+)*\p{Lu}[\p{L}’'.-]*\s*$/u.exec(words)?.[0] ?? '';
}

/**
 * A short description of what happened at `date`, cut from its sentence: the clause the date belongs to with the
 * date phrase itself removed ("Boluarte was impeached and succeeded by Head of Congress José Jerí"), or the noun
 * phrase it dates when that phrase is only a reference point ("Castillo’s failed coup attempt"). Undefined when
 * the sentence says nothing but the date, as a dateline does.
 */
export function describeEvent(
  text: string,
  sentence: Sentence,
  words: readonly Word[],
  date: DateSpan,
): string | undefined {
  const reader = new SentenceReader(text, sentence, words);
  const reference = reader.referencePhrase(date);
  if (reference && wordCount(reference) >= 1) return tidy(reference);

  const removal = removalSpan(text, date);
  const segments = reader.segments(removal);
  const dateIndex = Math.max(
    0,
    segments.findIndex((segment) => date.start >= segment.start && date.start < segment.end),
  );
  const dated = segments[dateIndex] as Segment;
  const datedText = without(text, dated.start, dated.end, removal);
  const parts: string[] = [];
  const continuations = (from: number): void => {
    // A clause goes on after an appositive or aside with a verb: "the former president, hours before …, attempted …".
    for (const segment of segments.slice(from)) {
      if (segment.kind === 'verb') parts.push(without(text, segment.start, segment.end, removal));
      else if (segment.kind === 'intro' || segment.kind === 'subordinate') break;
    }
  };
  // A verb segment carries the event even when short ("…, made landfall on Sept. 26"); other segments need
  // more than the leftovers of a date phrase ("In late November").
  const substantive = wordCount(datedText) >= (dated.kind === 'verb' ? 1 : 3);
  if (substantive && dated.kind !== 'intro') {
    if (dated.kind === 'verb') {
      const subject = segments.slice(0, dateIndex).find((segment) => segment.kind === 'phrase');
      if (subject) parts.push(text.slice(subject.start, subject.end));
      parts.push(datedText);
    } else if (dated.kind === 'phrase') {
      // An appositive ("…finished on 7223.98, an increase of 54 points from March 12") needs its clause.
      const main = segments.slice(0, dateIndex).find((segment) => segment.kind === 'phrase');
      if (main && /^\s*(?:a|an)\s/i.test(text.slice(dated.start, dated.end))) {
        parts.push(text.slice(main.start, main.end));
      }
      parts.push(datedText);
      continuations(dateIndex + 1);
    } else {
      // "until Peru holds a new election", "leading to the court warning …": the subordinate clause is the event;
      // a relative pronoun gives way to what it stands for ("Hurricane Milton, which struck Florida …").
      const clause = datedText.replace(/^\s*[“"‘`']*\s*\S+\s+(?:to\s+)?/u, '');
      const antecedent = /^\s*(?:who|which)\b/i.test(datedText)
        ? antecedentOf(text, segments[dateIndex - 1])
        : '';
      parts.push(antecedent, clause);
    }
  } else {
    // An opening date leads into the clause after it; a closing one ("…, last month.") ends the clause before it.
    let mainIndex = segments.findIndex((segment, index) => index > dateIndex && segment.kind === 'phrase');
    if (mainIndex < 0)
      mainIndex = segments.findIndex((segment, index) => index < dateIndex && segment.kind === 'phrase');
    const main = segments[mainIndex];
    if (!main) return wordCount(datedText) >= 3 ? tidy(datedText) : undefined;
    parts.push(without(text, main.start, main.end, removal));
    continuations(mainIndex + 1);
  }
  const description = tidy(parts.join(' '));
  return wordCount(description) >= 2 ? description : undefined;
}
