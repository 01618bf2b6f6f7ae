import { foldedWords } from '../corpus/tokens.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { shapeScore } from './answerShape.js';
import type { QuestionKind } from './question.js';

/** Kinds of question whose answer must have a recognisable form: a date, a quantity. */
const STRICT_SHAPES: ReadonlySet<QuestionKind> = new Set(['when', 'how-many', 'how-much']);

export interface AnswerabilityFeatures {
  /** Weighted share of question terms in the best sentence. */
  coverage: number;
  /** The same with the sentences before it in its paragraph. */
  contextCoverage: number;
  /** Cosine of question and sentence embeddings. */
  similarity: number;
  /** 1 when a name in the question appears nowhere around the best sentence. */
  missingName: number;
  /** Weighted share of the question's nouns and adjectives not found around the best sentence. */
  missingNouns: number;
  /** 1 when the question wants a date or a quantity and the best sentence has none. */
  shapeMissing: number;
  /**
   * 1 when the question asks for a measurable fact ("what is the population of …", "the GDP of …") and that
   * attribute appears nowhere around the best sentence: the sentence is about the right thing but does not
   * give what was asked. Decisive on its own (see `unanswerableProbability`).
   */
  missingAttribute: number;
  /** Ranking score of the best sentence. */
  score: number;
  /** How far the best sentence leads the runner-up: a clear winner is more often a real answer. */
  margin: number;
  /** Question length in content terms (capped at 8, scaled to 0–1): longer questions match less by chance. */
  termCount: number;
}

/**
 * Logistic-regression weights for P(the articles do not answer), over the features above in order, then the
 * intercept. Fitted on the development sets (the seed questions and the SQuAD 2.0 sample, whose unanswerable
 * questions were written to look answerable) with `scripts/answerability-features.ts` dumping the features;
 * they encode general signals (missing names and nouns, weak coverage) rather than any one article's words.
 */
const WEIGHTS = [-1.915, 0.572, 0.589, 1.462, -0.218, 1.009, -1.61, -1.003, -0.491] as const;
const INTERCEPT = 1.791;

export function answerabilityFeatures(
  question: string,
  kind: QuestionKind,
  quantity: RegExp | undefined,
  best: RankedSentence,
  bestScore: number,
  runnerUpScore: number | undefined,
): AnswerabilityFeatures {
  const contextWords = foldedWords(
    [...best.context.map((sentence) => sentence.text), best.sentence.text].join(' '),
  );
  const missing = best.contextMatches.filter(
    (match) =>
      !match.term.verb &&
      match.strength < (match.term.proper ? 1 : 0.5) &&
      !contextWords.some((word) => sharesRoot(word, match.term.word)),
  );
  const total = best.contextMatches.reduce((sum, match) => sum + match.term.weight, 0) || 1;
  return {
    coverage: best.coverage,
    contextCoverage: best.contextCoverage,
    similarity: best.similarity,
    missingName: missing.some((match) => match.term.proper) ? 1 : 0,
    missingNouns: missing.reduce((sum, match) => sum + match.term.weight, 0) / total,
    shapeMissing: STRICT_SHAPES.has(kind) && shapeScore(kind, best.sentence.text, quantity) === 0 ? 1 : 0,
    missingAttribute: missingAttribute(question, best, contextWords),
    score: bestScore,
    margin: runnerUpScore === undefined ? 0.3 : bestScore - runnerUpScore,
    termCount: Math.min(best.contextMatches.length, 8) / 8,
  };
}

export function unanswerableProbability(features: AnswerabilityFeatures): number {
  if (features.missingAttribute === 1) return 1;
  const values = [
    features.coverage,
    features.contextCoverage,
    features.similarity,
    features.missingName,
    features.missingNouns,
    features.shapeMissing,
    features.score,
    features.margin,
    features.termCount,
  ];
  const logit = values.reduce((sum, value, index) => sum + value * (WEIGHTS[index] ?? 0), INTERCEPT);
  return 1 / (1 + Math.exp(-logit));
}

/**
 * Facts an article states with the word itself (or a close synonym) when it states them at all. Words such as
 * "name", "cost" or "purpose" are left out: answers give a name, an amount or a reason without saying so.
 */
const MEASURED_ATTRIBUTES = new Set(
  (
    'population gdp height weight age capital area salary salaries wage budget revenue income profit temperature ' +
    'speed length width depth altitude elevation diameter volume density score turnout inflation unemployment'
  ).split(' '),
);

const ATTRIBUTE_QUESTION =
  /^(?:what|which)\s+(?:is|was|are|were)\s+(?:the|a|an)\s+(?:\p{L}+\s+){0,2}?(\p{L}+)\s+(?:of|for|in|on|at|to|that|who|which|called)\b/iu;

function missingAttribute(question: string, best: RankedSentence, contextWords: readonly string[]): number {
  const attribute = ATTRIBUTE_QUESTION.exec(question.trim())?.[1]?.toLowerCase();
  if (!attribute || !MEASURED_ATTRIBUTES.has(attribute)) return 0;
  const match = best.contextMatches.find((candidate) => candidate.term.word === attribute);
  if (match && match.strength >= 0.5) return 0;
  return contextWords.some((word) => sharesRoot(word, attribute)) ? 0 : 1;
}

/** "mexico" and "mexican", "brazil" and "brazilian": the same name in another form. */
function sharesRoot(word: string, term: string): boolean {
  const root = Math.max(4, Math.min(term.length - 1, 6));
  return term.length >= 4 && word.length >= root && word.slice(0, root) === term.slice(0, root);
}
