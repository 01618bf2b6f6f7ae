// Written by `npm run eval -- --write` (scripts/eval.ts): the answer models fitted on every development set.
// Do not edit by hand; refit instead. Out of fold when written (pooled seed, SQuAD and news dev sets):
// answered right 0.766, false abstain 0.097, abstained right 0.463.
import type { AnswerModels } from './models.js';

export const FITTED_MODELS: AnswerModels = {
  ranking: {
    coverage: 2.015,
    contextGain: 1.451,
    previousGain: 3.288,
    articleCoverage: 3.86,
    localCoverage: 2.828,
    exactCoverage: 1.897,
    phrases: 0.602,
    copiedRun: 2.109,
    similarity: 0.415,
    passage: 1.627,
    shape: 1.462,
    newShape: 0.962,
    expectedForm: 1.119,
    entityType: 1.706,
    answerType: 1.166,
    newWords: -1.417,
    quoted: 0.365,
    length: -0.629,
    pronounStart: 0.692,
    detailCoverage: 3.152,
  },
  answerability: {
    weights: {
      missingName: 1.464,
      missingNouns: 0.256,
      nameNotInArticle: 0.203,
      shapeMissing: 0.906,
      entityMissing: 0.289,
      typedCoverage: -0.995,
      expectedForm: -0.186,
      confidence: -0.361,
      missingAttribute: 1.033,
      contradicted: 1.733,
      missingNumber: 0.846,
      numberNotInArticle: 1.325,
      negationOnlyInQuestion: 2.651,
      looseMatches: -0.078,
      termCount: -1.728,
      focusMissing: 0.114,
      newShapeMissing: 0.94,
    },
    intercept: 1.303,
    abstainAbove: 0.500592,
  },
};
