// Adding articles: from `/article add <link>` to the article being answerable, on the seed corpus with the bot's
// own embedder; and how long /gaps takes over a large feedback log.
//
//   npx tsx scripts/bench-ingest.ts [--rounds 5]
//
// `runIngestBench` is exported for scripts/bench.ts. Pages come from a loopback server started here; the build
// process, the enricher and the word vectors are the bot's, so the first add pays for starting the build process
// (as the first add after a bot starts does) and later ones find it warm.
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { createArticleBot } from '../src/app.js';
import { loadConfig } from '../src/config/config.js';
import { SqliteFeedbackLog } from '../src/feedback/sqliteFeedbackLog.js';
import { extractFromHtml } from '../src/ingest/extractArticle.js';
import { median } from './benchTasks.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TOWNS = 'Brookfield Ashworth Millbrook Carrow Dunmere Elsford Fallowby Greywater'.split(' ');
/** A different story each round, so each question has one right article, as news does. */
const FACILITIES = [
  'library',
  'swimming pool',
  'footbridge',
  'museum',
  'bus station',
  'concert hall',
  'ice rink',
];

export interface IngestBenchOptions {
  /** Adds timed after the first; medians are reported. Default 5. */
  rounds?: number;
  log?: (line: string) => void;
}

/** A news page as sites write them (navigation, JSON-LD, share bar, related stories), about one made-up town. */
function newsPage(round: number): { html: string; question: string; answer: string } {
  const town = TOWNS[round % TOWNS.length] ?? 'Brookfield';
  const facility = FACILITIES[round % FACILITIES.length] ?? 'library';
  const cost = 2 + round;
  const answer = `The new ${facility} cost ${cost}.5 million pounds, paid for by a regional grant and a local appeal.`;
  const html = `<!doctype html><html><head><title>${town} opens its new ${facility} | County Post</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"${town} opens its new ${facility}","datePublished":"2024-06-${String((round % 27) + 1).padStart(2, '0')}",
"author":{"@type":"Person","name":"Imogen Hale"},"publisher":{"@type":"Organization","name":"County Post"}}</script>
</head><body><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>${town} opens its new ${facility}</h1><p class="byline">By Imogen Hale</p>
<p>The town of ${town} opened its new ${facility} on Saturday, replacing one that closed after a flood in 2019.</p>
<p>${answer}</p>
<div class="share"><a>Share</a> <a>Email</a></div>
<p>Manager Oskar Lindgren said the ${facility} would stay open until eight in the evening on weekdays.</p>
<p>Council leader Ruth Abara called the opening the end of five years of campaigning by residents.</p>
</article><section class="related"><h2>Related</h2><ul><li><a href="/x">Council elections next month</a></li></ul></section>
<footer>County Post</footer></body></html>`;
  return { html, question: `How much did the new ${facility} in ${town} cost?`, answer };
}

export async function runIngestBench(options: IngestBenchOptions = {}): Promise<Record<string, number>> {
  const log = options.log ?? (() => undefined);
  const rounds = options.rounds ?? 5;
  const workspace = await mkdtemp(path.join(tmpdir(), 'article-bot-bench-ingest-'));
  const server = createServer((request, response) => {
    const round = Number(/^\/story\/(\d+)$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
    if (!Number.isInteger(round)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(newsPage(round).html);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  const results: Record<string, number> = {};
  try {
    const corpus = path.join(workspace, 'corpus');
    await cp(path.join(ROOT, 'corpus'), corpus, { recursive: true });
    const cacheDir = path.join(ROOT, 'data', 'embeddings');
    const config = loadConfig({
      CORPUS_DIR: corpus,
      INDEX_DIR: path.join(workspace, 'index'),
      DATA_DIR: path.join(workspace, 'data'),
      EMBEDDINGS: existsSync(cacheDir) ? 'wink' : 'hashing',
      EMBEDDINGS_CACHE_DIR: cacheDir,
      ARTICLE_FETCH_ALLOW_PRIVATE: 'true',
      REINDEX_MIN_INTERVAL_SECONDS: '0',
    });
    const bot = await createArticleBot({ config, logger: pino({ level: 'silent' }) });

    const extraction: number[] = [];
    for (let round = 0; round < 20; round++) {
      const started = performance.now();
      extractFromHtml(newsPage(round).html, 'https://county-post.example/story', 'the page');
      extraction.push(performance.now() - started);
    }

    const addMs: number[] = [];
    const answerableMs: number[] = [];
    let answered = 0;
    const addedIds: string[] = [];
    for (let round = 0; round <= rounds; round++) {
      const page = newsPage(round);
      const started = performance.now();
      const added = await bot.addArticle({
        input: { kind: 'url', url: `http://127.0.0.1:${port}/story/${round}` },
        requestedBy: 'bench',
      });
      const addedAt = performance.now();
      addedIds.push(added.id);
      const answer = await bot.ask(page.question);
      const done = performance.now();
      if (!answer.abstained && answer.citations.some((citation) => citation.article === added.id)) answered++;
      log(
        `add ${round}: ${(addedAt - started).toFixed(0)} ms to indexed, ${(done - started).toFixed(0)} ms to answered (${answer.abstained ? 'abstained' : 'answered'})`,
      );
      if (round === 0) {
        results['firstAddToAnswerableMs'] = done - started;
      } else {
        addMs.push(addedAt - started);
        answerableMs.push(done - started);
      }
    }
    const removeMs: number[] = [];
    for (const id of addedIds.slice(1, 4)) {
      const started = performance.now();
      await bot.removeArticle({ id, requestedBy: 'bench' });
      removeMs.push(performance.now() - started);
    }

    const feedback = new SqliteFeedbackLog({ file: path.join(workspace, 'gaps.sqlite'), retentionDays: 90 });
    const recordStarted = performance.now();
    const questions = 10_000;
    for (let index = 0; index < questions; index++) {
      feedback.record({
        kind: index % 4 === 0 ? 'disliked' : 'unanswered',
        question: `What happened to road ${index % 700} in ${TOWNS[index % TOWNS.length] ?? ''}?`,
        mode: 'extractive',
        articles: [`article-${index % 13}`],
        at: new Date(Date.now() - (index % 30) * 86_400_000),
      });
    }
    const recordMs = (performance.now() - recordStarted) / questions;
    const gapsStarted = performance.now();
    feedback.gaps({ days: 30, limit: 10 });
    const gapsMs = performance.now() - gapsStarted;
    feedback.close();

    Object.assign(results, {
      warmAddToIndexedMsMedian: median(addMs),
      warmAddToAnswerableMsMedian: median(answerableMs),
      answeredFromNewArticle: answered,
      adds: rounds + 1,
      removeMsMedian: median(removeMs),
      extractPageMsMedian: median(extraction),
      feedbackRecordMsMean: recordMs,
      gapsOver10000QuestionsMs: gapsMs,
    });
    return results;
  } finally {
    server.close();
    await rm(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { rounds: { type: 'string' } } });
  const results = await runIngestBench({
    ...(values.rounds ? { rounds: Number(values.rounds) } : {}),
    log: (line) => process.stderr.write(`${line}\n`),
  });
  for (const [name, value] of Object.entries(results)) {
    process.stdout.write(
      `${name.padEnd(30)} ${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 3 : 1)}\n`,
    );
  }
  // The bot's build process and timers would keep the script alive; the figures are printed.
  process.exit(0);
}
