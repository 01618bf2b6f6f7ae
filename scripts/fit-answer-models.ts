// Fits the answerer's two small models on development sets and prints their weights as TypeScript:
// - the sentence ranker (src/answer/sentenceRanker.ts): a softmax over each question's candidate sentences,
//   the positives being those that hold a gold answer;
// - answerability (src/answer/answerability.ts): a logistic regression on the best candidate's features,
//   the positives being the questions the articles do not answer.
// Both are also fitted again with each article group held out and scored on it, so the printed figures say
// how they do on articles they never saw. Usage (each set is QUESTIONS.jsonl=CORPUS_DIR):
//   npx tsx scripts/fit-answer-models.ts ../shared/eval/dev-questions.jsonl=corpus \
//     ../shared/eval/squad-dev/questions.jsonl=../shared/eval/squad-dev/corpus
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createArticleBot } from '../src/app.js';
import { answerabilityFeatures, ANSWERABILITY_FEATURES } from '../src/answer/answerability.js';
import { expectedForm } from '../src/answer/answerShape.js';
import { questionKind } from '../src/answer/question.js';
import {
  answerOrder,
  RANKING_FEATURES,
  rankingScore,
  RANKING_WEIGHTS,
  type RankingFeatures,
} from '../src/answer/sentenceRanker.js';
import { loadConfig } from '../src/config/config.js';
import { foldText } from '../src/corpus/tokens.js';
import { createLogger } from '../src/logger.js';
import type { RankedSentence } from '../src/retrieval/sentenceRerank.js';

interface DevQuestion {
  id: string;
  q: string;
  article?: string;
  abstain?: boolean;
  answers?: string[];
  match?: string[];
  support?: string[];
}

interface Candidate {
  sentence: RankedSentence;
  features: RankingFeatures;
  holdsAnswer: boolean;
}

interface Example {
  group: string;
  question: DevQuestion;
  candidates: Candidate[];
}

const fold = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();

function holdsAnswer(question: DevQuestion, text: string): boolean {
  const folded = fold(text);
  if (question.answers)
    return question.answers.some((answer) => answer.trim() !== '' && folded.includes(fold(answer)));
  return (
    (question.support ?? []).some((support) => folded.includes(fold(support))) &&
    (question.match ?? []).every((pattern) => new RegExp(pattern).test(folded))
  );
}

async function collect(questionsFile: string, corpusDirectory: string): Promise<Example[]> {
  const indexDirectory = mkdtempSync(path.join(tmpdir(), 'fit-answer-models-'));
  try {
    const config = loadConfig({ ...process.env, CORPUS_DIR: corpusDirectory, INDEX_DIR: indexDirectory });
    const bot = await createArticleBot({ config, logger: createLogger('warn') });
    const examples: Example[] = [];
    for (const line of readFileSync(questionsFile, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const question = JSON.parse(line) as DevQuestion;
      const { ranked } = bot.explain(question.q);
      examples.push({
        group: `${path.basename(questionsFile)}:${question.article ?? ''}`,
        question,
        candidates: ranked.map(({ candidate, features }) => ({
          sentence: candidate,
          features,
          holdsAnswer: !question.abstain && holdsAnswer(question, candidate.sentence.text),
        })),
      });
    }
    return examples;
  } finally {
    rmSync(indexDirectory, { recursive: true, force: true });
  }
}

const vectorOf = (features: RankingFeatures) => RANKING_FEATURES.map((name) => features[name]);

/** Softmax over each list, maximising the probability of its positives; plain gradient descent with L2. */
function fitRanker(
  lists: readonly { vectors: number[][]; positive: boolean[] }[],
  l2 = Number(process.env['FIT_L2'] ?? 0.003),
): number[] {
  const weights: number[] = RANKING_FEATURES.map(() => 0);
  for (let step = 0; step < 6000; step++) {
    const gradient = weights.map((weight) => l2 * weight);
    for (const { vectors, positive } of lists) {
      const scores = vectors.map((vector) =>
        vector.reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0),
      );
      const top = Math.max(...scores);
      const exps = scores.map((score) => Math.exp(score - top));
      const all = exps.reduce((sum, value) => sum + value, 0);
      const good = exps.reduce((sum, value, index) => sum + (positive[index] ? value : 0), 0);
      vectors.forEach((vector, index) => {
        const share = (exps[index] ?? 0) / all - (positive[index] ? (exps[index] ?? 0) / good : 0);
        vector.forEach(
          (value, feature) => (gradient[feature] = (gradient[feature] ?? 0) + (share * value) / lists.length),
        );
      });
    }
    weights.forEach((_, index) => (weights[index] = (weights[index] ?? 0) - 0.5 * (gradient[index] ?? 0)));
  }
  return weights;
}

/** Logistic regression, the last weight being the intercept. */
function fitLogistic(rows: readonly { values: number[]; label: boolean }[], l2 = 0.01): number[] {
  const width = (rows[0]?.values.length ?? 0) + 1;
  const weights = new Array<number>(width).fill(0);
  for (let step = 0; step < 5000; step++) {
    const gradient = weights.map((weight, index) => (index < width - 1 ? l2 * weight : 0));
    for (const { values, label } of rows) {
      const probability = logistic(weights, values);
      const error = probability - (label ? 1 : 0);
      [...values, 1].forEach(
        (value, index) => (gradient[index] = (gradient[index] ?? 0) + (error * value) / rows.length),
      );
    }
    weights.forEach((_, index) => (weights[index] = (weights[index] ?? 0) - 0.5 * (gradient[index] ?? 0)));
  }
  return weights;
}

function logistic(weights: readonly number[], values: readonly number[]): number {
  const logit = [...values, 1].reduce((sum, value, index) => sum + value * (weights[index] ?? 0), 0);
  return 1 / (1 + Math.exp(-logit));
}

const asWeights = (vector: readonly number[]): RankingFeatures =>
  Object.fromEntries(RANKING_FEATURES.map((name, index) => [name, vector[index] ?? 0])) as RankingFeatures;

function rankedBy(example: Example, weights: RankingFeatures) {
  const question = example.question.q;
  const order = answerOrder({ kind: questionKind(question), speaker: expectedForm(question).speaker });
  return example.candidates
    .map((candidate) => ({
      candidate,
      shape: candidate.features.shape,
      score: rankingScore(candidate.features, weights),
    }))
    .sort(order);
}

function answerabilityRow(example: Example, weights: RankingFeatures) {
  const ranked = rankedBy(example, weights);
  const [best] = ranked;
  if (!best) return undefined;
  const question = example.question.q;
  const features = answerabilityFeatures(
    question,
    questionKind(question),
    expectedForm(question).expected,
    best.candidate.sentence,
    best.shape,
    ranked.map((entry) => entry.score),
  );
  return {
    values: ANSWERABILITY_FEATURES.map((name) => features[name]),
    label: example.question.abstain === true,
    rightIfAnswered: best.candidate.holdsAnswer,
    decisive: features.missingAttribute === 1 || features.contradicted === 1 || features.missingNumber === 1,
  };
}

const sets = process.argv.slice(2).map((argument) => {
  const [questions = '', corpus = ''] = argument.split('=');
  return { questions, corpus };
});
if (sets.length === 0) throw new Error('usage: fit-answer-models.ts QUESTIONS.jsonl=CORPUS_DIR ...');
const examples = (await Promise.all(sets.map(({ questions, corpus }) => collect(questions, corpus)))).flat();
const groups = [...new Set(examples.map((example) => example.group))];

const rankingLists = (subset: readonly Example[]) =>
  subset
    .filter((example) => example.candidates.some((candidate) => candidate.holdsAnswer))
    .map((example) => ({
      vectors: example.candidates.map((candidate) => vectorOf(candidate.features)),
      positive: example.candidates.map((candidate) => candidate.holdsAnswer),
    }));
const topHolds = (subset: readonly Example[], weights: RankingFeatures) =>
  subset.filter(
    (example) => !example.question.abstain && rankedBy(example, weights)[0]?.candidate.holdsAnswer,
  ).length;

const answerable = examples.filter((example) => !example.question.abstain);
let heldOutTop = 0;
const heldOutRows: { probability: number; label: boolean; rightIfAnswered: boolean }[] = [];
for (const group of groups) {
  const training = examples.filter((example) => example.group !== group);
  const testing = examples.filter((example) => example.group === group);
  const weights = asWeights(fitRanker(rankingLists(training)));
  heldOutTop += topHolds(testing, weights);
  const trainingRows = training
    .flatMap((example) => answerabilityRow(example, weights) ?? [])
    .filter((row) => !row.decisive);
  const answerability = fitLogistic(trainingRows);
  for (const example of testing) {
    const row = answerabilityRow(example, weights);
    if (row)
      heldOutRows.push({
        probability: row.decisive ? 1 : logistic(answerability, row.values),
        label: row.label,
        rightIfAnswered: row.rightIfAnswered,
      });
  }
}

const rankerVector = fitRanker(rankingLists(examples));
const rankerWeights = asWeights(rankerVector);
const allRows = examples
  .flatMap((example) => answerabilityRow(example, rankerWeights) ?? [])
  .filter((row) => !row.decisive);
const answerabilityWeights = fitLogistic(allRows);

const round = (value: number) => Number(value.toFixed(3));
console.log(`answerable questions: ${answerable.length}; best sentence holds the answer:`);
console.log(`  with the weights in use: ${round(topHolds(examples, RANKING_WEIGHTS) / answerable.length)}`);
console.log(
  `  fitted on all: ${round(topHolds(examples, rankerWeights) / answerable.length)}, held-out articles: ${round(heldOutTop / answerable.length)}`,
);
console.log('held-out answerability (threshold: answered right, false abstain, abstained right):');
const unanswerable = heldOutRows.filter((row) => row.label).length;
for (const threshold of [0.4, 0.45, 0.5, 0.52, 0.54, 0.56, 0.58, 0.6, 0.65]) {
  const answered = heldOutRows.filter((row) => !row.label && row.probability <= threshold);
  console.log(
    `  ${threshold}: ${round(answered.filter((row) => row.rightIfAnswered).length / answerable.length)}, ` +
      `${round(1 - answered.length / answerable.length)}, ` +
      `${round(heldOutRows.filter((row) => row.label && row.probability > threshold).length / unanswerable)}`,
  );
}
console.log('\nexport const RANKING_WEIGHTS: RankingFeatures = {');
for (const name of RANKING_FEATURES) console.log(`  ${name}: ${round(rankerWeights[name])},`);
console.log('};');
console.log(`\nconst WEIGHTS = [${answerabilityWeights.slice(0, -1).map(round).join(', ')}] as const;`);
console.log(`const INTERCEPT = ${round(answerabilityWeights.at(-1) ?? 0)};`);
