// Written by `npm run eval -- --write` (scripts/eval.ts): the answer models fitted on every development set.
// Do not edit by hand; refit instead. Out of fold when written (pooled seed, SQuAD and news dev sets):
// answered right 0.778, false abstain 0.097, abstained right 0.474.
import type { AnswerModels } from './models.js';

export const FITTED_MODELS: AnswerModels = {
  ranking: {
    coverage: 2.03,
    contextGain: 1.468,
    previousGain: 3.276,
    articleCoverage: 3.85,
    localCoverage: 2.821,
    exactCoverage: 1.903,
    phrases: 0.6,
    copiedRun: 2.112,
    similarity: 0.412,
    passage: 1.621,
    shape: 1.453,
    newShape: 0.958,
    expectedForm: 1.133,
    entityType: 1.702,
    answerType: 1.158,
    newWords: -1.405,
    quoted: 0.358,
    length: -0.634,
    pronounStart: 0.7,
    detailCoverage: 3.155,
  },
  answerability: {
    weights: {
      missingName: 1.571,
      missingNouns: 0.304,
      nameNotInArticle: 0.349,
      shapeMissing: 0.913,
      entityMissing: 0.304,
      typedCoverage: -0.967,
      expectedForm: -0.202,
      confidence: -0.229,
      missingAttribute: 1.031,
      contradicted: 1.722,
      missingNumber: 0.858,
      numberNotInArticle: 1.331,
      negationOnlyInQuestion: 2.655,
      looseMatches: 0.03,
      termCount: -1.719,
      focusMissing: 0.088,
      newShapeMissing: 0.943,
    },
    intercept: 1.153,
    abstainAbove: 0.473537,
  },
};
