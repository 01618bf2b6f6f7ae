import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FITTED_MODELS } from '../../../src/answer/fittedModels.js';
import type { AnswerModels } from '../../../src/answer/models.js';
import { readSavedModels, saveModels } from '../../../scripts/eval/savedModels.js';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function modelsFile(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'saved-models-'));
  directories.push(directory);
  return path.join(directory, 'models.json');
}

describe('saved models', () => {
  it('GIVEN models saved THEN they read back as they were', () => {
    const file = modelsFile();
    saveModels(file, { folds: [FITTED_MODELS, FITTED_MODELS], shipped: FITTED_MODELS });
    expect(readSavedModels(file, 2)).toEqual({
      folds: [FITTED_MODELS, FITTED_MODELS],
      shipped: FITTED_MODELS,
    });
  });

  it('GIVEN models saved before a feature was added THEN the new feature weighs nothing', () => {
    const file = modelsFile();
    const { focusMissing, ...olderWeights } = FITTED_MODELS.answerability.weights;
    expect(focusMissing).not.toBe(0);
    const older = {
      ...FITTED_MODELS,
      answerability: { ...FITTED_MODELS.answerability, weights: olderWeights },
    } as unknown as AnswerModels;
    saveModels(file, { folds: [older], shipped: older });
    const read = readSavedModels(file, 1);
    expect(read.folds[0]?.answerability.weights.focusMissing).toBe(0);
    expect(read.shipped.answerability.weights.missingName).toBe(
      FITTED_MODELS.answerability.weights.missingName,
    );
  });

  it('GIVEN models of another number of folds THEN says so rather than answering with the wrong ones', () => {
    const file = modelsFile();
    saveModels(file, { folds: [FITTED_MODELS], shipped: FITTED_MODELS });
    expect(() => readSavedModels(file, 5)).toThrow("holds 1 folds' models, not 5");
  });
});
