import { foldText } from '../people/words.js';
import type { TimelineEvent } from '../types.js';

/**
 * The words of an event's description that say what happened: folded, without punctuation, and without the
 * determiner or possessive it opens on, so "the failed coup attempt" and "Castillo’s failed coup attempt"
 * read as one happening.
 */
export function eventWords(what: string): string[] {
  const words = foldText(what)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && /^(?:the|a|an|his|her|its|their|[\p{L}]+'s)$/u.test(words[0] ?? ''))
    words.shift();
  return words;
}

/** True when `inner` occurs in `outer` as a run of whole words. */
function containsRun(outer: readonly string[], inner: readonly string[]): boolean {
  if (inner.length === 0 || inner.length > outer.length) return false;
  for (let start = 0; start + inner.length <= outer.length; start += 1) {
    if (inner.every((word, offset) => outer[start + offset] === word)) return true;
  }
  return false;
}

/** The periods a date lies inside: "2022-12-07" lies in "2022-12" and "2022"; a year lies in none. */
function enclosingPeriods(date: string): string[] {
  const parts = date.split('-');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('-'));
}

function sentenceKeys(event: TimelineEvent): string[] {
  return event.citations.map((quote) => `${quote.article}\u0000${quote.text}`);
}

function absorb(target: TimelineEvent, source: TimelineEvent): void {
  for (const quote of source.citations) {
    const known = target.citations.some(
      (existing) => existing.article === quote.article && existing.text === quote.text,
    );
    if (!known) target.citations.push(quote);
  }
  target.people = [...new Set([...target.people, ...source.people])];
}

function chronological(left: TimelineEvent, right: TimelineEvent): number {
  return left.date < right.date ? -1 : left.date > right.date ? 1 : 0;
}

/** Lists kept under a key, for lookups that must stay linear on corpora of many thousand events. */
class Buckets<T> {
  readonly #lists = new Map<string, T[]>();

  add(key: string, value: T): void {
    const list = this.#lists.get(key);
    if (list) list.push(value);
    else this.#lists.set(key, [value]);
  }

  get(key: string): readonly T[] {
    return this.#lists.get(key) ?? [];
  }
}

/**
 * Joins the events that are one happening told twice, and returns them in chronological order (new objects;
 * the input is not changed). Two events are one happening when their descriptions have the same words
 * (`eventWords`), or when they come from one sentence and the words of one run inside the other's ("her
 * release" and "the court ordered Chávez’s release").
 *
 * - Of one date, they become one event citing every sentence; its date counts as inferred only if each was.
 * - At two precisions ("in December 2022" in one sentence, "on December 7, 2022" in another) they become one
 *   event under the more precise date, citing both sentences. A coarser event joins a finer one only when
 *   exactly one finer event inside its period is the same happening; when two could be meant ("the vote" on two
 *   days of one month) all stay apart rather than guess. Months are joined before years, so a year can follow
 *   its month into the day.
 */
export function mergeEventPrecisions(events: readonly TimelineEvent[]): TimelineEvent[] {
  const words = new Map<TimelineEvent, string[]>();
  const wordsOf = (event: TimelineEvent): string[] => words.get(event) ?? [];
  const sameHappening = (left: TimelineEvent, right: TimelineEvent): boolean => {
    const leftWords = wordsOf(left);
    const rightWords = wordsOf(right);
    if (leftWords.join(' ') === rightWords.join(' ')) return true;
    const rightSentences = new Set(sentenceKeys(right));
    if (!sentenceKeys(left).some((key) => rightSentences.has(key))) return false;
    return containsRun(leftWords, rightWords) || containsRun(rightWords, leftWords);
  };

  // Candidates are found through keys (same words, same sentence) so a corpus of many articles stays cheap.
  const merged: TimelineEvent[] = [];
  const byDateAndWords = new Buckets<TimelineEvent>();
  const byDateAndSentence = new Buckets<TimelineEvent>();
  for (const event of [...events].sort(chronological)) {
    const copy = { ...event, people: [...event.people], citations: [...event.citations] };
    words.set(copy, eventWords(copy.what));
    const wordKey = `${copy.date}\u0000${wordsOf(copy).join(' ')}`;
    const sameDate = [
      ...byDateAndWords.get(wordKey),
      ...sentenceKeys(copy).flatMap((key) => byDateAndSentence.get(`${copy.date}\u0000${key}`)),
    ];
    const twin = sameDate.find((kept) => sameHappening(kept, copy));
    if (twin) {
      absorb(twin, copy);
      twin.inferred &&= copy.inferred;
      continue;
    }
    merged.push(copy);
    byDateAndWords.add(wordKey, copy);
    for (const key of sentenceKeys(copy)) byDateAndSentence.add(`${copy.date}\u0000${key}`, copy);
  }

  const byPeriodAndWords = new Buckets<TimelineEvent>();
  const byPeriodAndSentence = new Buckets<TimelineEvent>();
  for (const event of merged) {
    for (const period of enclosingPeriods(event.date)) {
      byPeriodAndWords.add(`${period}\u0000${wordsOf(event).join(' ')}`, event);
      for (const key of sentenceKeys(event)) byPeriodAndSentence.add(`${period}\u0000${key}`, event);
    }
  }
  const removed = new Set<TimelineEvent>();
  for (const granularity of ['month', 'year'] as const) {
    for (const coarse of merged) {
      if (coarse.granularity !== granularity) continue;
      const finer = new Set(
        [
          ...byPeriodAndWords.get(`${coarse.date}\u0000${wordsOf(coarse).join(' ')}`),
          ...sentenceKeys(coarse).flatMap((key) => byPeriodAndSentence.get(`${coarse.date}\u0000${key}`)),
        ].filter((candidate) => !removed.has(candidate) && sameHappening(coarse, candidate)),
      );
      const [only] = finer;
      if (only === undefined || finer.size > 1) continue;
      absorb(only, coarse);
      removed.add(coarse);
      // A year looking for its day may now find it through the sentence of the month it absorbed.
      for (const period of enclosingPeriods(only.date)) {
        for (const key of sentenceKeys(coarse)) byPeriodAndSentence.add(`${period}\u0000${key}`, only);
      }
    }
  }
  return merged.filter((event) => !removed.has(event));
}
