import type { AnswerabilityFeature } from './answerability.js';
import type { RankingFeatures } from './sentenceRanker.js';

/** P(the articles do not answer) as a logistic model over `ANSWERABILITY_FEATURES`. */
export interface AnswerabilityModel {
  weights: Record<AnswerabilityFeature, number>;
  intercept: number;
  /**
   * Above this probability the bot says the articles do not answer instead of answering. Chosen with the
   * weights, on the questions they were fitted on.
   */
  abstainAbove: number;
}

/**
 * The answerer's two fitted models, passed in rather than imported where they are used, so the evaluation can
 * answer with models fitted on other articles than the ones it scores (`scripts/eval.ts`).
 */
export interface AnswerModels {
  /** Weights of the linear sentence ranker over `RANKING_FEATURES`: score differences are log-odds. */
  ranking: RankingFeatures;
  answerability: AnswerabilityModel;
}
