import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createArticleBot } from './src/app.ts';
import { loadConfig } from './src/config/config.ts';
import { createLogger } from './src/logger.ts';
const [corpus, qfile] = process.argv.slice(2);
const config = loadConfig({ ...process.env, CORPUS_DIR: corpus, INDEX_DIR: mkdtempSync(path.join(tmpdir(), 'prof-')) });
const bot = await createArticleBot({ config, logger: createLogger('warn') });
const qs = readFileSync(qfile!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).q);
for (let round = 0; round < 4; round++) {
  const times: number[] = [];
  for (const q of qs) { const t = performance.now(); await bot.ask(q); times.push(performance.now() - t); }
  times.sort((a, b) => a - b);
  console.log('round', round, 'p50', times[Math.floor(times.length / 2)]!.toFixed(2), 'p90', times[Math.floor(times.length * 0.9)]!.toFixed(2));
}
