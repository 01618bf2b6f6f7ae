import { foldedWords } from '../corpus/tokens.js';
import { opensOnPronoun } from '../corpus/sentences.js';
import type { Sentence } from '../corpus/types.js';
import type { TextEmbedder } from '../embeddings/types.js';
import type { HybridRetriever } from '../retrieval/hybridRetriever.js';
import { termMatcherFor, type RankedSentence } from '../retrieval/sentenceRerank.js';
import { QUESTION_WORDS } from '../retrieval/termMatcher.js';
import { nameStandIns, roleStandIns } from './roleReferents.js';
import { expectedForm } from './answerShape.js';
import {
  answerOrder,
  answerTypeOf,
  CLOSE_CALL,
  rankingFeatures,
  rankingScore,
  type RankingFeatures,
} from './sentenceRanker.js';
import { cite } from './citations.js';
import {
  answerabilityFeatures,
  unanswerableProbability,
  type AnswerabilityFeatures,
} from './answerability.js';
import { chooseClause, SHORT_ENOUGH } from './clause.js';
import { followUpQuery } from './followUp.js';
import { normalizeQuestion, questionKind, type QuestionKind } from './question.js';
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

  constructor(private readonly options: ExtractiveAnswererOptions) {
    this.closestCount = options.closestCount ?? 2;
  }

  answer(rawQuestion: string, options: AnswerOptions = {}): Answer {
    const started = performance.now();
    const decision = this.decide(rawQuestion, options);
    const { question, ranked } = decision;
    const finish = (fields: Omit<Answer, 'question' | 'ms'>): Answer => ({
      question,
      ...fields,
      ms: performance.now() - started,
    });
    const best = ranked[0];
    if (!best || decision.unanswerable > ABSTAIN_ABOVE) {
      const closest = ranked
        .slice(0, this.closestCount)
        .map(({ candidate }, position) => citeSentence(position + 1, candidate));
      const hint = decision.terms === 0 ? ' Ask about someone or something in them.' : '';
      return finish({ answer: `${NOT_ANSWERED}${hint}`, abstained: true, citations: [], closest });
    }
    // Scores this close are a tie in practice. Among the tied, the sentence with the shape the question asks
    // for (a reason for "why", a date for "when") is the answer; a second tied sentence is quoted too, since
    // showing both is more honest than picking one by a hair.
    const tied = ranked
      .filter((entry) => best.score - entry.score <= CLOSE_CALL)
      .sort((left, right) => right.shape - left.shape || right.score - left.score);
    const [first = best, second] = tied;
    const chosen = second && second.shape >= first.shape ? [first, second] : [first];
    const introduced = chosen.length === 1 ? introducedBy(first.candidate, decision.kind) : undefined;
    if (introduced) {
      const { candidate } = first;
      const clause = chooseClause(candidate, decision.kind, {
        shortEnough: SHORT_ENOUGH - introduced.text.length,
      });
      return finish({
        answer: `${introduced.text} ${clause} [1]`,
        abstained: false,
        citations: [
          cite(1, candidate.article, candidate.sentence.paragraph, introduced.start, candidate.sentence.end),
        ],
        closest: [],
      });
    }
    const citations = chosen.map(({ candidate }, position) => citeSentence(position + 1, candidate));
    const answer = chosen
      .map(
        ({ candidate }, position) =>
          `${chooseClause(candidate, decision.kind, {
            shortEnough: chosen.length > 1 ? SHORT_ENOUGH / 2 : SHORT_ENOUGH,
            asksForThing: decision.answerType !== undefined,
            asksForStatement: decision.speaker,
          })} [${position + 1}]`,
      )
      .join(' … ');
    return finish({ answer, abstained: false, citations, closest: [] });
  }

  /** The ranking and answerability behind an answer, for evaluation scripts and debugging. */
  explain(
    rawQuestion: string,
    options: AnswerOptions = {},
  ): {
    features: AnswerabilityFeatures | undefined;
    unanswerable: number;
    ranked: { candidate: RankedSentence; shape: number; features: RankingFeatures; score: number }[];
  } {
    const decision = this.decide(rawQuestion, options);
    return { features: decision.features, unanswerable: decision.unanswerable, ranked: decision.ranked };
  }

  private decide(rawQuestion: string, { article, history = [] }: AnswerOptions) {
    const question = normalizeQuestion(rawQuestion);
    const query = followUpQuery(question, history);
    const kind = questionKind(question);
    const { expected, speaker } = expectedForm(question);
    const prepared = this.options.retriever.prepare(query);
    const questionTerms = prepared.terms;
    const terms = questionTerms.length;
    const matcher = termMatcherFor(this.options.embedder);
    const people = this.options.people?.() ?? [];
    const standIns = new Map([
      ...nameStandIns(questionTerms, people),
      ...(kind === 'who' ? [] : roleStandIns(questionTerms, people, matcher)),
    ]);
    const rankingQuestion = {
      kind,
      expected,
      speaker,
      terms: questionTerms,
      words: foldedWords(question).filter((word) => !QUESTION_WORDS.has(word)),
      answerType: answerTypeOf(question),
      relatedness: (left: string, right: string) => matcher.similarity(left, right),
    };
    const ranked =
      terms === 0
        ? []
        : this.options.retriever
            .rankSentences(prepared, {
              limit: 12,
              ...(article === undefined ? {} : { article }),
              ...(standIns.size > 0 ? { standIns } : {}),
            })
            .slice(0, 15)
            .map((candidate) => {
              const features = rankingFeatures(rankingQuestion, candidate);
              return { candidate, shape: features.shape, features, score: rankingScore(features) };
            })
            .sort(answerOrder(rankingQuestion));
    const [best] = ranked;
    const features = best
      ? answerabilityFeatures(
          question,
          kind,
          expected,
          best.candidate,
          best.shape,
          ranked.map((entry) => entry.score),
        )
      : undefined;
    return {
      question,
      kind,
      answerType: rankingQuestion.answerType,
      speaker,
      terms,
      ranked,
      features,
      unanswerable: features ? unanswerableProbability(features) : 1,
    };
  }
}

/**
 * Above this probability that the articles do not answer, the bot says so instead of answering: a little past
 * even odds, since a wrong refusal hides a real answer while a wrong answer still shows its quoted source. On
 * articles held out of the fit (`scripts/fit-answer-models.ts`) it refuses about one answerable SQuAD question
 * in nine and catches about a third of the unanswerable ones.
 */
const ABSTAIN_ABOVE = 0.55;

/**
 * The sentence before the answer that completes it, quoted with it:
 * - for "who", when the answer opens on a pronoun ("His or her role is to…", "She denied…"): the person asked
 *   for is named there (left out when it is long enough to bury the answer);
 * - for "why", when the answer opens on a consequence ("The result was…", "As a result…"): the sentence before
 *   gives the cause, which is what was asked.
 * Undefined otherwise.
 */
function introducedBy(candidate: RankedSentence, kind: QuestionKind): Sentence | undefined {
  const previous = candidate.context.at(-1);
  // One citation quotes one paragraph.
  if (!previous || previous.paragraph !== candidate.sentence.paragraph) return undefined;
  if (kind === 'why' && OPENS_ON_CONSEQUENCE.test(candidate.sentence.text)) {
    return previous.text.length <= SHORT_ENOUGH ? previous : undefined;
  }
  if (kind !== 'who' || !opensOnPronoun(candidate.sentence.text)) return undefined;
  return previous.text.length <= SHORT_ENOUGH / 2 ? previous : undefined;
}

const OPENS_ON_CONSEQUENCE =
  /^\W*(?:the (?:result|consequence|outcome|effect) (?:was|is|has been|were)|as a (?:result|consequence)|consequently|therefore|thus|hence|(?:this|that|these|which) (?:led|leads|caused|causes|resulted|results|meant|means))\b/i;

function citeSentence(n: number, ranked: RankedSentence): Citation {
  const { sentence, article } = ranked;
  return cite(n, article, sentence.paragraph, sentence.start, sentence.end);
}
