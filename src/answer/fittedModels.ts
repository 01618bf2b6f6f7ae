// Written by `npm run eval -- --write` (scripts/eval.ts): the answer models fitted on every development set.
// Do not edit by hand; refit instead.
import type { AnswerModels } from './models.js';

export const FITTED_MODELS: AnswerModels = {
  ranking: {
    coverage: 4.379,
    contextGain: 4.042,
    articleCoverage: 0,
    exactCoverage: 3.939,
    phrases: 1.362,
    copiedRun: 2.315,
    similarity: 1.105,
    passage: 1.872,
    shape: 1.249,
    newShape: 0.55,
    expectedForm: 1.737,
    answerType: 0.937,
    newWords: -0.286,
    length: 0.439,
    pronounStart: 0.401,
  },
  answerability: {
    weights: {
      coverage: -1.178,
      contextCoverage: -0.393,
      similarity: -0.273,
      missingName: 0.583,
      missingNouns: -0.159,
      missingFromArticle: 0,
      nameNotInArticle: 0,
      shapeMissing: 0.501,
      expectedForm: -0.586,
      confidence: -0.181,
      margin: -0.343,
      negationOnlyInQuestion: 1.152,
      looseMatches: -0.668,
      termCount: -0.385,
    },
    intercept: 1.857,
    abstainAbove: 0.55,
  },
};
