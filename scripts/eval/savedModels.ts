import { readFileSync, writeFileSync } from 'node:fs';
import { ANSWERABILITY_FEATURES, type AnswerabilityFeature } from '../../src/answer/answerability.js';
import type { AnswerModels } from '../../src/answer/models.js';
import { RANKING_FEATURES, type RankingFeatures } from '../../src/answer/sentenceRanker.js';

/**
 * Every fold's fitted models and the shipped ones, as `npm run eval -- --save-models` writes them, so a later run
 * can answer with the same models (`--fixed-models`) and only the questions a change altered can move.
 */
export interface SavedModels {
  folds: AnswerModels[];
  shipped: AnswerModels;
}

export function saveModels(file: string, models: SavedModels): void {
  writeFileSync(file, JSON.stringify(models));
}

/**
 * The models saved in `file`, for a run of `folds` folds. A feature added since they were saved gets weight 0:
 * saved models know nothing of it, so a new feature is judged by a refit.
 */
export function readSavedModels(file: string, folds: number): SavedModels {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedModels;
  if (saved.folds.length !== folds) {
    throw new Error(`${file} holds ${saved.folds.length} folds' models, not ${folds}`);
  }
  return { folds: saved.folds.map(withEveryWeight), shipped: withEveryWeight(saved.shipped) };
}

function withEveryWeight(model: AnswerModels): AnswerModels {
  const ranking: Partial<RankingFeatures> = model.ranking;
  const weights: Partial<Record<AnswerabilityFeature, number>> = model.answerability.weights;
  return {
    ranking: Object.fromEntries(
      RANKING_FEATURES.map((name) => [name, ranking[name] ?? 0]),
    ) as RankingFeatures,
    answerability: {
      ...model.answerability,
      weights: Object.fromEntries(ANSWERABILITY_FEATURES.map((name) => [name, weights[name] ?? 0])) as Record<
        AnswerabilityFeature,
        number
      >,
    },
  };
}
