import type { Article, Sentence } from '../../corpus/types.js';
import { articleWords } from '../people/articleWords.js';
import { mentionPattern } from '../people/lookup.js';
import type { Person, TimelineEvent } from '../types.js';
import { describeEvent } from './describeEvent.js';
import { mergeEventPrecisions } from './mergeEvents.js';
import { resolveDates } from './resolveDates.js';

function sentenceAt(sentences: readonly Sentence[], offset: number): Sentence | undefined {
  return sentences.find((sentence) => offset >= sentence.start && offset < sentence.end);
}

/**
 * Every dated event in the articles, in chronological order (less precise dates first within their period,
 * and text order among equals). Dates are resolved against each article's publication date; each event
 * cites its sentence verbatim and names the people that sentence mentions, by their canonical names. One
 * happening told twice, at one date or at two precisions, is one event citing both (`mergeEventPrecisions`).
 */
export function extractTimeline(articles: readonly Article[], people: readonly Person[]): TimelineEvent[] {
  const patterns = people.map((person) => ({ name: person.name, pattern: mentionPattern(person) }));
  const events: TimelineEvent[] = [];
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
      const event: TimelineEvent = {
        date: date.value,
        granularity: date.granularity,
        inferred: date.inferred,
        what,
        people: involved,
        citations: [citation],
      };
      events.push(event);
    }
  }
  return mergeEventPrecisions(events);
}
