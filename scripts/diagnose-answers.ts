// Per-question diagnostics over a SQuAD-format development set, one JSON object a line: where the first
// candidate sentence holding a gold answer ranks, the probability of "not answered", the answer and whether it
// would be judged right, and the best candidates with their ranking features. Usage:
//   CORPUS_DIR=../shared/eval/squad-dev/corpus INDEX_DIR=/tmp/squad-index \
//     npx tsx scripts/diagnose-answers.ts ../shared/eval/squad-dev/questions.jsonl > diagnosis.jsonl
import { readFileSync } from 'node:fs';
import { createArticleBot } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { foldText } from '../src/corpus/tokens.js';
import { createLogger } from '../src/logger.js';

const fold = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();
const questionsFile = process.argv[2];
if (!questionsFile) throw new Error('usage: diagnose-answers.ts QUESTIONS.jsonl');
const config = loadConfig(process.env);
const bot = await createArticleBot({ config, logger: createLogger('warn') });
for (const line of readFileSync(questionsFile, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const question = JSON.parse(line) as { id: string; q: string; abstain?: boolean; answers: string[] };
  const golds = question.answers.map(fold).filter((gold) => gold !== '');
  const explained = bot.explain(question.q);
  const answer = await bot.ask(question.q);
  const rank = explained.ranked.findIndex(({ candidate }) =>
    golds.some((gold) => fold(candidate.sentence.text).includes(gold)),
  );
  const right =
    !answer.abstained &&
    golds.some(
      (gold) =>
        fold(answer.answer).includes(gold) &&
        answer.citations.some((citation) => fold(citation.text).includes(gold)),
    );
  process.stdout.write(
    `${JSON.stringify({
      id: question.id,
      q: question.q,
      golds,
      abstain: question.abstain === true,
      abstained: answer.abstained,
      right,
      rank,
      p: Number(explained.unanswerable.toFixed(3)),
      answer: answer.answer,
      features: explained.features,
      top: explained.ranked.slice(0, 5).map(({ candidate, features, score }) => ({
        text: candidate.sentence.text.slice(0, 160),
        score: Number(score.toFixed(3)),
        features: Object.fromEntries(
          Object.entries(features).map(([name, value]) => [name, Number(value.toFixed(2))]),
        ),
      })),
    })}\n`,
  );
}
