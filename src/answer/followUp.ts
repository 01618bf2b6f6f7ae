import { contentTerms, stem } from '../corpus/tokens.js';
import type { ConversationTurn } from './types.js';

/** Words that shape a question without naming a topic, as `contentTerms` stems them ("does" → "doe"). */
const NOT_TOPIC = new Set(['how', 'many', 'much', 'happen', 'say', 'tell', 'do', 'does'].map(stem));

const REFERS_BACK =
  /\b(he|she|they|him|her|them|his|hers|their|it|its|that|this|those|these|there|then|the same)\b/i;

/**
 * A follow-up such as "and when did that happen?" or "who appointed her?" names nothing itself; it is read in
 * the context of the previous question and answer by adding them to the retrieval query. A question that
 * stands on its own (it names something and points back at nothing) is left as it is.
 */
export function followUpQuery(question: string, history: readonly ConversationTurn[]): string {
  const previous = history.at(-1);
  if (!previous) return question;
  // Two topic words ("the GDP of Peru") are enough to stand alone; wh-words and function words are not topic.
  const topicWords = contentTerms(question).filter((term) => !NOT_TOPIC.has(term));
  if (!REFERS_BACK.test(question) && topicWords.length >= 2) return question;
  const earlier = previous.answer.abstained
    ? previous.question
    : `${previous.question} ${previous.answer.answer.replace(/\[\d+\]/g, '')}`;
  return `${question} ${earlier}`;
}
