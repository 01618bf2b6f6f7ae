import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createArticleBot } from '../src/app.js';
import { assess } from '../src/answer/extractiveAnswerer.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
import { FITTED_MODELS } from '../src/answer/fittedModels.js';
const [corpus, ...ids] = process.argv.slice(2);
const questions = readFileSync(path.join(corpus!, '..', 'questions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
const config = loadConfig({ ...process.env, CORPUS_DIR: corpus, INDEX_DIR: mkdtempSync(path.join(tmpdir(), 'dbg-')) });
const bot = await createArticleBot({ config, logger: createLogger('warn') });
for (const q of questions.filter((q: any) => ids.length === 0 || ids.includes(q.id))) {
  const analysis = bot.analyse(q.q);
  const { ranked } = assess(analysis, FITTED_MODELS);
  const best = ranked[0];
  if (!best) continue;
  console.log(q.id, q.q);
  console.log('  best:', best.candidate.sentence.text.slice(0, 140));
  console.log('  terms:', best.candidate.contextMatches.map((m) => `${m.term.word}${m.term.proper ? '*' : ''}${m.term.verb ? 'v' : ''}=${m.strength.toFixed(2)}/${m.term.weight.toFixed(2)}`).join(' '));
}
process.exit(0);
