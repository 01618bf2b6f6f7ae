import { opensOnPronoun } from '../corpus/sentences.js';
import type { Article, Sentence } from '../corpus/types.js';
import { comparisonVector, type TextEmbedder } from '../embeddings/types.js';
import { dot } from '../index/vectorIndex.js';
import type { RankedPassage } from './hybridRetriever.js';
import type { PassageIndex } from './passageIndex.js';
import {
  coverage,
  SAME_FAMILY,
  standInFound,
  TermMatcher,
  type PreparedText,
  type QuestionTerm,
  type StandIns,
  type TermMatch,
  type TextToken,
} from './termMatcher.js';

/** A question made ready once for retrieval: its embedding and its weighted terms. */
export interface PreparedQuery {
  text: string;
  /** In the vector index's space, for the nearest-neighbour search. */
  vector: number[];
  /** For comparing with sentences directly (see `TextEmbedder.embedForComparison`). */
  comparison: number[];
  terms: QuestionTerm[];
}

export interface RankedSentence {
  article: Article;
  sentence: Sentence;
  /**
   * The sentences before it that may hold the subject a pronoun in it refers to: in its paragraph, or for a
   * paragraph opening on "She…", at the end of the paragraphs before (see `contextOf`).
   */
  context: Sentence[];
  /** The sentence's words, prepared once for matching (and kept by the passage index). */
  words: PreparedText;
  matches: TermMatch[];
  /** The question's terms matched against the sentence together with its context. */
  contextMatches: TermMatch[];
  /** Weighted share of question terms this sentence covers (0–1). */
  coverage: number;
  /** The same, counting the paragraph's earlier sentences too. */
  contextCoverage: number;
  /**
   * The same, counting the sentence just before it wherever it stands (the last of the paragraph before, for a
   * paragraph's first): what a sentence continues ("David Buik commented on today's falls." before the quote).
   */
  previousCoverage: number;
  /**
   * The question's terms matched against the whole article (headline and publication date included), word for
   * word or by word family: the words a question uses to pick out its story.
   */
  articleMatches: TermMatch[];
  /** Weighted share of question terms the article has somewhere. */
  articleCoverage: number;
  /**
   * Share of question terms the sentence covers, each weighed by how few of its article's sentences hold it:
   * what singles this sentence out within its story.
   */
  localCoverage: number;
  /** Share of the question's adjacent term pairs found close together in the sentence ("oil crisis"). */
  phrases: number;
  /** Cosine of the sentence and question embeddings. */
  similarity: number;
  /** Fused rank score of the passage it came from, scaled so the best passage is 1. */
  passageScore: number;
  score: number;
}

const matchers = new WeakMap<TextEmbedder, TermMatcher>();

export function termMatcherFor(embedder: TextEmbedder): TermMatcher {
  let matcher = matchers.get(embedder);
  if (!matcher) matchers.set(embedder, (matcher = new TermMatcher(embedder)));
  return matcher;
}

export function questionTermsFor(
  question: string,
  index: PassageIndex,
  embedder: TextEmbedder,
): QuestionTerm[] {
  return termMatcherFor(embedder).questionTerms(
    question,
    (stem) => index.lexical.idf(stem),
    (stem) => index.lexical.has(stem),
  );
}

/**
 * Scores every sentence of the retrieved passages' paragraphs against the question. A passage is a few
 * sentences; the answer is usually one of them, and the one that covers the question's rare words (or their
 * synonyms) while staying close to its meaning is the best place to look.
 *
 * score = 0.4 · coverage + 0.2 · max(contextCoverage, 0.8 · previousCoverage) + 0.2 · similarity
 *         + 0.2 · passageScore
 * (the sentences before count because a sentence often says "she" for the name asked about). This only
 * chooses the candidates; the answerer's fitted ranker orders them.
 */
export function rerankSentences(
  query: PreparedQuery,
  passages: readonly RankedPassage[],
  index: PassageIndex,
  embedder: TextEmbedder,
  standIns?: StandIns,
): RankedSentence[] {
  const matcher = termMatcherFor(embedder);
  const { terms, comparison: questionVector } = query;
  const bestFused = passages[0]?.fused ?? 1;
  const seen = new Set<string>();
  const matchesBySentence = new Map<string, TermMatch[]>();
  const matchText = matcher.matcherFor(terms, standIns);
  const matchesOf = (article: Article, sentence: Sentence): TermMatch[] => {
    const sentenceKey = `${article.id}:${sentence.start}`;
    let found = matchesBySentence.get(sentenceKey);
    if (!found) {
      found = matchText(index.wordsOf(article, sentence));
      matchesBySentence.set(sentenceKey, found);
    }
    return found;
  };
  const articleMatchesOf = new Map<string, TermMatch[]>();
  const localWeightsByArticle = new Map<string, number[]>();
  const localWeightsOf = (article: Article): number[] => {
    let weights = localWeightsByArticle.get(article.id);
    if (!weights) {
      const { sentences, counts } = index.sentenceFrequenciesOf(article);
      weights = terms.map((term) => Math.log(1 + sentences / (1 + (counts.get(term.stem) ?? 0))));
      localWeightsByArticle.set(article.id, weights);
    }
    return weights;
  };
  const ranked: RankedSentence[] = [];
  for (const { passage, fused } of passages) {
    let articleMatches = articleMatchesOf.get(passage.article.id);
    if (!articleMatches) {
      articleMatches = matchWordForWord(terms, index.wordsOfArticle(passage.article), standIns);
      articleMatchesOf.set(passage.article.id, articleMatches);
    }
    const articleCoverage = coverage(articleMatches);
    const localWeights = localWeightsOf(passage.article);
    const paragraphSentences = index.sentencesOf(passage.article, passage.paragraph);
    // "She said in a statement…" in the next paragraph goes on about whoever this passage names, though it
    // names no one itself: a first sentence opening on a pronoun is a candidate too, with what came before.
    const continuations = continuationsOf(index, passage.article, passage.paragraph);
    [...paragraphSentences, ...continuations].forEach((sentence, position) => {
      const key = `${passage.article.id}:${sentence.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      const inPassage = sentence.start >= passage.start && sentence.end <= passage.end;
      const context =
        position < paragraphSentences.length
          ? contextOf(index, passage.article, paragraphSentences, position)
          : contextOf(index, passage.article, [sentence], 0);
      const words = index.wordsOf(passage.article, sentence);
      const matches = matchesOf(passage.article, sentence);
      const sentenceCoverage = coverage(matches);
      const phrases = phraseOverlap(terms, words.tokens);
      // Matching the context as one text is the same as keeping, per term, the best match of its sentences.
      const contextMatches = context.reduce(
        (best, item) => best.map((match, term) => strongest(match, matchesOf(passage.article, item)[term])),
        matches,
      );
      const previous = previousSentence(index, passage.article, sentence);
      const previousMatches = previous
        ? matches.map((match, term) => strongest(match, matchesOf(passage.article, previous)[term]))
        : matches;
      const similarity = dot(
        questionVector,
        index.sentenceVector(passage.article, sentence, (text) => comparisonVector(embedder, text)),
      );
      const passageScore = (fused / bestFused) * (inPassage ? 1 : 0.8);
      ranked.push({
        article: passage.article,
        sentence,
        context,
        words,
        matches,
        contextMatches,
        coverage: sentenceCoverage,
        contextCoverage: coverage(contextMatches),
        previousCoverage: coverage(previousMatches),
        articleMatches,
        articleCoverage,
        localCoverage: weightedCoverage(matches, localWeights),
        phrases,
        similarity,
        passageScore,
        score:
          0.4 * sentenceCoverage +
          0.2 * Math.max(coverage(contextMatches), 0.8 * coverage(previousMatches)) +
          0.2 * similarity +
          0.2 * passageScore,
      });
    });
  }
  return ranked.sort((left, right) => right.score - left.score || left.sentence.start - right.sentence.start);
}

/** How far back a chain of paragraphs opening on pronouns is followed to the one that names someone. */
const PRONOUN_CHAIN = 2;

/**
 * The sentences before one that may say what it is about: the two before it in its paragraph, or, for a
 * paragraph that opens on "She…" (news sites often write a sentence a paragraph), the last sentence of the
 * paragraph before, and of the one before that while they open on pronouns too.
 */
function contextOf(
  index: PassageIndex,
  article: Article,
  paragraphSentences: readonly Sentence[],
  position: number,
): Sentence[] {
  const sentence = paragraphSentences[position];
  if (position > 0 || !sentence || !opensOnPronoun(sentence.text)) {
    return paragraphSentences.slice(Math.max(0, position - 2), position);
  }
  const context: Sentence[] = [];
  let current = sentence;
  for (let back = 1; back <= PRONOUN_CHAIN; back++) {
    const previous = index.sentencesOf(article, current.paragraph - 1);
    const last = previous.at(-1);
    if (!last) break;
    context.unshift(last);
    if (previous.length > 1 || !opensOnPronoun(last.text)) break;
    current = last;
  }
  return context;
}

/**
 * The first sentence of the next paragraph, which often goes on with what this one says (the quote after "X
 * commented"), and of the ones after while they open on a pronoun ("She said…").
 */
function continuationsOf(index: PassageIndex, article: Article, paragraph: number): Sentence[] {
  const found: Sentence[] = [];
  for (let next = paragraph + 1; found.length < PRONOUN_CHAIN; next++) {
    const first = index.sentencesOf(article, next)[0];
    if (!first || (found.length > 0 && !opensOnPronoun(first.text))) break;
    found.push(first);
  }
  return found;
}

/** The sentence just before this one in its article, across a paragraph break. */
function previousSentence(index: PassageIndex, article: Article, sentence: Sentence): Sentence | undefined {
  const own = index.sentencesOf(article, sentence.paragraph);
  const position = own.findIndex((candidate) => candidate.start === sentence.start);
  return position > 0 ? own[position - 1] : index.sentencesOf(article, sentence.paragraph - 1).at(-1);
}

/**
 * Terms matched by stem or word family only: an article has thousands of words, and near any of them in word-
 * vector space is near everything.
 */
function matchWordForWord(
  terms: readonly QuestionTerm[],
  text: PreparedText,
  standIns?: StandIns,
): TermMatch[] {
  return terms.map((term): TermMatch => {
    if (text.stems.has(term.stem) || (term.proper && text.initialisms.has(term.word))) {
      return { term, strength: 1, matched: term.word };
    }
    const standIn = standInFound(term, text, standIns);
    if (standIn) return { term, strength: 1, matched: standIn };
    return text.families.has(term.family) && !term.proper
      ? { term, strength: SAME_FAMILY }
      : { term, strength: 0 };
  });
}

/** Coverage with the given weight for each term, in the order of the matches. */
function weightedCoverage(matches: readonly TermMatch[], weights: readonly number[]): number {
  let total = 0;
  let covered = 0;
  matches.forEach((match, index) => {
    const weight = weights[index] ?? 0;
    total += weight;
    covered += weight * match.strength;
  });
  return total === 0 ? 0 : covered / total;
}

function strongest(left: TermMatch, right: TermMatch | undefined): TermMatch {
  return right && right.strength > left.strength ? right : left;
}

/**
 * The share of adjacent question-term pairs whose stems stand within three words of each other in the text.
 * Single words are shared by many sentences of an article; a pair like "humoral theory" or "oil crisis"
 * singles out the sentence that talks about the same thing.
 */
export function phraseOverlap(terms: readonly QuestionTerm[], tokens: readonly TextToken[]): number {
  if (terms.length < 2) return 0;
  const positions = new Map<string, number[]>();
  tokens
    .filter((token) => token.content)
    .forEach(({ stem }, position) => {
      const list = positions.get(stem);
      if (list) list.push(position);
      else positions.set(stem, [position]);
    });
  let found = 0;
  for (let index = 0; index + 1 < terms.length; index++) {
    const first = positions.get(terms[index]?.stem ?? '');
    const second = positions.get(terms[index + 1]?.stem ?? '');
    if (first && second && first.some((left) => second.some((right) => Math.abs(right - left) <= 3))) found++;
  }
  return found / (terms.length - 1);
}
