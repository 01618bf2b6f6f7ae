import type { Article, Sentence } from '../../corpus/types.js';
import { articleWords } from '../people/articleWords.js';
import { mentionPattern } from '../people/lookup.js';
import { foldText } from '../people/words.js';
import type { Person, TimelineEvent } from '../types.js';
import { describeEvent } from './describeEvent.js';
import { resolveDates } from './resolveDates.js';

/** Events that differ only in how the noun phrase opens ("the", "Castillo’s") are one event cited twice. */
function eventKey(date: string, what: string): string {
  const words = foldText(what)
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
  while (words.length > 1 && /^(?:the|a|an|his|her|its|their|[\p{L}]+'s)$/u.test(words[0] ?? ''))
    words.shift();
  return `${date} ${words.join(' ')}`;
}

function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((sentence) => offset >= sentence.start && offset < sentence.end);
}

/**
 * Every dated event in the articles, in chronological order (less precise dates first within their period,
 * and text order among equals). Dates are resolved against each article's publication date; each event
 * cites its sentence verbatim and names the people that sentence mentions, by their canonical names.
 */
export function extractTimeline(articles: readonly Article[], people: readonly Person[]): TimelineEvent[] {
  const patterns = people.map((person) => ({ name: person.name, pattern: mentionPattern(person) }));
  const events: TimelineEvent[] = [];
  const byKey = new Map<string, TimelineEvent>();
  for (const article of articles) {
    const { sentences, words } = articleWords(article);
    const dates = resolveDates(article.text, article.metadata.published, { paragraphs: article.paragraphs });
    // "eight days after its expiration on December 19, 2024" is one event, dated by the whole phrase.
    const anchors = new Set(
      dates.flatMap((date) => (date.anchorStart === undefined ? [] : [date.anchorStart])),
    );
    for (const date of dates) {
      if (anchors.has(date.start)) continue;
      const sentence = sentenceAt(sentences, date.start);
      if (!sentence) continue;
      const what = describeEvent(article.text, sentence, words, date);
      if (!what) continue;
      const citation = { article: article.id, paragraph: sentence.paragraph, text: sentence.text };
      const involved = patterns.filter(({ pattern }) => pattern.test(sentence.text)).map(({ name }) => name);
      const key = eventKey(date.value, what);
      const same = byKey.get(key);
      if (same) {
        if (
          !same.citations.some((quote) => quote.article === citation.article && quote.text === citation.text)
        ) {
          same.citations.push(citation);
        }
        same.people = [...new Set([...same.people, ...involved])];
        same.inferred &&= date.inferred;
        continue;
      }
      const event: TimelineEvent = {
        date: date.value,
        granularity: date.granularity,
        inferred: date.inferred,
        what,
        people: involved,
        citations: [citation],
      };
      byKey.set(key, event);
      events.push(event);
    }
  }
  // Array.prototype.sort is stable, so events of one date keep the order the articles tell them in.
  return events.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
}
