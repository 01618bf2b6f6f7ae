import { stem, wordFamily } from '../../src/corpus/tokens.js';
import type { Article, Sentence } from '../../src/corpus/types.js';
import type { RankedSentence } from '../../src/retrieval/sentenceRerank.js';
import { coverage, TermMatcher, type QuestionTerm, type TermMatch } from '../../src/retrieval/termMatcher.js';

/** A question term of weight 1, as the term matcher would make it. */
export function questionTerm(word: string, { proper = false, verb = false } = {}): QuestionTerm {
  return { word, stem: stem(word), family: wordFamily(word), weight: 1, proper, verb };
}

/**
 * A candidate sentence as the retriever would rank it, with its terms matched by plain substring: enough for
 * the answer models, which read the matches rather than make them.
 */
export function rankedSentence(
  text: string,
  terms: readonly QuestionTerm[],
  {
    context = [] as string[],
    article = { metadata: { title: '' }, paragraphs: [] } as unknown as Article,
  } = {},
): RankedSentence {
  const together = [...context, text].join(' ').toLowerCase();
  const matchesIn = (haystack: string): TermMatch[] =>
    terms.map((term) =>
      haystack.includes(term.word) ? { term, strength: 1, matched: term.word } : { term, strength: 0 },
    );
  const matches = matchesIn(text.toLowerCase());
  const contextMatches = matchesIn(together);
  const sentence: Sentence = { text, start: 0, end: text.length, paragraph: 1 };
  return {
    article,
    sentence,
    context: context.map((item) => ({ text: item, start: 0, end: item.length, paragraph: 1 })),
    words: TermMatcher.prepareText(text),
    matches,
    contextMatches,
    coverage: coverage(matches),
    contextCoverage: coverage(contextMatches),
    previousCoverage: coverage(contextMatches),
    articleMatches: contextMatches,
    articleCoverage: coverage(contextMatches),
    localCoverage: coverage(matches),
    phrases: 0,
    similarity: 0.8,
    passageScore: 1,
    score: 0,
  };
}
