import { contentTerms, foldedWords, sharesRoot } from '../corpus/tokens.js';
import { opensOnPronoun } from '../corpus/sentences.js';
import type { Article, Sentence } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import type { HybridRetriever } from '../retrieval/hybridRetriever.js';
import { termMatcherFor, type RankedSentence } from '../retrieval/sentenceRerank.js';
import { QUESTION_WORDS, TermMatcher } from '../retrieval/termMatcher.js';
import { countryStandIns } from './countryNames.js';
import { nameStandIns, roleStandIns } from './roleReferents.js';
import { asksForStatement, expectedForm, quotesSomeone } from './answerShape.js';
import { entitiesOf, expectedEntityTypes } from './answerType.js';
import type { EntityType } from './entities.js';
import {
  answerOrder,
  answerTypeOf,
  CLOSE_CALL,
  rankingFeatures,
  rankingScore,
  type RankingFeatures,
  type RankingQuestion,
} from './sentenceRanker.js';
import { cite } from './citations.js';
import {
  answerabilityFeatures,
  typedCoverageOf,
  unanswerableProbability,
  type AnswerabilityFeatures,
} from './answerability.js';
import { chooseClause, QUOTED_WHOLE, SHORT_ENOUGH } from './clause.js';
import { followUpQuery } from './followUp.js';
import {
  describingSentence,
  holdingSentence,
  identityQuestion,
  roleQuestion,
  type IdentityQuestion,
  type RoleQuestion,
} from './identity.js';
import { articleFact, askedArticleFact, authorStandIns, type ArticleFact } from './articleFacts.js';
import { shortAnswer, shortAnswerAmong } from './shortAnswer.js';
import { FITTED_MODELS } from './fittedModels.js';
import type { AnswerModels } from './models.js';
import { normalizeQuestion, questionKind, sceneAndAsked, spelledOut, type QuestionKind } from './question.js';
import type { Answer, Citation, ConversationTurn, Person } from './types.js';

export interface AnswerOptions {
  article?: string;
  history?: readonly ConversationTurn[];
}

export interface ExtractiveAnswererOptions {
  retriever: HybridRetriever;
  embedder: TextEmbedder;
  /** The people of the articles, so a question can name someone by role ("the former premier"). */
  people?: () => readonly Person[];
  /** Passages shown as "closest" when abstaining. Default 2. */
  closestCount?: number;
  /** The ranking and answerability models. Default: the ones fitted on the development sets. */
  models?: AnswerModels;
}

/** A candidate sentence with what the ranker knows of it. */
export interface AnalysedCandidate {
  candidate: RankedSentence;
  features: RankingFeatures;
}

/**
 * Everything about a question that does not depend on the fitted models: its kind, its terms, and the
 * candidate sentences with their features. The evaluation analyses each question once and answers it with
 * models fitted on other articles (`compose`).
 */
export interface QuestionAnalysis {
  /** The question as read: chat shorthand spelled out (`spelledOut`). */
  question: string;
  /** The question as the member typed it (normalised): what the answer echoes and a conversation keeps. */
  typed: string;
  kind: QuestionKind;
  ranking: Omit<RankingQuestion, 'relatedness'>;
  /** Content terms the question has; none means there is nothing to look for. */
  terms: number;
  /** The question asks who wrote the article, when or where it was published, or its headline. */
  articleFact: ArticleFact | undefined;
  /** The question asks who someone named is ("Who is Betssy Chávez?"), and whom the articles know by the name. */
  identity: IdentityQuestion | undefined;
  /** The question asks who holds a role the articles give someone ("Who is the Peruvian foreign minister?"). */
  roleAsked: RoleQuestion | undefined;
  candidates: AnalysedCandidate[];
  /** `performance.now()` when the analysis began, so the answer reports the whole time spent. */
  started: number;
}

/** A candidate scored by the ranking model, as the answer takes them: best first. */
export interface ScoredCandidate extends AnalysedCandidate {
  shape: number;
  score: number;
}

export const NOT_ANSWERED = 'The articles do not answer that.';

/**
 * The offline answerer: it quotes instead of writing. It re-scores the retriever's sentences by how well they
 * have the shape the question asks for (a date for "when", a number for "how many"), takes the best, trims it
 * to the clause that answers, and cites it. It abstains when the question's key terms are not there: a name
 * the articles never mention, or too little of what was asked.
 */
export class ExtractiveAnswerer {
  private readonly closestCount: number;
  private readonly models: AnswerModels;

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.closestCount = options.closestCount ?? 2;
    this.models = options.models ?? FITTED_MODELS;
  }

  answer(rawQuestion: string, options: AnswerOptions = {}): Answer {
    return this.compose(this.analyse(rawQuestion, options));
  }

  /** The answer to an analysed question under the given models (by default the answerer's own). */
  compose(analysis: QuestionAnalysis, models: AnswerModels = this.models): Answer {
    const { question, kind, ranking } = analysis;
    const { ranked, unanswerable } = assess(analysis, models);
    const finish = (fields: Omit<Answer, 'question' | 'ms'>): Answer => ({
      question: analysis.typed,
      ...fields,
      ms: performance.now() - analysis.started,
    });
    const best = ranked[0];
    if (analysis.articleFact && best)
      return finish(answerArticleFact(best.candidate.article, analysis.articleFact));
    const { identity, roleAsked } = analysis;
    const described = identity?.person ? describingSentence(identity.person, ranked) : undefined;
    const holder = roleAsked ? holdingSentence(roleAsked, ranked) : undefined;
    // A sentence giving someone asked about a role the articles know them by answers "who is X?" whatever the
    // question's words: "jeri??" shares one word with "Interim President José Jerí said…". So does a sentence
    // naming the holder of the role asked about, with the question's other words ("of Peru").
    if (!best || (unanswerable > models.answerability.abstainAbove && !described && !holder)) {
      const closest = ranked
        .slice(0, this.closestCount)
        .map(({ candidate }, position) => citeSentence(position + 1, candidate));
      const hint = analysis.terms === 0 ? ' Ask about someone or something in them.' : '';
      return finish({
        answer: `${NOT_ANSWERED}${hint}`,
        abstained: true,
        short: null,
        citations: [],
        closest,
      });
    }
    const chosen = described ? [described.entry] : holder ? [holder.entry] : quotedSentences(ranked);
    const first = chosen[0] ?? best;
    const introduced =
      chosen.length === 1
        ? introducedBy(first.candidate, first.features, kind, ranking.entityTypes)
        : undefined;
    const shortQuestion = { kind, text: question, entityTypes: ranking.entityTypes };
    // "Who said \"…\"?": the quote asked about may close, with its speaker, in a later paragraph.
    const closing =
      kind === 'who' && !ranking.statement && chosen.length === 1
        ? this.quotationClosing(first.candidate)
        : [];
    // The sentence that completes the best one, where the short answer may stand instead.
    const completing = introduced ?? closing.at(-1);
    const short = identity
      ? (described?.role ?? null)
      : (holder?.name ??
        shortAnswerAmong(
          shortQuestion,
          (chosen.length > 0 ? chosen : [best]).map(({ candidate }) => candidate),
        ) ??
        (completing
          ? shortAnswer(shortQuestion, {
              sentence: completing,
              words: TermMatcher.prepareText(completing.text),
              matches: [],
            })
          : null));
    if (introduced) {
      const { candidate } = first;
      const { article, sentence } = candidate;
      const sameParagraph = introduced.paragraph === sentence.paragraph;
      // "On that day, …" is kept whole: its opening is what ties it to the sentence before.
      const clause = chooseClause(candidate, kind, {
        shortEnough: sameParagraph ? QUOTED_WHOLE - introduced.text.length : QUOTED_WHOLE,
      });
      // One citation quotes one paragraph: a sentence from the paragraph before is a citation of its own.
      const citations = sameParagraph
        ? [cite(1, article, sentence.paragraph, introduced.start, sentence.end)]
        : [
            cite(1, article, introduced.paragraph, introduced.start, introduced.end),
            cite(2, article, sentence.paragraph, sentence.start, sentence.end),
          ];
      const answer =
        citations.length === 1 ? `${introduced.text} ${clause} [1]` : `${introduced.text} [1] ${clause} [2]`;
      return finish({ answer, abstained: false, short, citations, closest: [] });
    }
    const quotation =
      ranking.statement && chosen.length === 1 ? this.quotationAfter(first.candidate) : closing;
    const opening = ranking.statement && chosen.length === 1 ? this.quotationBefore(first.candidate) : [];
    const before = opening.length;
    const citeQuoted = (sentence: Sentence, n: number) =>
      cite(n, first.candidate.article, sentence.paragraph, sentence.start, sentence.end);
    const citations = [
      ...opening.map((sentence, position) => citeQuoted(sentence, position + 1)),
      ...chosen.map(({ candidate }, position) => citeSentence(before + position + 1, candidate)),
      ...quotation.map((sentence, position) => citeQuoted(sentence, before + chosen.length + position + 1)),
    ];
    const answer = [
      ...opening.map((sentence, position) => `${sentence.text} [${position + 1}]`),
      ...chosen.map(
        ({ candidate }, position) =>
          `${chooseClause(candidate, kind, {
            shortEnough: chosen.length > 1 ? QUOTED_WHOLE / 2 : QUOTED_WHOLE,
            asksForThing: ranking.answerType !== undefined,
            asksForStatement: ranking.statement,
            // A yes or a no is not a span of the sentence.
            // The short answer, where this sentence holds it (a close call's may come from the second).
            keep:
              kind === 'yes-no'
                ? null
                : position === 0 && (short === null || holdsPhrase(candidate.sentence.text, short))
                  ? short
                  : shortAnswer(shortQuestion, candidate),
          })} [${before + position + 1}]`,
      ),
      quotation
        .map((sentence, position) => `${sentence.text} [${before + chosen.length + position + 1}]`)
        .join(' '),
    ]
      .filter((part) => part !== '')
      .join(' … ');
    return finish({ answer, abstained: false, short, citations, closest: [] });
  }

  /**
   * The words of someone asked about ("what did X say?") when the best sentence only introduces them: news names
   * the speaker ("X commented on the falls.", "X said that the slide was worrying.") and quotes them in the
   * sentences after. Those sentences while they open a quotation, or the next one when it quotes within ("…a
   * statement rejecting the decision." then "It deemed the rupture “excessive and disproportionate.”"), within
   * a short answer's length; none when the best sentence quotes someone itself.
   */
  private quotationAfter(candidate: RankedSentence): Sentence[] {
    if (quotesSomeone(candidate.sentence.text)) return [];
    const quotation: Sentence[] = [];
    let length = 0;
    for (const next of this.options.retriever.sentencesAfter(candidate.article, candidate.sentence, 2)) {
      length += next.text.length;
      if (length > SHORT_ENOUGH) break;
      if (OPENS_QUOTATION.test(next.text)) quotation.push(next);
      else {
        if (quotation.length === 0 && quotesSomeone(next.text) && goesOnAbout(candidate, next))
          quotation.push(next);
        break;
      }
    }
    return quotation;
  }

  /**
   * Where a quotation the best sentence opens and leaves open ends ("\"We can not… let our auto industry simply
   * vanish." then "…an emblem of the American spirit,'' said Barack Obama."): for "who said…?", the speaker is
   * named where the quote closes, often a paragraph later. The sentences up to the closing one, within a short
   * answer's length; none when another quotation opens first.
   */
  private quotationClosing(candidate: RankedSentence): Sentence[] {
    if (!opensQuotationOnly(candidate.sentence.text)) return [];
    return quotationRun(
      this.options.retriever.sentencesAfter(candidate.article, candidate.sentence, 2),
      (next) => closesQuotationOnly(next.text),
      (next) => OPENS_QUOTATION.test(next.text),
    );
  }

  /**
   * The opening of a quotation the best sentence only closes ("…an emblem of the American spirit,'' said Barack
   * Obama." after "\"We can not… let our auto industry simply vanish."): news splits a long quote into paragraphs,
   * and the words asked for begin where the quote does. The sentences back to the one that opens it, within a
   * short answer's length; none when the quote opens further back or the sentence opens its own.
   */
  private quotationBefore(candidate: RankedSentence): Sentence[] {
    if (!closesQuotationOnly(candidate.sentence.text)) return [];
    return quotationRun(
      this.options.retriever.sentencesBefore(candidate.article, candidate.sentence, 2),
      (previous) => OPENS_QUOTATION.test(previous.text),
      () => false,
    ).reverse();
  }

  /** The ranking and answerability behind an answer, for evaluation scripts and debugging. */
  explain(
    rawQuestion: string,
    options: AnswerOptions = {},
  ): {
    features: AnswerabilityFeatures | undefined;
    unanswerable: number;
    ranked: ScoredCandidate[];
  } {
    return assess(this.analyse(rawQuestion, options), this.models);
  }

  /** Retrieves the candidate sentences for a question and computes their features; no model is involved. */
  analyse(rawQuestion: string, { article, history = [] }: AnswerOptions = {}): QuestionAnalysis {
    const started = performance.now();
    const typed = normalizeQuestion(rawQuestion);
    const question = spelledOut(typed);
    const query = followUpQuery(question, history);
    const kind = questionKind(question);
    const { expected, speaker } = expectedForm(question);
    const prepared = this.options.retriever.prepare(query);
    if (query !== question) {
      const own = new Set(contentTerms(question));
      prepared.terms = prepared.terms.map((term) =>
        own.has(term.stem) ? term : { ...term, borrowed: true },
      );
    }
    // "After LaSorda warned the plants might close, how much did sales fall?", "what did gold do during Wall
    // Street's best week?": the answer is about the sales or the gold, and need not repeat the scene, which the
    // story around it gives; its words weigh less.
    const parts = sceneAndAsked(question);
    const scene = new Set(contentTerms(parts.scene));
    const asked = new Set(contentTerms(parts.asked));
    prepared.terms = prepared.terms.map((term) =>
      scene.has(term.stem) && !asked.has(term.stem) ? { ...term, weight: term.weight * SCENE_SHARE } : term,
    );
    const questionTerms = prepared.terms;
    const matcher = termMatcherFor(this.options.embedder);
    const people = this.options.people?.() ?? [];
    const identity = identityQuestion(question, people);
    const roleAsked = identity ? undefined : roleQuestion(question, people);
    const factAsked = askedArticleFact(question);
    const scope = article === undefined ? {} : { article };
    const standIns = new Map([
      ...countryStandIns(questionTerms),
      ...nameStandIns(questionTerms, people),
      ...(kind === 'who' ? [] : roleStandIns(questionTerms, people, matcher)),
      // "Where is the author from?": the bylines of the articles the question reaches name the author.
      ...(factAsked
        ? []
        : authorStandIns(question, questionTerms, () =>
            this.options.retriever
              .rankPassages(prepared, { limit: 5, ...scope })
              .map(({ passage }) => passage.article),
          )),
    ]);
    const answerType = answerTypeOf(
      question,
      new Set(questionTerms.filter((term) => term.verb).map((term) => term.word)),
    );
    const ranking = {
      kind,
      expected,
      speaker,
      statement: speaker || asksForStatement(question),
      terms: questionTerms,
      words: foldedWords(question).filter((word) => !QUESTION_WORDS.has(word)),
      answerType,
      // "Who is Betssy Chávez?" asks what she is, not for another person.
      entityTypes: identity ? [] : expectedEntityTypes(question, kind, answerType),
    };
    const rankingQuestion: RankingQuestion = {
      ...ranking,
      relatedness: (left: string, right: string) => matcher.similarity(left, right),
    };
    const candidates =
      questionTerms.length === 0
        ? []
        : this.options.retriever
            .rankSentences(prepared, {
              limit: 20,
              ...scope,
              ...(standIns.size > 0 ? { standIns } : {}),
            })
            .slice(0, 25)
            .map((candidate) => ({ candidate, features: rankingFeatures(rankingQuestion, candidate) }));
    return {
      question,
      typed,
      kind,
      ranking,
      terms: questionTerms.length,
      articleFact: factAsked,
      identity,
      roleAsked,
      candidates: query === question ? candidates : beyondPreviousAnswer(candidates, history),
      started,
    };
  }
}

/** Who wrote the article, when or where it came out, its headline: the front matter answers, cited as such. */
function answerArticleFact(article: Article, fact: ArticleFact): Omit<Answer, 'question' | 'ms'> {
  const found = articleFact(article, fact);
  if (!found) {
    return {
      answer: `The article “${article.metadata.title}” does not give its ${FACT_NAMES[fact]}.`,
      abstained: true,
      short: null,
      citations: [],
      closest: [],
    };
  }
  return {
    answer: found.answer,
    abstained: false,
    short: found.short,
    citations: [found.citation],
    closest: [],
  };
}

/** How much a word of the question's scene (`sceneAndAsked`) weighs against one of what it asks. */
const SCENE_SHARE = 0.5;

const FACT_NAMES: Record<ArticleFact, string> = {
  author: 'author',
  published: 'publication date',
  source: 'publisher',
  title: 'headline',
};

/**
 * A follow-up ("and when was that?") is searched with the turn before it, so the sentence that answered that
 * turn matches it best; but it asks for something else about the same event. When another candidate names the
 * kind of entity now asked for, the previous answer's sentences step aside.
 */
function beyondPreviousAnswer(
  candidates: AnalysedCandidate[],
  history: readonly ConversationTurn[],
): AnalysedCandidate[] {
  const previous = history.at(-1)?.answer;
  if (!previous || previous.abstained) return candidates;
  const cited = (candidate: RankedSentence) =>
    previous.citations.some(
      (citation) =>
        citation.article === candidate.article.id &&
        citation.start <= candidate.sentence.start &&
        citation.end >= candidate.sentence.end,
    );
  const fresh = candidates.filter(({ candidate }) => !cited(candidate));
  return fresh.length < candidates.length && fresh.some(({ features }) => features.entityType === 1)
    ? fresh
    : candidates;
}

/** The candidates ranked by the model, and the probability that none of them answers. */
export function assess(
  analysis: QuestionAnalysis,
  models: AnswerModels,
): { ranked: ScoredCandidate[]; features: AnswerabilityFeatures | undefined; unanswerable: number } {
  const ranked = rankCandidates(analysis, models);
  const [best] = ranked;
  if (!best) return { ranked, features: undefined, unanswerable: 1 };
  const features = answerabilityFeatures(
    analysis.question,
    analysis.kind,
    analysis.ranking.expected,
    best.candidate,
    best.features,
    analysis.ranking.entityTypes.length > 0,
    ranked.map((entry) => entry.score),
    typedCoverageOf(ranked, analysis.ranking.entityTypes.length > 0),
  );
  return { ranked, features, unanswerable: unanswerableProbability(features, models.answerability) };
}

/** The analysed candidates in the order the answer takes them, under the ranking model. */
export function rankCandidates(analysis: QuestionAnalysis, models: AnswerModels): ScoredCandidate[] {
  return analysis.candidates
    .map((analysed) => ({
      ...analysed,
      shape: analysed.features.shape,
      score: rankingScore(analysed.features, models.ranking),
    }))
    .sort(answerOrder(analysis.ranking));
}

/**
 * The sentence before the answer that completes it, quoted with it:
 * - for "who", when the answer opens on a pronoun ("His or her role is to…", "She denied…"): the person asked
 *   for is named there (left out when it is long enough to bury the answer);
 * - when the question asks for a kind of entity the answer does not name and the sentence before, short, does
 *   ("It approved the merger." after "On March 3 the board met."): the two sentences answer together. A
 *   paragraph opening "On that day…" or "She…" continues the paragraph before, whose last sentence is the one
 *   before then;
 * - for "why", when the answer opens on a consequence ("The result was…", "As a result…"): the sentence before
 *   gives the cause, which is what was asked.
 * Undefined otherwise.
 */
function introducedBy(
  candidate: RankedSentence,
  features: Pick<RankingFeatures, 'entityType'>,
  kind: QuestionKind,
  entityTypes: readonly EntityType[],
): Sentence | undefined {
  const previous = candidate.context.at(-1);
  if (!previous) return undefined;
  const sameParagraph = previous.paragraph === candidate.sentence.paragraph;
  // "On March 3 the board met. It approved the merger.": the kind asked for stands in the sentence before. A
  // sentence opening its paragraph on "On that day" names nothing itself, so a longer one before may be quoted.
  if (
    features.entityType < 1 &&
    previous.text.length <= (sameParagraph ? SHORT_ENOUGH / 2 : SHORT_ENOUGH) &&
    entitiesOf({ sentence: previous }).some((entity) => entityTypes.includes(entity.type))
  ) {
    return previous;
  }
  if (!sameParagraph) return undefined;
  if (kind === 'why' && OPENS_ON_CONSEQUENCE.test(candidate.sentence.text)) {
    return previous.text.length <= SHORT_ENOUGH ? previous : undefined;
  }
  if (kind !== 'who' || !opensOnPronoun(candidate.sentence.text)) return undefined;
  return previous.text.length <= SHORT_ENOUGH / 2 ? previous : undefined;
}

const OPENS_QUOTATION = /^\s*(?:["“‘]|``|'')/u;

/**
 * Whether the next sentence goes on about what the question asks: it opens on a pronoun, or has a word of the
 * question the best sentence has, a name in any form ("Mexican" for "Mexico"). "Analyst Y called it 'bad'."
 * after a ministry's statement quotes someone else about something else.
 */
function goesOnAbout(candidate: RankedSentence, next: Sentence): boolean {
  if (opensOnPronoun(next.text)) return true;
  const { stems, tokens } = TermMatcher.prepareText(next.text);
  return candidate.matches.some(
    ({ term, strength }) =>
      strength > 0 &&
      (stems.has(term.stem) || (term.proper && tokens.some(({ word }) => sharesRoot(word, term.word)))),
  );
}

/**
 * The sentences walked away from the best one (nearest first) up to the one where its quotation `ends`, within a
 * short answer's length; none when the quotation does not end there, or a sentence `breaks` it first.
 */
function quotationRun(
  sentences: readonly Sentence[],
  ends: (sentence: Sentence) => boolean,
  breaks: (sentence: Sentence) => boolean,
): Sentence[] {
  const run: Sentence[] = [];
  let length = 0;
  for (const sentence of sentences) {
    length += sentence.text.length;
    if (length > SHORT_ENOUGH || breaks(sentence)) return [];
    run.push(sentence);
    if (ends(sentence)) return run;
  }
  return [];
}

const CLOSING_QUOTE = /[\p{L}\p{N}.,!?;:](?:”|''|")(?=[\s,.;:)]|$)/u;

/** A closing quote mark ("”", "''", or a straight one after a word) with no opening one before it. */
function closesQuotationOnly(text: string): boolean {
  const closing = CLOSING_QUOTE.exec(text);
  if (!closing) return false;
  return !/(?:^|[\s(:,])(?:["“]|``)/u.test(text.slice(0, closing.index + 1));
}

/** Opens on a quote mark and never closes it: the quotation goes on in the sentences after. */
function opensQuotationOnly(text: string): boolean {
  return OPENS_QUOTATION.test(text) && !CLOSING_QUOTE.test(text);
}

const OPENS_ON_CONSEQUENCE =
  /^\W*(?:the (?:result|consequence|outcome|effect) (?:was|is|has been|were)|as a (?:result|consequence)|consequently|therefore|thus|hence|(?:this|that|these|which) (?:led|leads|caused|causes|resulted|results|meant|means))\b/i;

function citeSentence(n: number, ranked: RankedSentence): Citation {
  const { sentence, article } = ranked;
  return cite(n, article, sentence.paragraph, sentence.start, sentence.end);
}

/**
 * The sentences an answer quotes, best first. Scores within `CLOSE_CALL` are a tie in practice: among the tied,
 * the sentence with the shape the question asks for (a reason for "why", a date for "when") goes first, and a
 * second tied sentence is quoted too, since showing both is more honest than picking one by a hair. The shape
 * breaks a tie; it does not overrule the ranking, so the best-scored sentence is always quoted.
 */
export function quotedSentences<Entry extends { score: number; shape: number }>(
  ranked: readonly Entry[],
): Entry[] {
  const [best] = ranked;
  if (!best) return [];
  const [first = best, second] = ranked
    .filter((entry) => best.score - entry.score <= CLOSE_CALL)
    .sort((left, right) => right.shape - left.shape || right.score - left.score);
  if (first !== best) return [first, best];
  return second && second.shape >= first.shape ? [first, second] : [first];
}

/** Whether the text has the phrase as words of its own ("one" is not in "someone"). */
function holdsPhrase(text: string, phrase: string): boolean {
  const at = text.indexOf(phrase);
  if (at < 0) return false;
  const before = text[at - 1] ?? ' ';
  const after = text[at + phrase.length] ?? ' ';
  return !/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after);
}
