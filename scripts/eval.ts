// `npm run eval`: scores the answerer on every development set with models that never saw the articles they
// are scored on. Articles are dealt into folds; for each fold the ranker and answerability models are fitted on
// the other folds' articles (all sets pooled, each set weighted) and answer that fold's questions. The
// out-of-fold figures are the honest forecast for articles the bot has never seen; the in-sample ones (models
// fitted on everything, as shipped) are printed beside them, marked as such.
//
//   npm run eval                       out-of-fold and in-sample figures, per set and per question kind
//   npm run eval -- --write            also writes the models fitted on every set to src/answer/fittedModels.ts
//   npm run eval -- --details FILE     one JSON line per question: out-of-fold answer, verdict, best candidates
//   npm run eval -- --sets seed,news   fit and score on some sets only
//   npm run eval -- --sample 1500      at most 1,500 questions of each set (quicker trials)
//   npm run eval -- --save-models F    also saves every fold's models (and the shipped ones) to F
//   npm run eval -- --fixed-models F   answers with the models saved in F instead of refitting them
// A refit moves each fold's abstention threshold, and with it a few borderline questions that a change never
// touched: with the models held fixed, only the questions whose features the change altered can move, so a
// change to matching or ranking is read question by question against the run that saved the models. A new
// feature has no weight in saved models: it is judged by the refit alone.
// It also scores dates and people on the MEANTIME articles by article folds (--no-meantime to skip).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createArticleBot } from '../src/app.js';
import type { ArticleBotService } from '../src/articleBotService.js';
import {
  ANSWERABILITY_FEATURES,
  ANSWERABILITY_SIGNS,
  unanswerableProbability,
  type AnswerabilityFeature,
} from '../src/answer/answerability.js';
import { assess, type QuestionAnalysis } from '../src/answer/extractiveAnswerer.js';
import type { AnswerModels } from '../src/answer/models.js';
import { RANKING_FEATURES, type RankingFeatures } from '../src/answer/sentenceRanker.js';
import type { Answer } from '../src/answer/types.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { fitLogistic, fitRanker } from './eval/fit.js';
import { readSavedModels, saveModels } from './eval/savedModels.js';
import { holdsAnswer, judge, type DevQuestion } from './eval/judge.js';
import { readMeantime, scoreMeantime } from './eval/meantime.js';

interface EvalSet {
  name: string;
  questions: string;
  corpus: string;
  /** The set's total weight in the ranker's fit, shared by its questions. */
  weight: number;
  /**
   * Its total weight in the answerability fit. SQuAD 2.0's unanswerable questions were written to share most
   * of a paragraph's words; news questions the articles do not answer look otherwise (a name or a detail no
   * article has), and how often questions go unanswered differs too.
   */
  answerabilityWeight: number;
  /** Scored and pooled in the headline figure; a set only fitted on is reported on its own line. */
  pooled: boolean;
}

const shared = process.env['EVAL_DIR'] ?? path.join('..', 'shared', 'eval');
/**
 * Every set weighs about as much as the others in the fit: the 7,339 encyclopedia questions of squad-train
 * would otherwise decide everything, and the news and seed questions are the bot's real use.
 */
const SETS: readonly EvalSet[] = [
  {
    name: 'seed',
    questions: path.join(shared, 'dev-questions.jsonl'),
    corpus: 'corpus',
    weight: 0.5,
    answerabilityWeight: Number(process.env['EVAL_AW_SEED'] ?? 0.5),
    pooled: true,
  },
  {
    name: 'squad',
    questions: path.join(shared, 'squad-dev', 'questions.jsonl'),
    corpus: path.join(shared, 'squad-dev', 'corpus'),
    weight: 1,
    answerabilityWeight: Number(process.env['EVAL_AW_SQUAD'] ?? 1),
    pooled: true,
  },
  {
    name: 'news',
    questions: path.join(shared, 'news-dev', 'questions.jsonl'),
    corpus: path.join(shared, 'news-dev', 'corpus'),
    weight: 1.5,
    answerabilityWeight: Number(process.env['EVAL_AW_NEWS'] ?? 1.5),
    pooled: true,
  },
  {
    name: 'squad-train',
    questions: path.join(shared, 'squad-train', 'questions.jsonl'),
    corpus: path.join(shared, 'squad-train', 'corpus'),
    weight: 1.5,
    answerabilityWeight: Number(process.env['EVAL_AW_SQUAD'] ?? 1) * 1.5,
    pooled: false,
  },
];

/**
 * The share of answerable questions the bot may refuse, on the questions the models are fitted on. A wrong
 * answer still quotes its passage, which a reader can judge; a refusal leaves them nothing, and members stop
 * asking a bot that refuses. Every further refusal must come from questions the articles do not answer.
 */
const REFUSAL_BUDGET = Number(process.env['EVAL_REFUSAL_BUDGET'] ?? 0.1);

/**
 * How much an answerable question whose answer would be wrong anyway counts in the answerability fit. Refusing
 * it loses no right answer, so what the model must learn is what sets the questions the articles do not answer
 * apart from those the bot answers right. The wrong ones are weighed down, not left out: they still count as
 * refusals against the budget, and a member can judge a wrong answer's quoted passage.
 */
const WRONG_ANSWER_WEIGHT = Number(process.env['EVAL_WRONG_ANSWER_WEIGHT'] ?? 0.5);

interface Example {
  set: EvalSet;
  /** The article the question is about: folds never split one. */
  group: string;
  fold: number;
  question: DevQuestion;
  weight: number;
  answerabilityWeight: number;
  bot: ArticleBotService;
  analysis: QuestionAnalysis;
  /** Per candidate, whether it holds the answer. */
  holds: boolean[];
}

interface Verdict {
  example: Example;
  answer: Answer;
  right: boolean;
}

const program = new Command()
  .name('eval')
  .option('--sets <names>', 'comma-separated sets to use', SETS.map((set) => set.name).join(','))
  .option('--folds <count>', 'number of article folds', '5')
  .option('--write', 'write the models fitted on every set to src/answer/fittedModels.ts')
  .option('--details <file>', 'write one JSON line per question with its out-of-fold answer')
  .option('--no-meantime', 'skip the dates and people of the MEANTIME articles')
  .option('--sample <count>', 'at most this many questions of each set, evenly spread (quicker trials)')
  .option('--save-models <file>', "save every fold's fitted models and the shipped ones")
  .option('--fixed-models <file>', 'answer with models saved by --save-models instead of fitting them')
  .parse();
const options = program.opts<{
  sets: string;
  folds: string;
  write?: boolean;
  details?: string;
  sample?: string;
  saveModels?: string;
  fixedModels?: string;
  meantime: boolean;
}>();
const chosen = new Set(options.sets.split(','));
const folds = Number(options.folds);
const sets = SETS.filter((set) => chosen.has(set.name));
// Read before the sets are analysed, which takes minutes: a wrong file is known at once.
const saved = options.fixedModels ? savedOrExit(options.fixedModels) : undefined;

const examples: Example[] = [];
const cleanups: string[] = [];
for (const set of sets) {
  const started = performance.now();
  const indexDirectory = mkdtempSync(path.join(tmpdir(), `eval-${set.name}-`));
  cleanups.push(indexDirectory);
  const config = loadConfig({ ...process.env, CORPUS_DIR: set.corpus, INDEX_DIR: indexDirectory });
  const bot = await createArticleBot({ config, logger: createLogger('warn') });
  const questions = readFileSync(set.questions, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DevQuestion)
    .filter(
      (_, position, all) =>
        !options.sample || position % Math.ceil(all.length / Number(options.sample)) === 0,
    );
  const groups = [...new Set(questions.map((question) => question.article ?? set.name))].sort(
    (left, right) => hash(left) - hash(right) || left.localeCompare(right),
  );
  const foldOf = new Map(groups.map((group, position) => [group, position % folds]));
  for (const question of questions) {
    const analysis = bot.analyse(question.q);
    const group = question.article ?? set.name;
    examples.push({
      set,
      group,
      fold: foldOf.get(group) ?? 0,
      question,
      weight: set.weight / questions.length,
      answerabilityWeight: set.answerabilityWeight / questions.length,
      bot,
      analysis,
      holds: analysis.candidates.map(({ candidate }) => holdsAnswer(question, candidate.sentence.text)),
    });
  }
  process.stderr.write(
    `${set.name}: ${questions.length} questions on ${groups.length} articles analysed in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
}

if (saved) process.stderr.write(`models fixed as saved in ${options.fixedModels}: nothing is refitted\n`);
const outOfFold: Verdict[] = [];
const foldModels: AnswerModels[] = [];
for (let fold = 0; fold < folds; fold++) {
  const models = saved?.folds[fold] ?? fitModels(examples.filter((example) => example.fold !== fold));
  foldModels.push(models);
  process.stderr.write(
    `fold ${fold}: abstain above ${models.answerability.abstainAbove}, intercept ${models.answerability.intercept.toFixed(2)}\n`,
  );
  for (const example of examples.filter((candidate) => candidate.fold === fold)) {
    outOfFold.push(verdict(example, models));
  }
}
const shipped = saved?.shipped ?? fitModels(examples);
if (options.saveModels) saveModels(options.saveModels, { folds: foldModels, shipped });
process.stderr.write(
  `shipped: abstain above ${shipped.answerability.abstainAbove}, intercept ${shipped.answerability.intercept.toFixed(2)}\n`,
);
const inSample = examples.map((example) => verdict(example, shipped));

report(outOfFold, inSample);
if (options.meantime) reportMeantime(path.join(shared, 'meantime-dev', 'articles.jsonl'));
if (options.details) {
  writeFileSync(options.details, outOfFold.map((item) => JSON.stringify(details(item))).join('\n') + '\n');
}
if (options.write) {
  writeFileSync(path.join('src', 'answer', 'fittedModels.ts'), modelsSource(shipped, outOfFold));
  process.stderr.write('wrote src/answer/fittedModels.ts\n');
}
for (const directory of cleanups) rmSync(directory, { recursive: true, force: true });

/** The models of `--fixed-models`, or a one-line error: a missing or mismatched file is a typo, not a bug. */
function savedOrExit(file: string): ReturnType<typeof readSavedModels> {
  try {
    return readSavedModels(file, folds);
  } catch (error) {
    return program.error(`--fixed-models: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function verdict(example: Example, models: AnswerModels): Verdict {
  const answer = example.bot.compose(example.analysis, models);
  return { example, answer, right: judge(example.question, answer) };
}

function rankingVector(features: RankingFeatures): number[] {
  return RANKING_FEATURES.map((name) => features[name]);
}

/** Fits the ranker, then answerability on the ranker's best candidates, then the abstention threshold. */
function fitModels(training: readonly Example[]): AnswerModels {
  const lists = training
    .filter((example) => example.holds.some(Boolean))
    .map((example) => ({
      rows: example.analysis.candidates.map(({ features }) => rankingVector(features)),
      positive: example.holds,
      weight: example.weight,
    }));
  const rankingWeights = fitRanker(lists);
  const ranking = Object.fromEntries(
    RANKING_FEATURES.map((name, index) => [name, rankingWeights[index] ?? 0]),
  ) as RankingFeatures;
  const neutral: AnswerModels = {
    ranking,
    answerability: {
      weights: Object.fromEntries(ANSWERABILITY_FEATURES.map((name) => [name, 0])) as Record<
        AnswerabilityFeature,
        number
      >,
      intercept: 0,
      abstainAbove: 1,
    },
  };
  const assessed = training.map((example) => ({ example, ...assess(example.analysis, neutral) }));
  const rows = assessed.flatMap(({ example, features }) =>
    features
      ? [
          {
            values: ANSWERABILITY_FEATURES.map((name) => features[name]),
            label: example.question.abstain === true,
            weight:
              example.answerabilityWeight *
              (example.question.abstain === true ||
              judge(example.question, example.bot.compose(example.analysis, neutral))
                ? 1
                : WRONG_ANSWER_WEIGHT),
          },
        ]
      : [],
  );
  const fitted = fitLogistic(rows, {
    signs: ANSWERABILITY_FEATURES.map((name) => ANSWERABILITY_SIGNS[name]),
  });
  const answerability = {
    weights: Object.fromEntries(
      ANSWERABILITY_FEATURES.map((name, index) => [name, fitted[index] ?? 0]),
    ) as Record<AnswerabilityFeature, number>,
    intercept: fitted.at(-1) ?? 0,
    abstainAbove: 1,
  };
  // The threshold refuses at most REFUSAL_BUDGET of the answerable training questions (by weight): a policy a
  // member can rely on, and steadier from fold to fold than the threshold that maximises a flat score.
  const answerable = assessed
    .filter(({ example }) => example.question.abstain !== true)
    .map(({ example, features }) => ({
      probability: features ? unanswerableProbability(features, answerability) : 1,
      weight: example.answerabilityWeight,
    }))
    .sort((left, right) => right.probability - left.probability);
  const budget = REFUSAL_BUDGET * answerable.reduce((total, item) => total + item.weight, 0);
  let refused = 0;
  let threshold = 1;
  for (const { probability, weight } of answerable) {
    if (refused + weight > budget) break;
    refused += weight;
    threshold = probability;
  }
  // Refusing means a probability above the threshold: the last one refused sets it just below itself.
  const best = { threshold: Number(Math.max(0, threshold - 1e-6).toFixed(6)) };
  return { ranking, answerability: { ...answerability, abstainAbove: best.threshold } };
}

interface Figures {
  answerable: number;
  unanswerable: number;
  answeredRight: number;
  falseAbstain: number;
  abstainedRight: number;
  medianCharacters: number;
  /** Share of answerable questions whose first-ranked candidate holds the answer. */
  firstHolds: number;
  /** Share of answerable questions with a candidate holding the answer: what ranking can reach. */
  anyHolds: number;
}

function figures(verdicts: readonly Verdict[], models?: (example: Example) => AnswerModels): Figures {
  const answerable = verdicts.filter(({ example }) => !example.question.abstain);
  const unanswerable = verdicts.filter(({ example }) => example.question.abstain);
  const lengths = answerable
    .filter(({ answer }) => !answer.abstained)
    .map(({ answer }) => answer.answer.length)
    .sort((left, right) => left - right);
  const share = (count: number, total: number) => (total === 0 ? Number.NaN : count / total);
  return {
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    answeredRight: share(answerable.filter(({ right }) => right).length, answerable.length),
    falseAbstain: share(answerable.filter(({ answer }) => answer.abstained).length, answerable.length),
    abstainedRight: share(unanswerable.filter(({ right }) => right).length, unanswerable.length),
    medianCharacters: lengths[Math.floor((lengths.length - 1) / 2)] ?? 0,
    anyHolds: share(
      answerable.filter(({ example }) => example.holds.some(Boolean)).length,
      answerable.length,
    ),
    firstHolds: models
      ? share(
          answerable.filter(({ example }) => {
            const [first] = assess(example.analysis, models(example)).ranked;
            return (
              first !== undefined &&
              example.holds[
                example.analysis.candidates.findIndex(({ candidate }) => candidate === first.candidate)
              ] === true
            );
          }).length,
          answerable.length,
        )
      : Number.NaN,
  };
}

function report(heldOut: readonly Verdict[], fitted: readonly Verdict[]): void {
  const heldOutModels = (example: Example) => foldModels[example.fold] ?? shipped;
  const shippedModels = () => shipped;
  const format = (value: number) => (Number.isNaN(value) ? '   - ' : value.toFixed(3));
  const header =
    'set            questions   answered right   false abstain   abstained right   median chars   first holds   any holds';
  const line = (name: string, held: Figures, all: Figures) =>
    [
      name.padEnd(14),
      `${held.answerable}+${held.unanswerable}`.padEnd(11),
      `${format(held.answeredRight)} (${format(all.answeredRight)})`.padEnd(17),
      `${format(held.falseAbstain)} (${format(all.falseAbstain)})`.padEnd(16),
      `${format(held.abstainedRight)} (${format(all.abstainedRight)})`.padEnd(18),
      `${held.medianCharacters} (${all.medianCharacters})`.padEnd(14),
      `${format(held.firstHolds)} (${format(all.firstHolds)})`.padEnd(14),
      format(held.anyHolds),
    ].join(' ');
  const of = (verdicts: readonly Verdict[], keep: (example: Example) => boolean) =>
    verdicts.filter(({ example }) => keep(example));
  console.log('Out of fold (in sample in brackets: models fitted on every set, as shipped)\n');
  console.log(header);
  const pooled = (example: Example) => example.set.pooled;
  console.log(
    line(
      'pooled dev',
      figures(of(heldOut, pooled), heldOutModels),
      figures(of(fitted, pooled), shippedModels),
    ),
  );
  for (const set of sets) {
    const inSet = (example: Example) => example.set === set;
    console.log(
      line(set.name, figures(of(heldOut, inSet), heldOutModels), figures(of(fitted, inSet), shippedModels)),
    );
  }
  const accuracy = (verdicts: readonly Verdict[]) =>
    (verdicts.filter(({ right }) => right).length / Math.max(1, verdicts.length)).toFixed(3);
  console.log(
    `\nRight overall (answered right or abstained right), pooled dev: ${accuracy(of(heldOut, pooled))} out of fold, ` +
      `${accuracy(of(fitted, pooled))} in sample`,
  );
  console.log('\nBy question kind (out of fold, right / asked)');
  const kinds = new Map<string, { right: number; asked: number }>();
  for (const { example, right } of heldOut) {
    if (!example.question.kind) continue;
    const key = `${example.set.name}:${example.question.kind}`;
    const tally = kinds.get(key) ?? { right: 0, asked: 0 };
    kinds.set(key, { right: tally.right + Number(right), asked: tally.asked + 1 });
  }
  for (const [key, { right, asked }] of [...kinds].sort())
    console.log(`  ${key.padEnd(24)} ${right}/${asked}`);
}

/**
 * Dates and people on MEANTIME, by the same kind of article folds. Nothing there is fitted, so each fold is
 * already out of sample for the code; what folds show is how far the figure moves from one set of articles to
 * another, which is what to expect on articles the rules were never read against.
 */
function reportMeantime(file: string): void {
  if (!existsSync(file)) return;
  const records = readMeantime(file).sort((left, right) => hash(left.doc_id) - hash(right.doc_id));
  const share = (part: number, whole: number) => (whole === 0 ? '   - ' : (part / whole).toFixed(3));
  console.log('\nMEANTIME dates and people, by article fold (rules, nothing fitted)');
  let dates = { correct: 0, total: 0 };
  let people = { found: 0, total: 0 };
  for (let fold = 0; fold < folds; fold++) {
    const score = scoreMeantime(records.filter((_, position) => position % folds === fold));
    dates = { correct: dates.correct + score.dateCorrect, total: dates.total + score.dateTotal };
    people = { found: people.found + score.foundPeople, total: people.total + score.goldPeople };
    console.log(
      `  fold ${fold}: dates ${score.dateCorrect}/${score.dateTotal} = ${share(score.dateCorrect, score.dateTotal)}, ` +
        `people ${score.foundPeople}/${score.goldPeople} = ${share(score.foundPeople, score.goldPeople)}`,
    );
  }
  console.log(
    `  all: dates ${dates.correct}/${dates.total} = ${share(dates.correct, dates.total)}, ` +
      `people ${people.found}/${people.total} = ${share(people.found, people.total)}`,
  );
}

function details({ example, answer, right }: Verdict) {
  const { ranked, unanswerable, features } = assess(example.analysis, foldModels[example.fold] ?? shipped);
  const holdingRank = ranked.findIndex(
    ({ candidate }) =>
      example.holds[example.analysis.candidates.findIndex((analysed) => analysed.candidate === candidate)],
  );
  return {
    set: example.set.name,
    id: example.question.id,
    kind: example.question.kind,
    fold: example.fold,
    q: example.question.q,
    abstain: example.question.abstain === true,
    right,
    answer: answer.answer,
    cited: answer.citations.map((citation) => `${citation.article} ¶${citation.paragraph}`),
    unanswerable: Number(unanswerable.toFixed(3)),
    answerability: features,
    best: ranked[0]?.features,
    holdingRank,
    ranked: ranked
      .slice(0, 3)
      .map(
        ({ candidate, score }) =>
          `${score.toFixed(2)} ${candidate.article.id}: ${candidate.sentence.text.slice(0, 100)}`,
      ),
    holding: example.analysis.candidates
      .filter((_, index) => example.holds[index])
      .map(({ candidate }) => candidate.sentence.text.slice(0, 120)),
  };
}

function modelsSource(models: AnswerModels, heldOut: readonly Verdict[]): string {
  const round = (value: number) => Number(value.toFixed(3));
  const pooled = figures(heldOut.filter(({ example }) => example.set.pooled));
  const rankingLines = RANKING_FEATURES.map((name) => `    ${name}: ${round(models.ranking[name])},`);
  const answerabilityLines = ANSWERABILITY_FEATURES.map(
    (name) => `      ${name}: ${round(models.answerability.weights[name])},`,
  );
  return [
    '// Written by `npm run eval -- --write` (scripts/eval.ts): the answer models fitted on every development set.',
    '// Do not edit by hand; refit instead. Out of fold when written (pooled seed, SQuAD and news dev sets):',
    `// answered right ${pooled.answeredRight.toFixed(3)}, false abstain ${pooled.falseAbstain.toFixed(3)}, abstained right ${pooled.abstainedRight.toFixed(3)}.`,
    "import type { AnswerModels } from './models.js';",
    '',
    'export const FITTED_MODELS: AnswerModels = {',
    '  ranking: {',
    ...rankingLines,
    '  },',
    '  answerability: {',
    '    weights: {',
    ...answerabilityLines,
    '    },',
    `    intercept: ${round(models.answerability.intercept)},`,
    `    abstainAbove: ${models.answerability.abstainAbove},`,
    '  },',
    '};',
    '',
  ].join('\n');
}

/** FNV-1a: a stable shuffle of articles into folds, the same on every machine. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    value ^= text.charCodeAt(index);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}
