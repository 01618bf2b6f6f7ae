// Dumps, for every question of a development set, the answerability features of the best candidate and
// whether the question is answerable, one JSON object a line: the data the weights in
// src/answer/answerability.ts were fitted on (logistic regression). Usage:
//   CORPUS_DIR=... INDEX_DIR=... npx tsx scripts/answerability-features.ts QUESTIONS.jsonl > features.jsonl
import { readFileSync } from 'node:fs';
import { createArticleBot } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';

const questionsFile = process.argv[2];
if (!questionsFile) throw new Error('usage: answerability-features.ts QUESTIONS.jsonl');
const config = loadConfig(process.env);
const bot = await createArticleBot({ config, logger: createLogger('warn') });
for (const line of readFileSync(questionsFile, 'utf8').split('\n')) {
  if (line.trim() === '') continue;
  const question = JSON.parse(line) as { id: string; q: string; abstain?: boolean };
  const { features } = bot.explain(question.q);
  process.stdout.write(
    `${JSON.stringify({ id: question.id, abstain: question.abstain === true, features })}\n`,
  );
}
