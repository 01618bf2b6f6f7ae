import { createArticleBot } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { createLogger } from '../src/logger.js';
const bot = await createArticleBot({ config: loadConfig(process.env), logger: createLogger('warn') });
for (const q of process.argv.slice(2)) {
  const e = bot.explain(q);
  console.log('==', q, e.unanswerable.toFixed(3));
  for (const r of e.ranked.slice(0, 4)) {
    console.log(r.score.toFixed(2), r.candidate.sentence.text.slice(0, 90));
    console.log('    ', r.candidate.matches.map((m) => `${m.term.word}${m.term.proper ? '*' : ''}${m.term.verb ? 'v' : ''}:${m.term.weight.toFixed(1)}=${m.strength.toFixed(2)}(${m.matched ?? ''})`).join(' '));
  }
}
