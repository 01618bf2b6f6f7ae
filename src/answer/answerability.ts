import { CALENDAR_WORDS, foldedWords, MONTHS, sharesRoot } from '../corpus/tokens.js';
import type { RankedSentence } from '../retrieval/sentenceRerank.js';
import { asksForMeasure, shapeScore } from './answerShape.js';
import { CLOSE_CALL, storyStems, withoutQuestionWords, type RankingFeatures } from './sentenceRanker.js';
import { coverage, initialismsOf, MISSPELLED, type TermMatch } from '../retrieval/termMatcher.js';
import type { AnswerabilityModel } from './models.js';
import { contradicts } from './opposites.js';
import { listedNoun, ROLE_NOUNS } from './people/lexicon.js';
import type { QuestionKind } from './question.js';

/** A number, or a single letter naming one of a series: "1765", "11th", "vitamin C", "B-cell". */
const DESIGNATOR = /\d|^\p{L}$/u;

/** "without" is left out: "would Apple keep going strong without Jobs?" negates nothing it asks. */
const NEGATION = /\b(?:not|no|never|none|nor|neither|cannot)\b|n['’]t\b/i;
/** "After the bondholders said no" reports a refusal; it denies nothing the answer must deny too. */
const SAYING_NO = /\b(?:say|says|said|saying|vote|votes|voted|voting|answered|replied)\s+no\b/gi;

/** Kinds of question whose answer must have a recognisable form: a date, a quantity. */
const STRICT_SHAPES: ReadonlySet<QuestionKind> = new Set(['when', 'how-many', 'how-much']);

export interface AnswerabilityFeatures {
  /** 1 when a name in the question appears nowhere around the best sentence. */
  missingName: number;
  /** Weighted share of the question's nouns and adjectives not found around the best sentence. */
  missingNouns: number;
  /** 1 when a name in the question appears nowhere in the best sentence's article. */
  nameNotInArticle: number;
  /** 1 when the question wants a date or a quantity and the best sentence has none. */
  shapeMissing: number;
  /** 1 when the question asks for a kind of entity and the best sentence names none beyond the question's own. */
  entityMissing: number;
  /** The best coverage of a candidate naming the kind of entity asked for (see the argument). */
  typedCoverage: number;
  /**
   * 1 when the question sets an exact form ("how many years", "what did the clinic say") and the best sentence
   * has it: a number with the counted noun, the named one speaking.
   */
  expectedForm: number;
  /**
   * 1 when the question asks for a measurable fact ("what is the population of …", "the GDP of …") and that
   * attribute appears nowhere around the best sentence (nor, for "how tall/old/far", a number in its unit), or
   * for a name ("her lawyer's name") and the sentence
   * names nothing the question does not: it is about the right thing but does not give what was asked.
   */
  missingAttribute: number;
  /**
   * 1 when the best sentence says the opposite of a word of the question that it lacks: "before" asked,
   * "after" said; "smaller drugs" asked, "larger drugs" said.
   */
  contradicted: number;
  /**
   * The ranker's probability that the sentences shown (the best, and the runner-up when it is a tie) are the
   * ones holding the answer, of all candidates.
   */
  confidence: number;
  /**
   * 1 when a number the question gives ("in 1765"), or a letter ("vitamin C"), is nowhere around the best
   * sentence, nor in its article's publication date or lead sentence (which name the story): a question written
   * from a sentence keeps its numbers, and one that changes them asks about something else.
   */
  missingNumber: number;
  /**
   * 1 when that number is nowhere in the whole article either. A number found elsewhere in the article more
   * often names the story ("the iPhone 2.0 update", "on October 6, 2008") than the fact asked for.
   */
  numberNotInArticle: number;
  /** 1 when the question is negative ("where wasn't …", "never") and the best sentence is not. */
  negationOnlyInQuestion: number;
  /** Weighted share of the question's terms met only by a related word ("summer" for "winter" is one too). */
  looseMatches: number;
  /** Question length in content terms (capped at 8, scaled to 0–1): longer questions match less by chance. */
  termCount: number;
  /**
   * 1 when the question's focus, its rarest noun or name (the heaviest term) besides those naming the story (see
   * `storyStems`), is not found around the best sentence: the sentence may share the question's other words
   * and still be about something else.
   */
  focusMissing: number;
  /**
   * 1 when the question wants a date or a quantity and the best sentence has one only among the question's own
   * words ("how many iPhone 4 orders" against "orders of the iPhone 4 began").
   */
  newShapeMissing: number;
}

/**
 * The best coverage by the question's own terms among candidates that name the kind of entity asked for, or
 * come near (all candidates when the question asks for no kind).
 */
export function typedCoverageOf(
  candidates: readonly { candidate: RankedSentence; features: Pick<RankingFeatures, 'entityType'> }[],
  asksForEntity: boolean,
): number {
  return Math.max(
    0,
    ...candidates
      .filter(({ features }) => !asksForEntity || features.entityType >= 0.5)
      .map(({ candidate }) => withOwnTerms(candidate).coverage),
  );
}

export function answerabilityFeatures(
  question: string,
  kind: QuestionKind,
  quantity: RegExp | undefined,
  candidate: RankedSentence,
  /** The best sentence's answer shape and entity, as the ranker found them. */
  { shape, entityType }: Pick<RankingFeatures, 'shape' | 'entityType'>,
  /** Whether the question asks for a kind of entity (`expectedEntityTypes`). */
  asksForEntity: boolean,
  scores: readonly number[],
  /**
   * The best coverage among candidates that name the kind of entity asked for (all candidates when none is
   * asked for): the answer must be both about the question and of its kind, in one sentence.
   */
  typedCoverage = candidate.coverage,
): AnswerabilityFeatures {
  const best = withOwnTerms(candidate);
  const [bestScore = 0, runnerUpScore] = scores;
  const shares = scores.reduce((sum, score) => sum + Math.exp(score - bestScore), 0) || 1;
  const around = [...best.context.map((sentence) => sentence.text), best.sentence.text].join(' ');
  const contextWords = foldedWords(around);
  // "What did Peru announce on November 3, 2025?" is answered by "On Monday, Peru…" in an article published
  // that day: the publication date's numbers and month are there, unwritten.
  const dateline = datelineWords(best.article.metadata.published);
  // A headline names what its whole article is about: "Russia" in the title is there for every sentence below.
  const title = best.article.metadata.title;
  const titleWords = foldedWords(title);
  const titleInitials = initialismsOf(title);
  const story = storyStems(best.article);
  const missing = best.contextMatches.filter(
    (match) =>
      !match.term.verb &&
      match.strength < (match.term.proper ? MISSPELLED : 0.5) &&
      !contextWords.some((word) => sharesRoot(word, match.term.word)) &&
      !dateline.has(match.term.word) &&
      !story.has(match.term.stem) &&
      !(
        match.term.proper &&
        (titleInitials.has(match.term.word) || titleWords.some((word) => sharesRoot(word, match.term.word)))
      ),
  );
  const total = best.contextMatches.reduce((sum, match) => sum + match.term.weight, 0) || 1;
  const found = new Set(
    best.contextMatches.filter((match) => match.strength > 0).map((match) => match.term.stem),
  );
  // The sentence before in its paragraph, or the paragraph before's last for one opening on "She…" or "On that
  // day…" (see `contextOf`).
  const previous = best.context.at(-1);
  const details = best.contextMatches.filter((match) => !match.term.verb && !story.has(match.term.stem));
  const focus = details.reduce<TermMatch | undefined>(
    (heaviest, match) => (!heaviest || match.term.weight > heaviest.term.weight ? match : heaviest),
    undefined,
  );
  return {
    missingName: missing.some((match) => match.term.proper) ? 1 : 0,
    missingNouns: missing.reduce((sum, match) => sum + match.term.weight, 0) / total,
    // The article is matched word for word; a name typed one letter off is found around the sentence only.
    nameNotInArticle: best.articleMatches.some(
      (match) => match.term.proper && match.strength === 0 && !found.has(match.term.stem),
    )
      ? 1
      : 0,
    // The answer quotes the sentence before with the best one when that gives the date ("The board met on March
    // 3. It approved the expansion."): the shape is there.
    shapeMissing:
      STRICT_SHAPES.has(kind) && shape === 0 && !(previous && shapeScore(kind, previous.text, quantity) > 0)
        ? 1
        : 0,
    entityMissing: asksForEntity && entityType === 0 ? 1 : 0,
    typedCoverage,
    expectedForm: quantity && shape === 1 ? 1 : 0,
    missingAttribute: missingAttribute(question, kind, quantity, best, around, contextWords),
    // A yes/no question is answered by the opposite it asks about: "Did the dollar rise?" — "it fell" is a no.
    contradicted: kind !== 'yes-no' && contradicts(question, best.sentence.text, contextWords) ? 1 : 0,
    confidence:
      (1 +
        (runnerUpScore !== undefined && bestScore - runnerUpScore <= CLOSE_CALL
          ? Math.exp(runnerUpScore - bestScore)
          : 0)) /
      shares,
    missingNumber: best.contextMatches.some(
      (match) =>
        DESIGNATOR.test(match.term.word) &&
        match.strength < 1 &&
        !contextWords.includes(match.term.word) &&
        !dateline.has(match.term.word) &&
        !story.has(match.term.stem),
    )
      ? 1
      : 0,
    numberNotInArticle: best.articleMatches.some(
      (match) => DESIGNATOR.test(match.term.word) && match.strength < 1 && !dateline.has(match.term.word),
    )
      ? 1
      : 0,
    negationOnlyInQuestion:
      NEGATION.test(question.replace(SAYING_NO, '')) && !NEGATION.test(best.sentence.text) ? 1 : 0,
    looseMatches:
      best.contextMatches.reduce(
        (sum, match) => sum + (match.strength > 0 && match.strength < 1 ? match.term.weight : 0),
        0,
      ) / total,
    termCount: Math.min(best.contextMatches.length, 8) / 8,
    focusMissing: focus && missing.includes(focus) ? 1 : 0,
    newShapeMissing:
      STRICT_SHAPES.has(kind) && shape > 0 && shapeScore(kind, withoutQuestionWords(best)) === 0 ? 1 : 0,
  };
}

/**
 * The features the logistic model weighs. Strong signals (a measured fact the sentence lacks, a contradiction,
 * a changed number) are weighed like the others: the fit gives them the weight the folds support, where rules
 * that decided alone were right on the articles they were written for and wrong on news.
 */
export const ANSWERABILITY_FEATURES = [
  'missingName',
  'missingNouns',
  'nameNotInArticle',
  'shapeMissing',
  'entityMissing',
  'typedCoverage',
  'expectedForm',
  'confidence',
  'missingAttribute',
  'contradicted',
  'missingNumber',
  'numberNotInArticle',
  'negationOnlyInQuestion',
  'looseMatches',
  'termCount',
  'focusMissing',
  'newShapeMissing',
] as const satisfies readonly (keyof AnswerabilityFeatures)[];

/**
 * Which way each feature may push P(not answered), known before any fit: more of the question covered never
 * makes an answer less likely, more of it missing never more likely. 1: up only, -1: down only, 0: either.
 */
export const ANSWERABILITY_SIGNS: Record<(typeof ANSWERABILITY_FEATURES)[number], -1 | 0 | 1> = {
  missingName: 1,
  missingNouns: 1,
  nameNotInArticle: 1,
  shapeMissing: 1,
  entityMissing: 1,
  typedCoverage: -1,
  expectedForm: -1,
  confidence: -1,
  missingAttribute: 1,
  contradicted: 1,
  missingNumber: 1,
  numberNotInArticle: 1,
  negationOnlyInQuestion: 1,
  looseMatches: 0,
  termCount: 0,
  focusMissing: 1,
  newShapeMissing: 1,
};

export type AnswerabilityFeature = (typeof ANSWERABILITY_FEATURES)[number];

/**
 * P(the articles do not answer) by the fitted logistic model (`AnswerModels.answerability`), whose weights
 * encode general signals (missing names, numbers and nouns, a negation only the question has, weak coverage)
 * rather than any one article's words.
 */
export function unanswerableProbability(features: AnswerabilityFeatures, model: AnswerabilityModel): number {
  const logit = ANSWERABILITY_FEATURES.reduce(
    (sum, name) => sum + features[name] * model.weights[name],
    model.intercept,
  );
  return 1 / (1 + Math.exp(-logit));
}

/**
 * The candidate as matched by the question's own terms, those a follow-up borrows from the conversation left
 * out; all of them when the question has none of its own ("and when?").
 */
function withOwnTerms(candidate: RankedSentence): RankedSentence {
  const own = (match: TermMatch) => match.term.borrowed !== true;
  if (candidate.matches.every(own) || !candidate.matches.some(own)) return candidate;
  const matches = candidate.matches.filter(own);
  const contextMatches = candidate.contextMatches.filter(own);
  const articleMatches = candidate.articleMatches.filter(own);
  return {
    ...candidate,
    matches,
    contextMatches,
    articleMatches,
    coverage: coverage(matches),
    contextCoverage: coverage(contextMatches),
    articleCoverage: coverage(articleMatches),
  };
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

/** "What salary will she get?", "which population does it have?" */
const ATTRIBUTE_ASKED =
  /^(?:what|which)\s+(\p{L}+)\s+(?:will|would|did|does|do|is|was|are|were|has|have|had|can|could)\b/iu;

/** "What is Mary Barra's salary?" */
const ATTRIBUTE_OWNED = /^(?:what|which)\s+(?:is|was|are|were)\s+.+['’]s\s+(\p{L}+)\s*\??$/iu;

function missingAttribute(
  question: string,
  kind: QuestionKind,
  quantity: RegExp | undefined,
  best: RankedSentence,
  around: string,
  contextWords: readonly string[],
): number {
  if (NAME_QUESTION.test(question) && !namesBeyondQuestion(best)) return 1;
  if (roleMissing(question, best, contextWords)) return 1;
  if (quantity && asksForMeasure(question) && shapeScore(kind, around, quantity) === 0) return 1;
  const trimmed = question.trim();
  const attribute = [ATTRIBUTE_QUESTION, ATTRIBUTE_ASKED, ATTRIBUTE_OWNED]
    .map((pattern) => pattern.exec(trimmed)?.[1]?.toLowerCase())
    .find((word) => word !== undefined && MEASURED_ATTRIBUTES.has(word));
  if (!attribute) return 0;
  const match = best.contextMatches.find((candidate) => candidate.term.word === attribute);
  if (match && match.strength >= 0.5) return 0;
  return contextWords.some((word) => sharesRoot(word, attribute)) ? 0 : 1;
}

/** "Which judge…", "who was the pilot…", "who were the pilots…": the role noun asked about. */
const ROLE_ASKED =
  /^(?:which|what)\s+(\p{L}+)\s+(?:is|was|are|were|has|have|had|did|does|do|will|would|can|could|said|says|told)\b|^who\s+(?:is|was|are|were)\s+the\s+(?:\p{L}+\s+)?(\p{L}+)\s*(?:(?:of|on|in|at|for)\b|\?|$)/iu;

/** How near another role noun must be to stand for the one asked ("ambassador" is 0.499 from "diplomat"). */
const NEAR_ROLE = 0.3;

/**
 * "Which judge is overseeing the case?", "who were the pilots?": the answer is someone the articles call that,
 * by that noun, a near word, or a role of its own the word vectors put near it ("ambassador" for "which
 * diplomat").
 */
function roleMissing(question: string, best: RankedSentence, contextWords: readonly string[]): boolean {
  const match = ROLE_ASKED.exec(question.trim());
  const noun = (match?.[1] ?? match?.[2])?.toLowerCase();
  const role = noun === undefined ? undefined : listedNoun(ROLE_NOUNS, noun);
  if (role === undefined) return false;
  const said = best.contextMatches.some(
    ({ term, strength, matched }) =>
      term.word.startsWith(role) &&
      (strength >= 0.5 || (strength >= NEAR_ROLE && ROLE_NOUNS.has(matched ?? ''))),
  );
  return !said && !contextWords.some((word) => sharesRoot(word, role));
}

/** "What is the name of …", "what is her lawyer's name": the answer is a name. */
const NAME_QUESTION = /\b(?:what|which)\b.*\bname\b|\bname of\b/i;

/**
 * Whether the sentence names anything the question does not: a capitalised word past its first that is not a
 * month or a weekday.
 */
function namesBeyondQuestion(best: RankedSentence): boolean {
  const rest = withoutQuestionWords(best).replace(/^\W*\S+/u, '');
  return (rest.match(/\p{Lu}[\p{L}'’-]*/gu) ?? []).some((word) => !CALENDAR_WORDS.has(word.toLowerCase()));
}

/** "2025-11-03" → 2025, 11, 03, 3 and "november". */
function datelineWords(published: string | undefined): Set<string> {
  const parts = (published ?? '').split(/\D+/).filter((part) => part !== '');
  const month = parts.length >= 2 ? MONTHS[Number(parts[1]) - 1] : undefined;
  return new Set([...parts, ...parts.map((part) => String(Number(part))), ...(month ? [month] : [])]);
}
